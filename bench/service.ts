import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import pg from "pg";
import { designSystem } from "../src/design/design-system.js";
import { emitService } from "../src/emit/service/emit-service.js";
import { parseSpec } from "../src/spec/load-spec.js";

/**
 * The generated service against a hand-written Fastify endpoint doing the same query, on loopback:
 * one list (GET /v1/shares, a member's own shares, 20 per page) and one create (POST /v1/posts) of
 * the social-sharing example. Each server runs in its own process (bench/service-server.ts) with
 * its own database holding the same migration and rows, and verifies an ES256 JWT on every
 * request; neither logs. autocannon (10 connections) runs here. Each side is warmed up first, then
 * measured in ROUNDS rounds whose order alternates, so neither side always runs on a warmer
 * machine; the median round is reported. On PGlite (in each server's process) always; on
 * PostgreSQL too when DATABASE_URL names a server (two scratch databases are created on it).
 */
export interface ServiceBenchRow {
  readonly database: "PGlite" | "PostgreSQL";
  readonly endpoint: string;
  /** `generated-unvalidated`: the generated service with VALIDATE_RESPONSES=off. */
  readonly implementation: "generated" | "generated-unvalidated" | "hand-written";
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

const DURATION_S = 5;
const WARMUP_S = 2;
const ROUNDS = 3;
const CONNECTIONS = 10;
const ENDPOINTS = [
  ["GET /v1/shares (list, 20 rows)", "GET", "/v1/shares"],
  ["POST /v1/posts (create)", "POST", "/v1/posts"],
] as const;

interface Server {
  readonly url: string;
  readonly token: string;
  readonly child: ChildProcess;
}

async function startServer(implementation: string, folder: string, databaseUrl?: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/service-server.ts",
      implementation,
      folder,
      ...(databaseUrl ? [databaseUrl] : []),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  for await (const line of lines) {
    const { url, token } = JSON.parse(line) as { url: string; token: string };
    return { url, token, child };
  }
  throw new Error(`the ${implementation} bench server exited before it listened`);
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((done) => server.child.once("exit", done));
  server.child.kill("SIGTERM");
  await exited;
}

async function load(server: Server, method: "GET" | "POST", path: string, seconds: number) {
  const result = await autocannon({
    url: `${server.url}${path}`,
    method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    ...(method === "POST"
      ? { body: JSON.stringify({ body: "A post from the bench.", visibility: "public" }) }
      : {}),
  });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

type Measured = Awaited<ReturnType<typeof load>>;

function median(rounds: readonly Measured[]): Measured {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error("no rounds measured");
  return { ...middle, non2xx: rounds.reduce((n, r) => n + r.non2xx, 0) };
}

const IMPLEMENTATIONS = ["generated", "generated-unvalidated", "hand-written"] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];

async function benchOn(
  database: ServiceBenchRow["database"],
  folder: string,
  urls: Partial<Record<Implementation, string>>,
): Promise<ServiceBenchRow[]> {
  const servers = new Map<Implementation, Server>();
  const rows: ServiceBenchRow[] = [];
  try {
    for (const implementation of IMPLEMENTATIONS)
      servers.set(implementation, await startServer(implementation, folder, urls[implementation]));
    const server = (implementation: Implementation): Server => {
      const found = servers.get(implementation);
      if (!found) throw new Error(`no ${implementation} server`);
      return found;
    };
    for (const [endpoint, method, path] of ENDPOINTS) {
      for (const implementation of IMPLEMENTATIONS)
        await load(server(implementation), method, path, WARMUP_S);
      const measured = new Map<Implementation, Measured[]>(IMPLEMENTATIONS.map((i) => [i, []]));
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? IMPLEMENTATIONS : [...IMPLEMENTATIONS].reverse();
        for (const implementation of order)
          measured.get(implementation)?.push(await load(server(implementation), method, path, DURATION_S));
      }
      for (const implementation of IMPLEMENTATIONS)
        rows.push({ database, endpoint, implementation, ...median(measured.get(implementation) ?? []) });
    }
  } finally {
    for (const started of servers.values()) await stop(started);
  }
  return rows;
}

/** A fresh database per implementation on the server DATABASE_URL names, dropped afterwards. */
async function scratchDatabases<T>(url: string, body: (urls: Record<Implementation, string>) => Promise<T>) {
  const names = IMPLEMENTATIONS.map((i) => `bench_${i.replaceAll("-", "_")}_${process.pid}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
    const at = (name: string) => {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    };
    return await body({
      generated: at(names[0] ?? ""),
      "generated-unvalidated": at(names[1] ?? ""),
      "hand-written": at(names[2] ?? ""),
    });
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchService(): Promise<ServiceBenchRow[]> {
  const file = "examples/social-sharing/archwright.yaml";
  const design = designSystem(parseSpec(readFileSync(file, "utf8"), file), { svg: false });
  const folder = resolve(".tmp", `bench-service-${process.pid}`);
  try {
    for (const f of emitService(design)) {
      mkdirSync(dirname(join(folder, f.path)), { recursive: true });
      writeFileSync(join(folder, f.path), f.content);
    }
    const rows = await benchOn("PGlite", folder, {});
    const url = process.env.DATABASE_URL;
    if (url) rows.push(...(await scratchDatabases(url, (urls) => benchOn("PostgreSQL", folder, urls))));
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function formatServiceBench(rows: readonly ServiceBenchRow[]): string {
  const lines = [
    `generated service vs hand-written Fastify, each server in its own process, autocannon ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, median of ${ROUNDS} rounds of ${DURATION_S} s in alternating order`,
    "| database | endpoint | implementation | req/s | p99 ms | non-2xx |",
    "|---|---|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.endpoint} | ${r.implementation} | ${Math.round(r.requestsPerSecond)} | ${r.p99Ms} | ${r.non2xx} |`,
    ),
  ];
  for (const database of new Set(rows.map((r) => r.database)))
    for (const endpoint of new Set(rows.map((r) => r.endpoint))) {
      const of = (implementation: string) =>
        rows.find(
          (r) => r.database === database && r.endpoint === endpoint && r.implementation === implementation,
        );
      const h = of("hand-written");
      for (const implementation of ["generated", "generated-unvalidated"]) {
        const g = of(implementation);
        if (g && h && h.requestsPerSecond > 0)
          lines.push(
            `${database}, ${endpoint}: ${implementation} at ${Math.round((100 * g.requestsPerSecond) / h.requestsPerSecond)}% of hand-written throughput (goal: at least 80%)`,
          );
      }
    }
  return lines.join("\n");
}
