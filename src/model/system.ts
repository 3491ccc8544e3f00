import type { Role } from "./access.js";
import type { SourceLocation } from "./source-location.js";

export interface Scale {
  readonly users: number;
  readonly dailyActiveUsers: number;
  readonly peakRequestsPerSecond: number;
  /** Reads per write. */
  readonly readWriteRatio: number;
  readonly retentionYears: number;
  /** Availability target in percent, e.g. 99.9. */
  readonly availability: number;
  readonly latencyP99Ms: number;
  readonly location: SourceLocation;
}

export const AUTH_METHODS = [
  "password",
  "oauth2-google",
  "oauth2-github",
  "oauth2-microsoft",
  "oidc",
  "saml",
  "api-key",
  "magic-link",
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface Security {
  readonly auth: readonly AuthMethod[];
  /** Role names in spec order. */
  readonly roles: readonly string[];
  /** `security.person`: the person entity of every role that does not name its own. */
  readonly person: string | undefined;
  /** Each role as declared: its person entity, inheritance, read-only and machine flags. */
  readonly roleDetails: readonly Role[];
  /** Compliance regimes the design must respect (gdpr, pci-dss, hipaa, soc2). */
  readonly compliance: readonly string[];
  readonly location: SourceLocation;
}

export interface Tenancy {
  /** The entity that is the tenant (e.g. Organization). */
  readonly entity: string;
  readonly location: SourceLocation;
}

export interface SystemInfo {
  readonly name: string;
  readonly description: string;
  /** Engineers who will build and run it; drives monolith-vs-services advice. */
  readonly teamSize: number | undefined;
  readonly location: SourceLocation;
}

/** Capacity assumptions as written in the spec: group -> name -> value. Checked against the defaults. */
export interface CapacityOverrideSection {
  readonly overrides: Readonly<Record<string, Readonly<Record<string, number | string | readonly string[]>>>>;
  readonly location: SourceLocation;
}
