import type { CapacityReport } from "../analyze/capacity/index.js";
import { INTERVAL_ADJECTIVE } from "../analyze/partition-plan.js";
import type { ServiceSchema } from "../analyze/relational-schema.js";
import { count, rps } from "../analyze/stack/number-text.js";
import { requestRates } from "../analyze/stack/proportion.js";
import { rateLimitDetail } from "../emit/examples/problem-examples.js";

/** What the artifacts of one design must state alike. */
export interface DesignStatements {
  readonly files: ReadonlyMap<string, string>;
  readonly schemas: readonly ServiceSchema[];
  readonly capacity: CapacityReport;
  /** Tables past the row threshold that the partition planner kept whole, by table name. */
  readonly unpartitioned: readonly string[];
  /** The per-client rate limit (requests per second) every artifact must state. */
  readonly rateLimitPerSecond: number;
}

/**
 * Contradictions between the artifacts of one design: each artifact is emitted from the same facts,
 * so a contradiction is a bug, and `design` refuses to write it. Checked: every partitioned table is
 * partitioned the same way in its migration, DESIGN.md and handoff.json (strategy, column, width);
 * every table the capacity plan says passes the row threshold is partitioned or has its reason in
 * DESIGN.md; the cache the capacity plan relies on is in the stack, with an evicting policy; the
 * stack's write rate and the per-client rate limit agree with the capacity plan and the contracts.
 */
export function crossCheckDesign(design: DesignStatements): string[] {
  const problems: string[] = [];
  const doc = design.files.get("DESIGN.md") ?? "";
  const handoff = JSON.parse(design.files.get("handoff.json") ?? "{}") as {
    schema?: { service: string; tables: { name: string; partitioning: unknown }[] }[];
  };
  const partitioned = new Set<string>();
  for (const schema of design.schemas) {
    const up = design.files.get(`db/${schema.service}/migrations/0001_init.up.sql`) ?? "";
    for (const table of schema.tables) {
      const p = table.partitioning;
      if (!p) continue;
      partitioned.add(table.name);
      const clause = `) PARTITION BY ${p.strategy.toUpperCase()} (${p.column});`;
      const ddl = up.split("\n").some((line) => line === clause);
      if (!ddl)
        problems.push(`db/${schema.service}: ${table.name} is not ${p.strategy}-partitioned by ${p.column}`);
      if (p.strategy === "range" && !up.includes(`date_trunc('${p.interval}', now())`))
        problems.push(`db/${schema.service}: ${table.name} partitions are not one ${p.interval} wide`);
      const said =
        p.strategy === "range"
          ? `\`${table.name}\` is range-partitioned by \`${p.column}\`, ${INTERVAL_ADJECTIVE[p.interval]} partitions`
          : `\`${table.name}\` is hash-partitioned by \`${p.column}\` into ${p.partitions} parts`;
      if (!doc.includes(said)) problems.push(`DESIGN.md does not say ${said}`);
      const handed = handoff.schema
        ?.find((s) => s.service === schema.service)
        ?.tables.find((t) => t.name === table.name)?.partitioning;
      if (JSON.stringify(handed) !== JSON.stringify(p))
        problems.push(`handoff.json states another partitioning for ${table.name}`);
    }
  }
  for (const table of design.capacity.storage) {
    if (table.current.passesThresholdInMonth === null) continue;
    if (!partitioned.has(table.table) && !design.unpartitioned.includes(table.table))
      problems.push(`${table.table} passes the row threshold but is neither partitioned nor explained`);
  }
  const cached = design.capacity.current.tables.filter((t) => t.cached).map((t) => t.entity);
  if (cached.length > 0 && !/allkeys-lru/.test(doc))
    problems.push(`the capacity plan caches ${cached.join(", ")}, but the stack has no evicting cache`);
  problems.push(...crossCheckStack(design, doc));
  return problems;
}

/**
 * The stack section against the capacity plan and the contracts: the cache the plan relies on
 * evicts (a cache on a noeviction Redis fails writes when full), the write rate the stack quotes is
 * the capacity table's, and the per-client rate limit is the same in DESIGN.md's security section,
 * every OpenAPI 429 example and handoff.json.
 */
function crossCheckStack(design: DesignStatements, doc: string): string[] {
  const problems: string[] = [];
  const stack = section(doc, "## 6.", "## 7.");
  for (const heading of stack.split("\n").filter((l) => /^### (Cache|Hot lookup):/.test(l))) {
    if (/noeviction/.test(heading) || !/allkeys-lru/.test(heading))
      problems.push(
        `DESIGN.md: "${heading.slice(4)}" serves the cache plan from a Redis that does not evict`,
      );
  }
  const { writes } = requestRates(design.capacity);
  const quoted = new Set([...stack.matchAll(/([\d,.]+ rps) of writes(?! to)/g)].map((m) => m[1]));
  for (const rate of quoted) {
    if (rate !== rps(writes))
      problems.push(
        `DESIGN.md's stack section quotes ${rate} of writes; the capacity plan has ${rps(writes)}`,
      );
  }
  const limit = design.rateLimitPerSecond;
  const security = section(doc, "\n### Security\n", "\n### Observability\n");
  if (!security.includes(`starting at about ${count(limit)} requests/s per client`))
    problems.push(
      `DESIGN.md's security section does not state the rate limit of ${count(limit)} requests/s per client`,
    );
  for (const [path, text] of design.files) {
    if (!path.startsWith("openapi/") || !text.includes("rate-limited")) continue;
    if (!text.includes(rateLimitDetail(limit)))
      problems.push(
        `${path}: the 429 example does not state the rate limit of ${limit} requests/s per client`,
      );
    if (!text.includes(`q=${limit};w=1`))
      problems.push(
        `${path}: the RateLimit-Policy header does not state ${limit} requests per 1-second window`,
      );
  }
  const handoff = JSON.parse(design.files.get("handoff.json") ?? "{}") as {
    security?: { rateLimit?: { requestsPerSecondPerClient?: number } };
  };
  if (handoff.security?.rateLimit?.requestsPerSecondPerClient !== limit)
    problems.push(`handoff.json states another rate limit than ${limit} requests/s per client`);
  return problems;
}

function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  if (start < 0) return "";
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}
