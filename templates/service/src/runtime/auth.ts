import { createRemoteJWKSet, generateKeyPair, type JWTVerifyGetKey, jwtVerify, SignJWT } from "jose";

/** Who is calling: the person id (`sub`), the role, and in multi-tenant designs the tenant. */
export interface Caller {
  readonly person: string;
  readonly role: string;
  readonly tenant: string | undefined;
}

export interface Authenticator {
  /** undefined: no token. Throws on a token that does not verify. */
  verify(authorization: string | undefined): Promise<Caller | undefined>;
  /** Present only with the local development issuer. */
  readonly issue: ((caller: Caller) => Promise<string>) | undefined;
}

export interface AuthOptions {
  /** Production: the identity provider's JWKS URL. Without it, a local development issuer. */
  readonly jwksUrl?: string | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

const DEV_ISSUER = "urn:archwright:dev-issuer";
const DEV_AUDIENCE = "urn:archwright:service";

export class InvalidToken extends Error {}

export async function createAuthenticator(options: AuthOptions): Promise<Authenticator> {
  let key: JWTVerifyGetKey | Awaited<ReturnType<typeof generateKeyPair>>["publicKey"];
  let issue: Authenticator["issue"];
  const issuer = options.issuer ?? (options.jwksUrl ? undefined : DEV_ISSUER);
  const audience = options.audience ?? (options.jwksUrl ? undefined : DEV_AUDIENCE);
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    issue = undefined;
  } else {
    // A fresh key pair per process: development tokens never outlive the process that issued them.
    const pair = await generateKeyPair("ES256");
    key = pair.publicKey;
    issue = (caller) =>
      new SignJWT({ role: caller.role, ...(caller.tenant ? { tenant: caller.tenant } : {}) })
        .setProtectedHeader({ alg: "ES256" })
        .setSubject(caller.person)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(pair.privateKey);
  }
  return {
    issue,
    async verify(authorization) {
      if (authorization === undefined) return undefined;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new InvalidToken("the Authorization header must be `Bearer <token>`");
      try {
        const verifyOptions = {
          algorithms: ["ES256", "RS256", "EdDSA"],
          ...(issuer ? { issuer } : {}),
          ...(audience ? { audience } : {}),
        };
        const { payload } =
          typeof key === "function"
            ? await jwtVerify(match[1], key, verifyOptions)
            : await jwtVerify(match[1], key, verifyOptions);
        if (typeof payload.sub !== "string" || typeof payload.role !== "string")
          throw new InvalidToken("the token has no `sub` or `role` claim");
        return {
          person: payload.sub,
          role: payload.role,
          tenant: typeof payload.tenant === "string" ? payload.tenant : undefined,
        };
      } catch (error) {
        throw error instanceof InvalidToken ? error : new InvalidToken("the token does not verify");
      }
    },
  };
}
