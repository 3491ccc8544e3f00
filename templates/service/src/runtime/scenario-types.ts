/** The shape of src/generated/scenarios.ts: what the generated use-case tests perform. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SeedColumn {
  readonly name: string;
  readonly value: JsonValue;
  /** The entity whose seeded row this column points at. */
  readonly ref?: string | undefined;
  readonly unique: boolean;
  readonly nullable: boolean;
  readonly property?: string | undefined;
}

export interface SeedTable {
  readonly entity: string;
  readonly service: string;
  readonly table: string;
  readonly keyColumns: readonly string[];
  readonly columns: readonly SeedColumn[];
}

export interface UseCaseScenario {
  readonly useCase: string;
  readonly actor: string;
  readonly operationId: string;
  readonly entity: string;
  readonly status: number;
  readonly body?: JsonValue | undefined;
}

export interface ScenarioData {
  readonly persons: Readonly<Record<string, string>>;
  readonly tenantEntity?: string | undefined;
  readonly tables: readonly SeedTable[];
  readonly resetTables: readonly string[];
  readonly useCases: readonly UseCaseScenario[];
  readonly matrix: readonly {
    readonly operationId: string;
    readonly actor: string;
    readonly allowed: boolean;
  }[];
}
