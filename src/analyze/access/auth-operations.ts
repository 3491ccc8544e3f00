import type { AuthMethod, Model } from "../../model/index.js";
import { API_VERSION_PREFIX } from "../derive-resources.js";
import { kebabCase } from "../naming.js";
import { personEntities } from "./roles.js";

export type AuthOperationKind = "sign-up" | "token" | "revoke" | "oauth-callback" | "magic-link" | "saml-acs";

/** An operation that lets a caller get a token at all: public by nature, outside any entity. */
export interface AuthOperation {
  readonly kind: AuthOperationKind;
  readonly operationId: string;
  readonly method: "get" | "post";
  readonly path: string;
  readonly summary: string;
  /** The service that issues tokens: the one owning the person entity. */
  readonly service: string;
  /** The entity a sign-up creates. */
  readonly person: string | undefined;
  /** Token grants this operation accepts (token only). */
  readonly grants: readonly string[];
}

const OAUTH: readonly AuthMethod[] = ["oauth2-google", "oauth2-github", "oauth2-microsoft", "oidc"];

/**
 * The operations `security.auth` needs for anyone to sign in: sign-up and a token endpoint for
 * passwords, a callback per OAuth/OIDC provider, a magic-link request, a SAML assertion consumer,
 * and refresh and revocation for every token the API issues. API keys are issued out of band.
 */
export function planAuthOperations(model: Model): AuthOperation[] {
  const auth = model.security.auth;
  const persons = personEntities(model);
  const person = persons[0];
  const service = person?.service ?? model.services[0] ?? "core";
  const signsIn = auth.some((a) => a !== "api-key");
  if (!signsIn) return [];
  const grants = [
    ...(auth.includes("password") ? ["password"] : []),
    ...(auth.some((a) => OAUTH.includes(a)) || auth.includes("saml") ? ["authorization_code"] : []),
    ...(auth.includes("magic-link") ? ["magic_link"] : []),
    "refresh_token",
  ];
  const ops: AuthOperation[] = [];
  const base = { service, person: person?.name, grants: [] as string[] };
  // One sign-up per kind of person: a rider and a driver sign up with different details.
  if (auth.includes("password"))
    for (const p of persons) {
      const single = persons.length === 1;
      ops.push({
        ...base,
        service: p.service,
        person: p.name,
        kind: "sign-up",
        operationId: single ? "createRegistration" : `create${p.name}Registration`,
        method: "post",
        path: single
          ? `${API_VERSION_PREFIX}/registrations`
          : `${API_VERSION_PREFIX}/${kebabCase(p.name)}-registrations`,
        summary: `Sign up: create a ${p.name} with a password`,
      });
    }
  ops.push({
    ...base,
    kind: "token",
    operationId: "createToken",
    method: "post",
    path: `${API_VERSION_PREFIX}/tokens`,
    summary: "Sign in or refresh: exchange credentials for an access token",
    grants,
  });
  ops.push({
    ...base,
    kind: "revoke",
    operationId: "createTokenRevocation",
    method: "post",
    path: `${API_VERSION_PREFIX}/token-revocations`,
    summary: "Sign out: revoke a refresh token (RFC 7009)",
  });
  if (auth.some((a) => OAUTH.includes(a)))
    ops.push({
      ...base,
      kind: "oauth-callback",
      operationId: "getOauthCallback",
      method: "get",
      path: `${API_VERSION_PREFIX}/oauth-callbacks/{provider}`,
      summary: "OAuth callback: the provider returns the user here with a code",
    });
  if (auth.includes("magic-link"))
    ops.push({
      ...base,
      kind: "magic-link",
      operationId: "createMagicLink",
      method: "post",
      path: `${API_VERSION_PREFIX}/magic-links`,
      summary: "Email a one-time sign-in link",
    });
  if (auth.includes("saml"))
    ops.push({
      ...base,
      kind: "saml-acs",
      operationId: "createSamlAssertion",
      method: "post",
      path: `${API_VERSION_PREFIX}/saml-assertions`,
      summary: "SAML assertion consumer: the identity provider posts the signed assertion here",
    });
  return ops;
}

/** The OAuth providers `security.auth` names, as they appear in the callback path. */
export function oauthProviders(model: Model): string[] {
  return model.security.auth
    .filter((a) => OAUTH.includes(a))
    .map((a) => a.replace(/^oauth2-/, ""))
    .sort();
}
