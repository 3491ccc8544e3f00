import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { mediaTypeRemoved } from "./media-type-removed.js";
import { operationRemoved } from "./operation-removed.js";
import { operationSecurityTightened } from "./operation-security-tightened.js";
import { parameterBecameRequired } from "./parameter-became-required.js";
import { parameterRemoved } from "./parameter-removed.js";
import { requestPropertyBecameRequired } from "./request-property-became-required.js";
import { requestValueNarrowed } from "./request-value-narrowed.js";
import { responseEnumValueAdded } from "./response-enum-value-added.js";
import { responsePropertyBecameOptional } from "./response-property-became-optional.js";
import { responsePropertyRemoved } from "./response-property-removed.js";
import { schemaTypeChanged } from "./schema-type-changed.js";
import { securityScopeRemoved } from "./security-scope-removed.js";
import { successStatusRemoved } from "./success-status-removed.js";

/** Rules comparing two versions of one OpenAPI description, sorted by id. */
export const breakingChangeRules: readonly BreakingChangeRule[] = Object.freeze([
  mediaTypeRemoved,
  operationRemoved,
  operationSecurityTightened,
  parameterBecameRequired,
  parameterRemoved,
  requestPropertyBecameRequired,
  requestValueNarrowed,
  responseEnumValueAdded,
  responsePropertyBecameOptional,
  responsePropertyRemoved,
  schemaTypeChanged,
  securityScopeRemoved,
  successStatusRemoved,
]);
