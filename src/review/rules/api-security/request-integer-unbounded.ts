import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { normalizeParameterName, PAGE_SIZE_PARAMETERS } from "../../openapi/pagination-parameters.js";
import { requestSchemas, schemaTypes } from "../../openapi/schema-walk.js";

/** `id`, `user_id`, `meetingId`, `playlistID`, `ids`: a number the server looks up, never counts or loops to. */
const IDENTIFIER = /^ids?$|[_-]ids?$|[a-z0-9]Ids?$|IDs?$/;
/** Comparison operators of a range filter (`created[gte]`, `amount_gte`, `{created: {lt: ...}}`). */
const RANGE_OPERATORS = new Set(["gt", "gte", "lt", "lte", "eq", "ne", "min", "max"]);
/** Names of one end of a range filter or of a point in time (`since`, `from`, `expires_at`). */
const RANGE_BOUND =
  /^(?:from|to|since|until|before|after|start|end|created|updated|modified|deleted)$|_(?:at|gt|gte|lt|lte|before|after|since|until)$|\[(?:gt|gte|lt|lte)\]$/;

/**
 * Numbers a maximum protects nothing for: an identifier is looked up by equality, and a range-filter
 * bound or timestamp only narrows what is read (a bound above every row selects what no bound selects).
 */
function needsNoMaximum(name: string | undefined, parents: readonly string[]): boolean {
  if (name === undefined) return false;
  if (IDENTIFIER.test(name) || RANGE_BOUND.test(name)) return true;
  return RANGE_OPERATORS.has(name) && parents.length > 0;
}

export const requestIntegerUnbounded: OpenApiRule = {
  meta: {
    id: "request-integer-unbounded",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "An integer or number sent by the client (parameter or body) has no `maximum`; identifiers, timestamps and range-filter bounds are left out.",
    rationale:
      "Numbers drive work: `page=10000000` makes the database skip ten million rows, `quantity=1e9` allocates, `retries=99999` loops. An undeclared maximum is also where integer overflows between services begin.",
    howToFix:
      "Add `minimum` and `maximum` (or an `enum`) to the schema; page-size parameters are covered by pagination-limit-unbounded.",
    owasp: "API4:2023 Unrestricted Resource Consumption",
  },
  check(context, report) {
    for (const visit of requestSchemas(context)) {
      const types = schemaTypes(visit.schema);
      if (!types.includes("integer") && !types.includes("number")) continue;
      if (visit.name !== undefined && PAGE_SIZE_PARAMETERS.has(normalizeParameterName(visit.name))) continue;
      if (needsNoMaximum(visit.name, visit.parents)) continue;
      const v = visit.schema.object ?? {};
      if (
        v.maximum !== undefined ||
        v.exclusiveMaximum !== undefined ||
        v.enum !== undefined ||
        v.const !== undefined
      ) {
        continue;
      }
      const what = visit.name === undefined ? "a request number" : `request number "${visit.name}"`;
      report({
        message: `${what} has no maximum`,
        location: context.locate(visit.schema),
        fix: "add `maximum` (and `minimum`)",
      });
    }
  },
};
