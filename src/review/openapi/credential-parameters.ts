import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation } from "../../import/openapi/openapi-review-context.js";
import { normalizeParameterName } from "./pagination-parameters.js";

/** Parameter names (normalized: lower case, no separators) that carry a credential. */
export const CREDENTIAL_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  "apikey",
  "apisecret",
  "apitoken",
  "accesstoken",
  "authtoken",
  "token",
  "password",
  "secret",
  "clientsecret",
  "sessionid",
  "sessiontoken",
  "jwt",
]);

export function isCredentialParameter(parameter: OpenApiNode): boolean {
  return CREDENTIAL_PARAMETER_NAMES.has(normalizeParameterName(parameter.string("name") ?? ""));
}

/**
 * `GET /account/get-balance?api_key=...&api_secret=...`: the operation authenticates, only through
 * parameters instead of a declared security scheme (a path parameter names an object, not a caller).
 */
export function authenticatesByParameter(operation: OpenApiOperation): boolean {
  return operation.parameters.some(
    (p) => p.string("in") !== "path" && p.object?.required === true && isCredentialParameter(p),
  );
}
