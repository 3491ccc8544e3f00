import type { SourceLocation } from "./source-location.js";

export const SCALAR_TYPES = [
  "string",
  "text",
  "integer",
  "bigint",
  "decimal",
  "boolean",
  "email",
  "url",
  "uuid",
  "date",
  "timestamp",
  "enum",
  "json",
] as const;

export type ScalarType = (typeof SCALAR_TYPES)[number];

export const ON_DELETE_ACTIONS = ["cascade", "restrict", "set-null", "no-action"] as const;
export type OnDeleteAction = (typeof ON_DELETE_ACTIONS)[number];

interface FieldBase {
  /** Field name as written in the spec (camelCase by convention). */
  readonly name: string;
  readonly description: string | undefined;
  /** false when the field may be absent/NULL. */
  readonly required: boolean;
  readonly unique: boolean;
  /** Personally identifiable information: masked in logs, called out in the security section. */
  readonly pii: boolean;
  /** Never returned by the API (password hashes, tokens). */
  readonly secret: boolean;
  /** Not settable by clients after creation (references and key parts by default). */
  readonly immutable: boolean;
  /** Set only by the service (computed totals, workflow states): never accepted from clients. */
  readonly serverSet: boolean;
  /** Changes what a caller may do (role, plan): only the most privileged role may set it. */
  readonly privileged: boolean;
  readonly location: SourceLocation;
}

export interface ScalarField extends FieldBase {
  readonly kind: "scalar";
  readonly type: ScalarType;
  /** Maximum length for string/text, maximum value for integer/decimal. */
  readonly max: number | undefined;
  /** Minimum length for string/text, minimum value for integer/decimal. */
  readonly min: number | undefined;
  /** decimal only. */
  readonly precision: number | undefined;
  readonly scale: number | undefined;
  /** enum only, in spec order. */
  readonly values: readonly string[];
  readonly default: string | number | boolean | undefined;
}

export interface RefField extends FieldBase {
  readonly kind: "ref";
  /** Name of the referenced entity. */
  readonly target: string;
  readonly onDelete: OnDeleteAction;
  /** true when the spec stated onDelete; false when archwright chose it. */
  readonly onDeleteExplicit: boolean;
}

export type Field = ScalarField | RefField;

export const Field = {
  isRef(field: Field): field is RefField {
    return field.kind === "ref";
  },
  isScalar(field: Field): field is ScalarField {
    return field.kind === "scalar";
  },
} as const;
