import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { credentialsInQuery } from "./credentials-in-query.js";
import { httpBasicAuth } from "./http-basic-auth.js";
import { oauthDeprecatedFlow } from "./oauth-deprecated-flow.js";
import { operationWithoutSecurity } from "./operation-without-security.js";
import { rateLimitNotDocumented } from "./rate-limit-not-documented.js";
import { requestArrayUnbounded } from "./request-array-unbounded.js";
import { requestIntegerUnbounded } from "./request-integer-unbounded.js";
import { requestStringUnbounded } from "./request-string-unbounded.js";
import { secretInResponse } from "./secret-in-response.js";
import { securedOperationWithout401403 } from "./secured-operation-without-401-403.js";
import { securitySchemeUndefined } from "./security-scheme-undefined.js";
import { sequentialIdInPath } from "./sequential-id-in-path.js";
import { serverNotHttps } from "./server-not-https.js";
import { urlInputSsrf } from "./url-input-ssrf.js";
import { writeBodyOpenProperties } from "./write-body-open-properties.js";

/** API security rules over one OpenAPI description, sorted by id. */
export const apiSecurityRules: readonly OpenApiRule[] = Object.freeze([
  credentialsInQuery,
  httpBasicAuth,
  oauthDeprecatedFlow,
  operationWithoutSecurity,
  rateLimitNotDocumented,
  requestArrayUnbounded,
  requestIntegerUnbounded,
  requestStringUnbounded,
  secretInResponse,
  securedOperationWithout401403,
  securitySchemeUndefined,
  sequentialIdInPath,
  serverNotHttps,
  urlInputSsrf,
  writeBodyOpenProperties,
]);
