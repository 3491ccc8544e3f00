import type { AuthMethod, Model } from "../../model/index.js";
import { count, listText } from "./number-text.js";
import type { TechnologyChoice } from "./technology-choice.js";

/** Above this many daily users, per-active-user IdP pricing outweighs the cost of running one. */
export const SELF_PRICED_IDP_MIN_DAU = 100_000;

type IdentityProvider = "api-keys-only" | "auth0" | "cognito" | "keycloak";

export function chooseIdentityProvider(model: Model): IdentityProvider {
  const auth = new Set<AuthMethod>(model.security.auth);
  if (auth.size === 0 || [...auth].every((m) => m === "api-key")) return "api-keys-only";
  const large = model.scale.dailyActiveUsers >= SELF_PRICED_IDP_MIN_DAU;
  // Cognito federates OIDC and SAML providers but GitHub's OAuth is not OIDC, so it needs a shim.
  if (auth.has("oauth2-github")) return large ? "keycloak" : "auth0";
  return large ? "cognito" : "auth0";
}

export function identityChoice(model: Model): TechnologyChoice {
  const { auth, compliance, roles } = model.security;
  const methods = listText([...auth]);
  const dau = count(model.scale.dailyActiveUsers);
  const regimes = compliance.length > 0 ? ` under ${listText(compliance)}` : "";
  const provider = chooseIdentityProvider(model);
  const roleClaim =
    roles.length > 0 ? ` Roles (${listText(roles)}) travel as a token claim checked by every service.` : "";
  const magicLink = auth.includes("magic-link");
  const federated = auth.filter((m) => m !== "password" && m !== "api-key" && m !== "magic-link");

  if (provider === "api-keys-only") {
    return {
      concern: "Identity",
      choice: "API keys issued by the identity service, stored as SHA-256 hashes",
      rationale: `The only auth method is api-key: machine clients, no interactive login, so a hosted login page buys nothing.${roleClaim}`,
      alternatives: [
        {
          name: "OAuth 2.0 client credentials via Auth0",
          whyNot: "Token exchange and per-client pricing for clients that only need a revocable key.",
        },
      ],
      tradeOff:
        "We own key issuance, rotation and revocation; adding user login later means adding an IdP then.",
    };
  }
  const alternatives = {
    auth0: {
      name: "Auth0",
      whyNot: `Priced per monthly active user: at ${dau} daily users that is an enterprise contract.`,
    },
    cognito: {
      name: "Amazon Cognito",
      whyNot: auth.includes("oauth2-github")
        ? "No native GitHub sign-in (GitHub OAuth is not OIDC), so it needs a custom OIDC wrapper we would run."
        : "Less flexible login flows and hosted UI; customisation goes through Lambda triggers.",
    },
    keycloak: {
      name: "Keycloak (self-hosted)",
      whyNot: `The login path becomes ours to run, patch and keep at ${model.scale.availability}% availability, for what a managed provider already does at ${dau} daily users.`,
    },
  };
  const common = `Sign-in methods ${methods}${regimes}: tokens are OIDC JWTs (authorization code + PKCE) that the gateway and services verify against the provider's JWKS; password hashes, MFA and breached-password checks stay out of our databases.${roleClaim}${localCredentialNote(model)}`;
  switch (provider) {
    case "auth0":
      return {
        concern: "Identity",
        choice: "Auth0 (managed OIDC provider)",
        rationale: `${common} At ${dau} daily users a managed tenant with every listed method built in${magicLink ? " (including passwordless email links)" : ""} is cheaper than running one.`,
        alternatives: [alternatives.cognito, alternatives.keycloak],
        tradeOff:
          "Per-user pricing grows with the user base, and migrating users off later needs password-hash export.",
      };
    case "cognito":
      return {
        concern: "Identity",
        choice: "Amazon Cognito user pools (managed OIDC provider)",
        rationale: `${common} At ${dau} daily users Cognito's per-user price is a fraction of Auth0's, ${federated.length > 0 ? `it federates ${listText(federated)} natively` : "it handles password sign-in with MFA"}${compliance.includes("hipaa") ? ", and it is HIPAA-eligible under the AWS BAA" : ""}.`,
        alternatives: [alternatives.auth0, alternatives.keycloak],
        tradeOff: `Custom flows need Lambda triggers; user pools cannot change their sign-in attributes after creation${magicLink ? "; magic links become email one-time codes" : ""}.`,
      };
    case "keycloak":
      return {
        concern: "Identity",
        choice: "Keycloak (self-hosted, highly available, on its own PostgreSQL database)",
        rationale: `${common} At ${dau} daily users per-user pricing is an enterprise contract, and GitHub sign-in rules out Cognito without a shim; Keycloak brokers ${methods} natively with brute-force detection.`,
        alternatives: [alternatives.auth0, alternatives.cognito],
        tradeOff: `We run the login path: upgrades, clustering and its database are on our on-call${magicLink ? "; magic links need an extension" : ""}.`,
      };
  }
}

/**
 * A spec that stores credentials itself (a secret field named like a password) contradicts a
 * hosted identity provider; say which way to resolve it instead of silently designing both.
 */
function localCredentialNote(model: Model): string {
  const fields = model.entities.flatMap((e) =>
    e.fields
      .filter((f) => f.secret && /password|passwd|credential/i.test(f.name))
      .map((f) => `${e.name}.${f.name}`),
  );
  if (fields.length === 0) return "";
  return ` The spec also stores ${listText(fields)}: with a separate identity provider that column should go (the provider keeps credentials and the service stores only its subject id); keep it only if password sign-in stays in-house, and then hash with Argon2id.`;
}
