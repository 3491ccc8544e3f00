import type {
  Bottleneck,
  CapacityReport,
  TableVolumeReport,
} from "../../analyze/capacity/capacity-report.js";
import {
  formatBytes,
  formatCount,
  formatMultiple,
  formatPercent,
  formatRate,
  formatRows,
  formatUsd,
} from "../../analyze/capacity/figure-format.js";

export interface CapacityMarkdown {
  /** Body of DESIGN.md "Key Considerations → Scalability" (no heading of its own). */
  readonly scalability: string;
  /** Body of DESIGN.md "Potential Bottlenecks" (no heading of its own). */
  readonly bottlenecks: string;
}

/** GitHub-flavoured markdown for the two DESIGN.md sections; sub-parts use bold labels so any heading level fits around them. */
export function renderCapacityMarkdown(report: CapacityReport): CapacityMarkdown {
  return { scalability: scalability(report), bottlenecks: bottlenecks(report) };
}

function scalability(report: CapacityReport): string {
  const { current, tenfold, limits, assumptions: a } = report;
  const first = report.bottlenecks[0];
  const parts: string[] = [];
  parts.push(
    [
      `Peak load today is **${formatRate(current.peakRequestsPerSecond)} requests/s** ` +
        `(${formatRate(current.useCaseRequestsPerSecond)} from use cases, ` +
        `${formatRate(current.uncoveredReadsPerSecond + current.uncoveredWritesPerSecond)} on plain resource endpoints); ` +
        `the 10x design point is **${formatRate(tenfold.peakRequestsPerSecond)} requests/s**.`,
      `One service instance (${a.service.instance}) handles ${formatRate(limits.serviceInstanceRequestsPerSecond)} requests/s: ` +
        `${current.instances.serviceInstances} instances today, ${tenfold.instances.serviceInstances} at 10x.`,
      `Compute costs about ${formatUsd(current.instances.monthlyUsd)}/month today and ` +
        `${formatUsd(tenfold.instances.monthlyUsd)}/month at 10x.`,
      first === undefined
        ? "No single-node limit or growth threshold is in reach."
        : first.bitesAtMultiple === 0
          ? `First to break: ${first.resource}, already from the start.`
          : `First to break: ${first.resource} at ${formatMultiple(first.bitesAtMultiple)} current load` +
            (first.bitesInMonth === null ? "." : ` (month ${first.bitesInMonth}).`),
    ].join(" "),
  );

  parts.push(
    "**Requests per service**",
    table(
      [
        "Service",
        "Requests/s (1x)",
        "Instances (1x)",
        "Requests/s (10x)",
        "Instances (10x)",
        "DB pool per instance (1x / 10x)",
      ],
      current.services.map((s) => {
        const t = tenfold.services.find((x) => x.service === s.service);
        return [
          code(s.service),
          formatRate(s.requestsPerSecond),
          String(s.instances),
          formatRate(t?.requestsPerSecond ?? 0),
          String(t?.instances ?? 0),
          `${s.poolPerInstance} / ${t?.poolPerInstance ?? 0}`,
        ];
      }),
    ),
  );

  parts.push(
    "**Requests per use case**",
    table(
      ["Use case", "Kind", "Services", "Requests/s (1x)", "Requests/s (10x)"],
      [
        ...current.useCases.map((u) => {
          const t = tenfold.useCases.find((x) => x.name === u.name);
          return [
            u.name,
            u.kind,
            u.services.map(code).join(", "),
            formatRate(u.requestsPerSecond),
            formatRate(t?.requestsPerSecond ?? 0),
          ];
        }),
        [
          "Other endpoints (not in use cases)",
          "read / write",
          "all",
          `${formatRate(current.uncoveredReadsPerSecond)} / ${formatRate(current.uncoveredWritesPerSecond)}`,
          `${formatRate(tenfold.uncoveredReadsPerSecond)} / ${formatRate(tenfold.uncoveredWritesPerSecond)}`,
        ],
      ],
    ),
  );

  parts.push(
    "**Database operations per table** (reads reach PostgreSQL only on a cache miss)",
    table(
      [
        "Table",
        "Service",
        "Reads/s (1x)",
        "Cache",
        "DB reads/s (1x)",
        "Writes/s (1x)",
        "DB reads/s (10x)",
        "Writes/s (10x)",
      ],
      [
        ...current.tables.map((row) => {
          const t = tenfold.tables.find((x) => x.entity === row.entity);
          return [
            code(row.table),
            code(row.service),
            formatRate(row.readsPerSecond),
            row.cached ? `Redis, ${formatPercent(a.cache.hitRatio)} hits` : "—",
            formatRate(row.databaseReadsPerSecond),
            formatRate(row.writesPerSecond),
            formatRate(t?.databaseReadsPerSecond ?? 0),
            formatRate(t?.writesPerSecond ?? 0),
          ];
        }),
        // A projection is read by key from the owner's database; each source write is applied to it.
        ...current.projections.map((row) => {
          const t = tenfold.projections.find((x) => x.table === row.table && x.service === row.service);
          return [
            code(row.table),
            code(row.service),
            formatRate(row.readsPerSecond),
            "— (local copy)",
            formatRate(row.readsPerSecond),
            formatRate(row.writesPerSecond),
            formatRate(t?.readsPerSecond ?? 0),
            formatRate(t?.writesPerSecond ?? 0),
          ];
        }),
      ],
    ),
  );

  parts.push(
    `**PostgreSQL primaries** (one per service; ${a.postgres.instance}: ${formatCount(a.postgres.readQueriesPerSecond)} reads/s, ` +
      `${formatCount(a.postgres.writesPerSecond)} writes/s, ${formatCount(a.postgres.maxConnections)} connections)`,
    table(
      [
        "Database",
        "Load (1x)",
        "Saturates at",
        "Pool / connections (1x)",
        "Load (10x)",
        "Read replicas (10x)",
        "Connections (10x)",
      ],
      current.databases.map((d) => {
        const t = tenfold.databases.find((x) => x.service === d.service);
        const limit = report.limits.postgresPrimaries.find((x) => x.service === d.service);
        return [
          code(d.service),
          `${formatPercent(d.utilisation)} (${formatRate(d.readsPerSecond)} r/s, ${formatRate(d.writesPerSecond)} w/s)`,
          limit?.saturatesAtMultiple == null
            ? "—"
            : `${formatMultiple(limit.saturatesAtMultiple)} (${formatCount(limit.saturatesAtPeakRequestsPerSecond ?? 0)} requests/s)`,
          `${d.poolSize} / ${d.connections}`,
          t === undefined
            ? "—"
            : `${formatPercent(t.utilisation)}${t.writesExceedPrimary ? ", writes exceed one primary" : ""}`,
          String(t?.replicasNeeded ?? 0),
          String(t?.connections ?? 0),
        ];
      }),
    ),
  );

  parts.push(cacheParagraph(report));

  parts.push(
    `**Storage over ${report.retentionYears} years of retention** (data + indexes; partition or archive before ` +
      `${formatRows(a.growth.rowThreshold)} rows)`,
    table(
      [
        "Table",
        "Rows from",
        "Bytes/row",
        "Rows (1x)",
        "Size (1x)",
        `Passes ${formatRows(a.growth.rowThreshold)} (1x)`,
        "Rows (10x)",
        "Size (10x)",
        `Passes ${formatRows(a.growth.rowThreshold)} (10x)`,
      ],
      [
        ...report.storage.map((s) => [
          code(s.table),
          s.rowSource,
          formatCount(s.rowBytes),
          rows(s.current),
          size(s.current),
          month(s.current),
          rows(s.tenfold),
          size(s.tenfold),
          month(s.tenfold),
        ]),
        ...report.projectionStorage.map((p) => {
          const source = report.storage.find((s) => s.entity === p.copyOf);
          return [
            `${code(p.table)} (in ${code(p.service)})`,
            `copy of ${code(source?.table ?? p.copyOf)}`,
            formatCount(p.rowBytes),
            rows(p.current),
            size(p.current),
            month(p.current),
            rows(p.tenfold),
            size(p.tenfold),
            month(p.tenfold),
          ];
        }),
      ],
    ),
  );

  const soon = report.bottlenecks.filter((b) => b.bitesAtMultiple <= report.tenfoldMultiple);
  if (soon.length > 0) {
    parts.push(
      "**When to act** (everything that bites within 10x)",
      soon.map((b) => `- ${when(b)}: ${b.mitigation}.`).join("\n"),
    );
  }
  if (report.notes.length > 0) parts.push("**Notes**", report.notes.map((n) => `- ${n}`).join("\n"));
  parts.push("Formulas and per-node assumptions: docs/capacity.md in the archwright repository.");
  return `${parts.join("\n\n")}\n`;
}

function cacheParagraph(report: CapacityReport): string {
  const { current, tenfold, limits, assumptions: a } = report;
  if (current.cache.tables.length === 0) {
    return "**Cache**: no table is both hot and read-heavy enough to need Redis at current load.";
  }
  const redis = limits.redisNode;
  return (
    `**Cache**: read-through Redis for ${current.cache.tables.map(code).join(", ")} ` +
    `(at least ${formatCount(a.cache.minReadsPerSecond)} reads/s and ${a.cache.minReadWriteRatio} reads per write), ` +
    `${formatPercent(a.cache.hitRatio)} hit ratio assumed: ${formatRate(current.cache.opsPerSecond)} ops/s today ` +
    `(${current.cache.nodes} node${current.cache.nodes === 1 ? "" : "s"}), ${formatRate(tenfold.cache.opsPerSecond)} ops/s at 10x ` +
    `(${tenfold.cache.nodes} node${tenfold.cache.nodes === 1 ? "" : "s"}).` +
    (redis === null
      ? ""
      : ` One node (${formatCount(a.cache.opsPerSecond)} ops/s) saturates at ${formatMultiple(redis.saturatesAtMultiple)} current load.`)
  );
}

function bottlenecks(report: CapacityReport): string {
  if (report.bottlenecks.length === 0) {
    return "No single-node limit or growth threshold is in reach of the stated load.\n";
  }
  const intro =
    "Ranked by how soon each bites: the multiple of today's peak load at which it saturates " +
    "(below 1x means it bites at today's load, during the months shown).";
  return `${intro}\n\n${table(
    ["#", "What breaks", "Bites at", "Limit", "Mitigation", "Rough cost"],
    report.bottlenecks.map((b) => [String(b.rank), b.resource, when(b), b.limit, b.mitigation, b.roughCost]),
  )}\n`;
}

function when(b: Bottleneck): string {
  if (b.bitesAtMultiple === 0) return "already, from the start";
  const load = `${formatMultiple(b.bitesAtMultiple)} load`;
  if (b.bitesInMonth !== null)
    return `${load}; month ${b.bitesInMonth} (month ${b.bitesInMonthAtTenfold ?? "—"} at 10x)`;
  if (b.bitesInMonthAtTenfold !== null) return `${load}; month ${b.bitesInMonthAtTenfold} at 10x`;
  return load;
}

function rows(v: TableVolumeReport): string {
  return v.rowsAtRetention === null ? "unknown" : formatRows(v.rowsAtRetention);
}

function size(v: TableVolumeReport): string {
  return v.totalBytes === null ? "unknown" : formatBytes(v.totalBytes);
}

function month(v: TableVolumeReport): string {
  if (v.passesThresholdInMonth === null) return v.rowsAtRetention === null ? "unknown" : "never";
  return v.passesThresholdInMonth === 0 ? "from the start" : `month ${v.passesThresholdInMonth}`;
}

function code(text: string): string {
  return `\`${text}\``;
}

/** A GitHub-flavoured markdown table; pipes and line breaks inside cells are escaped. */
function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [row(header), `|${header.map(() => "---").join("|")}|`, ...body.map(row)].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
