import type { SagaUndo } from "../../analyze/integration/integration-types.js";
import { sagaEvent } from "../../analyze/integration/sagas.js";
import type { Integration } from "../../analyze/integration.js";
import type { ServiceSchema, Table } from "../../analyze/relational-schema.js";
import { entityTable, type OperationData } from "./service-operations.js";

/** How the runtime undoes a step (mirrors its `SagaUndoSpec`): the design's undo with its column. */
export type SagaUndoData =
  | { readonly kind: "set-status"; readonly column: string; readonly value: string }
  | { readonly kind: "reverse" }
  | { readonly kind: "reversing-row" };

/** The data the service runtime runs one saga from (mirrors its `SagaSpec`). */
export interface SagaData {
  readonly name: string;
  readonly useCase: string;
  readonly orchestrator: string;
  readonly table: string;
  readonly keyColumn: string;
  readonly keyProperty: string;
  readonly undo?: { readonly column: string; readonly value: string };
  readonly requested: string;
  readonly cancelled: string;
  readonly participants: readonly {
    readonly name: string;
    readonly completed: string;
    readonly failed: string;
    readonly steps: readonly {
      readonly table: string;
      readonly keyColumns: readonly string[];
      readonly undo: SagaUndoData;
    }[];
  }[];
}

function undoData(undo: SagaUndo, table: Table | undefined): SagaUndoData {
  if (undo.kind !== "set-status") return undo;
  const column = table?.columns.find((c) => c.origin.kind === "field" && c.origin.field.name === undo.field);
  // A status the table does not store cannot be set: reversing the change is what is left.
  return column ? { kind: "set-status", column: column.name, value: undo.value } : { kind: "reverse" };
}

/**
 * The sagas the service runs: each one started by the operation that publishes its `.requested`
 * event (the orchestrator's row is that operation's row), with each participant's tables and undo.
 */
export function serviceSagas(
  integration: Integration,
  schemas: readonly ServiceSchema[],
  operations: readonly OperationData[],
): SagaData[] {
  return integration.sagas.flatMap((saga): SagaData[] => {
    const requested = sagaEvent(saga.orchestrator, saga.useCase, "requested");
    const starter = operations.find((op) =>
      op.events.some((e) => e.name === requested && e.saga === saga.name),
    );
    const keyColumn = starter?.keyColumns[0];
    if (!starter || keyColumn === undefined) return [];
    const keyProperty =
      starter.events
        .find((e) => e.name === requested)
        ?.fields.find((f) => "row" in f.from && f.from.row === "id" && f.name !== "id")?.name ?? "id";
    const own = saga.steps.find(
      (s) => s.service === saga.orchestrator && entityTable(schemas, s.entity)?.name === starter.table,
    );
    const ownUndo = own ? undoData(own.undo, entityTable(schemas, own.entity)) : undefined;
    const participants = saga.participants
      .filter((p) => p !== saga.orchestrator)
      .map((name) => ({
        name,
        completed: sagaEvent(name, saga.useCase, "completed"),
        failed: sagaEvent(name, saga.useCase, "failed"),
        steps: saga.steps
          .filter((s) => s.service === name)
          .flatMap((s) => {
            const table = entityTable(schemas, s.entity);
            return table
              ? [{ table: table.name, keyColumns: table.primaryKey.columns, undo: undoData(s.undo, table) }]
              : [];
          }),
      }));
    return [
      {
        name: saga.name,
        useCase: saga.useCase,
        orchestrator: saga.orchestrator,
        table: starter.table,
        keyColumn,
        keyProperty,
        ...(ownUndo?.kind === "set-status" ? { undo: { column: ownUndo.column, value: ownUndo.value } } : {}),
        requested,
        cancelled: sagaEvent(saga.orchestrator, saga.useCase, "cancelled"),
        participants,
      },
    ];
  });
}
