import { ANONYMOUS_ACTOR, type Model } from "../../model/index.js";
import type { Resource } from "../derive-resources.js";
import { planAuthOperations } from "./auth-operations.js";

/** One role's (or the anonymous caller's) right to one operation. */
export interface AccessCell {
  readonly actor: string;
  readonly allowed: boolean;
  /** The rows it reaches in words, when allowed. */
  readonly rows: string | null;
  /** The WHERE condition it implies (`:caller` is the caller's person id), when allowed. */
  readonly filter: string | null;
}

export interface AccessMatrixRow {
  readonly service: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly useCases: readonly string[];
  readonly cells: readonly AccessCell[];
}

export interface AccessMatrix {
  /** `anonymous` first, then the roles in spec order. */
  readonly actors: readonly string[];
  readonly rows: readonly AccessMatrixRow[];
}

/**
 * Role x operation, with the row filter: what the contract enforces, in one table. Built from the
 * derived resources (and the sign-in operations), so it cannot disagree with the OpenAPI documents.
 */
export function accessMatrix(model: Model, resources: readonly Resource[]): AccessMatrix {
  const actors = [ANONYMOUS_ACTOR, ...model.security.roles];
  const rows: AccessMatrixRow[] = [];
  for (const op of planAuthOperations(model)) {
    rows.push({
      service: op.service,
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      useCases: [],
      cells: actors.map((actor) => ({
        actor,
        allowed: true,
        rows: "open: signs the caller in",
        filter: null,
      })),
    });
  }
  for (const resource of resources) {
    for (const op of resource.operations) {
      rows.push({
        service: resource.service,
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        path: op.path,
        useCases: op.useCases,
        cells: actors.map((actor): AccessCell => {
          const grant = actor === ANONYMOUS_ACTOR ? op.publicGrant : op.grants.find((g) => g.role === actor);
          return grant
            ? { actor, allowed: true, rows: grant.rows, filter: grant.filter }
            : { actor, allowed: false, rows: null, filter: null };
        }),
      });
    }
  }
  return { actors, rows };
}
