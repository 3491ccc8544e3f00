import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { apiNotVersioned } from "./api-not-versioned.js";
import { createWithoutIdempotencyKey } from "./create-without-idempotency-key.js";
import { errorResponseInconsistent } from "./error-response-inconsistent.js";
import { errorResponseNotProblemJson } from "./error-response-not-problem-json.js";
import { listWithoutPagination } from "./list-without-pagination.js";
import { operationIdDuplicate } from "./operation-id-duplicate.js";
import { operationIdMissing } from "./operation-id-missing.js";
import { operationMissing4xx } from "./operation-missing-4xx.js";
import { operationWithoutSuccessResponse } from "./operation-without-success-response.js";
import { paginationLimitUnbounded } from "./pagination-limit-unbounded.js";
import { pathAmbiguous } from "./path-ambiguous.js";
import { pathDuplicate } from "./path-duplicate.js";
import { pathKebabCase } from "./path-kebab-case.js";
import { pathParameterMismatch } from "./path-parameter-mismatch.js";
import { pathTrailingSlash } from "./path-trailing-slash.js";
import { pathVerb } from "./path-verb.js";
import { propertyCasingInconsistent } from "./property-casing-inconsistent.js";
import { requestBodyOnGetOrDelete } from "./request-body-on-get-or-delete.js";
import { resourcePlural } from "./resource-plural.js";
import { responseWithoutRequestId } from "./response-without-request-id.js";

/** API design rules over one OpenAPI description, sorted by id. */
export const apiDesignRules: readonly OpenApiRule[] = Object.freeze([
  apiNotVersioned,
  createWithoutIdempotencyKey,
  errorResponseInconsistent,
  errorResponseNotProblemJson,
  listWithoutPagination,
  operationIdDuplicate,
  operationIdMissing,
  operationMissing4xx,
  operationWithoutSuccessResponse,
  paginationLimitUnbounded,
  pathAmbiguous,
  pathDuplicate,
  pathKebabCase,
  pathParameterMismatch,
  pathTrailingSlash,
  pathVerb,
  propertyCasingInconsistent,
  requestBodyOnGetOrDelete,
  resourcePlural,
  responseWithoutRequestId,
]);
