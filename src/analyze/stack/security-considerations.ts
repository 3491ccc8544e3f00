import { type Entity, Field, type Model } from "../../model/index.js";
import { describeRule, limitsRows, type ResolvedRule } from "../access/access-rules.js";
import { entityAccess } from "../access/entity-access.js";
import { DEFAULT_CAPACITY_ASSUMPTIONS } from "../capacity/capacity-assumptions.js";
import { findUserEntity } from "../capacity/user-entity.js";
import { analyzeIntegration, type Integration } from "../integration.js";
import { count, listText, rps } from "./number-text.js";
import { OWASP_API_2023 as OWASP, type OwaspApiRisk } from "./owasp-api-top10.js";
import { clientRateLimit } from "./rate-limit.js";

export interface Threat {
  readonly threat: string;
  readonly mitigation: string;
  /** OWASP API Security Top 10 2023 risks this threat falls under; empty when none fits (injection). */
  readonly owasp: readonly OwaspApiRisk[];
}

export interface SecurityConsiderations {
  readonly threats: readonly Threat[];
  readonly requirements: readonly string[];
  readonly assumptions: readonly string[];
}

/** Field names that grant power or money; clients must never set them directly. */
const PRIVILEGED_FIELD = /^(role|roles|permissions?|plan|balance|credits?|verified|is[A-Z]\w*)$/;

/**
 * The threats that matter for this spec, each with its mitigation, plus the requirements its
 * compliance regimes impose. Only threats the spec gives a reason for are listed.
 */
export function securityConsiderations(
  model: Model,
  integration: Integration = analyzeIntegration(model),
  rateLimitStore: "redis" | "in-process" = "redis",
): SecurityConsiderations {
  const threats: Threat[] = [];
  const { auth, roles } = model.security;
  const privileged = roles.slice(1);

  if (auth.includes("password")) {
    threats.push({
      threat:
        "Account takeover through credential stuffing, password spraying or brute force on password sign-in",
      mitigation:
        `Argon2id hashing (or the IdP's), breached-password check at sign-up and change, per-account and per-IP login rate limits with exponential back-off, generic "invalid credentials" errors, ` +
        `MFA ${privileged.length > 0 ? `required for ${listText(privileged)}` : "offered to every user"}, and session revocation on password change.`,
      owasp: [OWASP.API2],
    });
  }
  const oauth = auth.filter((m) => m.startsWith("oauth2-") || m === "oidc");
  if (oauth.length > 0) {
    threats.push({
      threat: `Login CSRF, code interception or token substitution in the ${listText(oauth)} flows`,
      mitigation:
        "Authorization code flow with PKCE (S256) and a per-request state and nonce bound to the browser session; exact redirect-URI matching; verify the ID token's signature, iss, aud and exp; link a provider identity to an existing account only on a verified email.",
      owasp: [OWASP.API2],
    });
  }
  if (auth.includes("saml")) {
    threats.push({
      threat: "Forged or replayed SAML assertions (XML signature wrapping)",
      mitigation:
        "Use a maintained SAML library, require signed assertions, validate Audience, Destination, NotOnOrAfter and InResponseTo, and reject assertions already seen.",
      owasp: [OWASP.API2],
    });
  }
  if (auth.includes("api-key")) {
    threats.push({
      threat: "Leaked or over-privileged API keys",
      mitigation:
        "Keys shown once and stored as SHA-256 hashes with a visible prefix for identification, scoped to roles, sent only in a header (never a URL), rotatable with overlap, revoked on leak detection (GitHub secret scanning partner pattern).",
      owasp: [OWASP.API2],
    });
  }
  if (auth.includes("magic-link")) {
    threats.push({
      threat: "Intercepted or replayed magic links",
      mitigation:
        "Single-use tokens valid for 15 minutes, hashed at rest, bound to the requesting browser, and rate limited per email address.",
      owasp: [OWASP.API2],
    });
  }

  const userEntity = findUserEntity(model, DEFAULT_CAPACITY_ASSUMPTIONS.growth.userEntityNames);
  // What the contract enforces per entity, from the same rules the operations carry
  // (x-archwright-row-filter), so this section never claims more than the design does.
  const guarded = model.entities.flatMap((e) => {
    const access = entityAccess(model, e);
    const part = (verb: string, rules: readonly ResolvedRule[]) =>
      rules.some(limitsRows) ? [`${verb} ${rules.map(describeRule).join(", or ")}`] : [];
    const parts = [...part("read", access.read), ...part("write", access.write)];
    return parts.length > 0 ? [`${e.name} (${parts.join("; ")})`] : [];
  });
  const open = model.entities.filter((e) => !entityAccess(model, e).read.some(limitsRows)).map((e) => e.name);
  if (guarded.length > 0) {
    threats.push({
      threat: `Broken object level authorization (IDOR): reading or changing rows of ${listText(guarded.map((g) => g.split(" (")[0] ?? g))} that belong to someone else`,
      mitigation: `Row rules enforced per operation: ${guarded.join("; ")}. Each condition is part of the query's WHERE clause (not a filter after fetching), a row outside it answers 404 rather than 403, ids are non-guessable UUIDv7, and each endpoint gets a test that another caller's row is refused.${open.length > 0 ? ` ${listText(open)} ${open.length === 1 ? "has" : "have"} no per-row read rule: every caller an operation admits reads every row.` : ""}`,
      owasp: [OWASP.API1],
    });
  }
  if (model.tenancy) {
    const tenant = model.tenancy.entity;
    const scoped = model.entities.filter((e) => e.name !== tenant).map((e) => e.name);
    threats.push({
      threat: `Cross-tenant data leakage: one ${tenant}'s data read or changed by another through ${listText(scoped)}`,
      mitigation: `Tenant id taken from the token, never from the request; a tenant id column leading every index; PostgreSQL row-level security keyed on a per-transaction setting (SET LOCAL app.tenant_id) as a second line of defence; cache keys, object-storage prefixes and events carry the tenant id; an automated cross-tenant access test per endpoint.`,
      owasp: [OWASP.API1],
    });
  }
  const privilegedUseCases = model.useCases
    .filter((u) => privileged.includes(u.actor))
    .map((u) => `"${u.name}"`);
  if (privileged.length > 0) {
    threats.push({
      threat: `Broken function level authorization: a ${roles[0]} calling ${privilegedUseCases.length > 0 ? listText(privilegedUseCases) : `operations reserved for ${listText(privileged)}`}`,
      mitigation:
        "Deny by default: each operation declares its required role in the OpenAPI document and a shared authorization hook enforces it; administrative routes live under their own prefix with separate rate limits and audit logging.",
      owasp: [OWASP.API5],
    });
  }
  const serverSet = serverSetFields(model, userEntity);
  threats.push({
    threat: `Mass assignment${serverSet.length > 0 ? ` of ${listText(serverSet)}` : ""} and excessive data exposure in responses`,
    mitigation:
      "Request schemas with additionalProperties: false listing only client-settable fields; owner and tenant references set from the token; responses built from explicit response schemas (Fastify serialisation drops anything else), never from the raw row.",
    owasp: [OWASP.API3],
  });

  const pii = fieldsWhere(model, (_, f) => f.pii);
  if (pii.length > 0) {
    const carrying = integration.events
      .filter((e) => pii.some((p) => p.entity === e.entity && e.payload.some((f) => f.name === p.field)))
      .map((e) => e.name);
    threats.push({
      threat: `Exposure of personal data in ${listText(pii.map((p) => `${p.entity}.${p.field}`))}`,
      mitigation:
        "Returned only to the subject and roles that need it; masked in logs and traces by a redaction list in the logger and the OpenTelemetry Collector; encrypted at rest (KMS) and in transit (TLS 1.2+)" +
        (carrying.length > 0
          ? `; events ${listText(carrying)} carry these fields, so consumers store only what they need and honour erasure`
          : "; kept out of event payloads") +
        ".",
      owasp: [OWASP.API3],
    });
  }
  const secrets = fieldsWhere(model, (_, f) => f.secret);
  threats.push({
    threat: `Leaked credentials and secrets${secrets.length > 0 ? `, including ${listText(secrets.map((s) => `${s.entity}.${s.field}`))}` : ""}`,
    mitigation:
      "Secret fields never appear in responses, events or logs; service credentials come from the secret manager at start-up and rotate; no secrets in images, repositories or environment files (CI secret scanning).",
    owasp: [OWASP.API8],
  });
  const filters = [
    ...new Set(
      model.useCases.flatMap((u) =>
        Object.entries(u.filter).flatMap(([e, fs]) => fs.map((f) => `${e}.${f}`)),
      ),
    ),
  ];
  threats.push({
    threat: `SQL injection and injection through ${filters.length > 0 ? `the filters on ${listText(filters)}` : "filter"}, sort and sparse-fieldset parameters`,
    mitigation: `Parameterised queries only; filter, sort and fields= values checked against per-endpoint allow-lists generated from the spec's ${count(model.useCases.length)} use case${model.useCases.length === 1 ? "" : "s"}; request bodies validated against JSON Schema before any handler runs.`,
    owasp: [],
  });
  const perClient = clientRateLimit(model);
  threats.push({
    threat: `Rate-limit abuse and resource exhaustion (scraping, enumeration, expensive list queries) against ${rps(model.scale.peakRequestsPerSecond)} of designed capacity`,
    mitigation: `Per-client token buckets ${rateLimitStore === "redis" ? "in Redis" : "in each instance's memory"} (starting at about ${count(perClient)} requests/s per client, tighter on sign-in and create), 429 with Retry-After, bounded page sizes (limit with maxItems), request body and JSON depth limits, query timeouts (statement_timeout), and WAF rules for volumetric abuse.`,
    owasp: [OWASP.API4, OWASP.API6],
  });
  const urls = fieldsWhere(model, (_, f) => Field.isScalar(f) && f.type === "url");
  if (urls.length > 0) {
    threats.push({
      threat: `Server-side request forgery if the backend ever fetches ${listText(urls.map((u) => `${u.entity}.${u.field}`))} (link previews, webhooks, imports)`,
      mitigation:
        "Fetch through an egress proxy that allows only http(s) on public addresses, blocks link-local and metadata ranges (169.254.169.254) after DNS resolution, limits redirects, size and time.",
      owasp: [OWASP.API7],
    });
  }
  const json = fieldsWhere(model, (_, f) => Field.isScalar(f) && f.type === "json");
  if (json.length > 0) {
    threats.push({
      threat: `Oversized or malicious documents in the json fields ${listText(json.map((j) => `${j.entity}.${j.field}`))}`,
      mitigation:
        "A JSON Schema per field, size and nesting limits, and no use of their contents in dynamic queries or templates.",
      owasp: [OWASP.API4, OWASP.API3],
    });
  }
  if (model.services.length > 1) {
    threats.push({
      threat: `Forgotten or unauthenticated internal endpoints and events among ${count(model.services.length)} services`,
      mitigation:
        "Every service publishes its OpenAPI document (versioned /v1, deprecation policy); service-to-service calls use workload identity and mTLS or signed tokens; consumers validate event schemas and treat events as untrusted input.",
      owasp: [OWASP.API9, OWASP.API10],
    });
  }

  return { threats, requirements: requirements(model), assumptions: assumptions(model) };
}

function requirements(model: Model): string[] {
  const { compliance } = model.security;
  const services = listText(model.services.map((x) => `\`${x}\``));
  const privileged = model.security.roles.slice(1);
  const out = [
    `TLS 1.2+ everywhere, HSTS on public hosts; encryption at rest with KMS keys for the database${model.services.length === 1 ? "" : "s"} of ${services} and every cache, queue and backup.`,
    `Security schemes on every non-public operation; authorization decided server-side from the verified token's role (${listText(model.security.roles)}) only.`,
    `Audit log (who, what, when, from where) for sign-in, role changes, deletes${privileged.length > 0 ? ` and every action by ${listText(privileged)}` : ""}, kept append-only.`,
    `Backups with point-in-time recovery; data kept ${count(model.scale.retentionYears)} years, then deleted or archived by a scheduled job.`,
    `Dependency and container image scanning in CI for the image${model.services.length === 1 ? "" : "s"} of ${services}; patch critical vulnerabilities within 7 days.`,
  ];
  if (compliance.includes("gdpr")) {
    out.push(
      "GDPR: right of access and erasure across every service (the user-deleted event drives deletion or anonymisation in each service's database, caches and search), records of processing, data processing agreements with every processor, EU data residency or transfer safeguards, breach notification within 72 hours.",
    );
  }
  if (compliance.includes("pci-dss")) {
    out.push(
      "PCI DSS: card data never touches our services; a tokenising payment provider's hosted fields or redirect keep us at SAQ A scope; only provider tokens and the last four digits are stored; MFA for all administrative access; audit logs kept 12 months (3 immediately available); quarterly external vulnerability scans by an approved scanning vendor and annual penetration tests.",
    );
  }
  if (compliance.includes("hipaa")) {
    out.push(
      "HIPAA: a business associate agreement with every vendor that stores or processes PHI (cloud, IdP, observability, email); minimum-necessary access per role; access to PHI recorded in the audit log; PHI kept out of logs, traces and analytics; policies and audit records retained 6 years.",
    );
  }
  if (compliance.includes("soc2")) {
    out.push(
      "SOC 2: change management evidence (reviewed pull requests, CI results, deploy records), quarterly access reviews, on-call and incident response with post-mortems, vendor risk reviews, and monitored backups with restore tests.",
    );
  }
  return out;
}

function assumptions(model: Model): string[] {
  const out = [
    "The system runs on AWS in one region; TLS terminates at the edge load balancer or gateway.",
    "An external identity provider (or the identity service for API keys) issues tokens; services only verify them.",
    "The first role listed in the spec is the least privileged; the others are privileged roles.",
  ];
  if (model.tenancy)
    out.push(
      `Every entity other than ${model.tenancy.entity} belongs to exactly one ${model.tenancy.entity}.`,
    );
  if (model.security.compliance.length === 0)
    out.push("No compliance regime applies; adding one changes the requirements above.");
  return out;
}

/**
 * `Entity.field` for the reference that makes each row belong to a user: the first reference to
 * the user entity (Follow.follower owns a follow; Follow.followee is only its target).
 */
function ownerFields(model: Model, userEntity: Entity | undefined): string[] {
  if (!userEntity) return [];
  return model.entities.flatMap((e) => {
    const owner =
      e === userEntity ? undefined : e.fields.find((f) => Field.isRef(f) && f.target === userEntity.name);
    return owner ? [`${e.name}.${owner.name}`] : [];
  });
}

function serverSetFields(model: Model, userEntity: Entity | undefined): string[] {
  const tenant = model.tenancy?.entity;
  const owners = new Set(ownerFields(model, userEntity));
  return fieldsWhere(
    model,
    (e, f) =>
      f.immutable ||
      PRIVILEGED_FIELD.test(f.name) ||
      owners.has(`${e.name}.${f.name}`) ||
      (Field.isRef(f) && f.target === tenant),
  ).map((f) => `${f.entity}.${f.field}`);
}

function fieldsWhere(
  model: Model,
  test: (entity: Entity, field: Field) => boolean,
): { entity: string; field: string }[] {
  return model.entities.flatMap((e) =>
    e.fields.filter((f) => test(e, f)).map((f) => ({ entity: e.name, field: f.name })),
  );
}
