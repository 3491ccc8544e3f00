import { impliedFilters } from "../../analyze/access/row-keys.js";
import { API_VERSION_PREFIX, PAGE_LIMIT } from "../../analyze/derive-resources.js";
import { type Integration, primaryService, type Saga, sagaEvent } from "../../analyze/integration.js";
import {
  collectionSegment,
  columnName,
  idParameterName,
  propertyName,
  snakeCase,
  tableName,
} from "../../analyze/naming.js";
import { type Entity, Field, Model, type UseCase } from "../../model/index.js";
import { isCachedRead } from "./cached-read.js";
import { mermaidId, mermaidText } from "./mermaid-text.js";

export interface SequenceDiagramOptions {
  /**
   * Entities served through the read-through cache, when a capacity plan has chosen them; otherwise a
   * hot read-only use case is cached (see isCachedRead).
   */
  readonly cachedEntities?: ReadonlySet<string>;
  /** The contract's operation serving the use case: its method, path and success status are drawn. */
  readonly operation?: {
    readonly method: string;
    readonly path: string;
    readonly status: number;
    readonly statusText: string;
  };
}

type WriteKind = "create" | "update" | "delete";

/**
 * What a write use case does to its entity, read from the first word of its name: the spec states
 * which entities a use case writes but not how, and a verb is the only hint it carries.
 */
const UPDATE_VERBS = new Set([
  "update",
  "edit",
  "change",
  "modify",
  "moderate",
  "approve",
  "reject",
  "rename",
  "mark",
  "archive",
  "cancel",
  "close",
  "reopen",
  "set",
  "assign",
  "move",
]);
const DELETE_VERBS = new Set(["delete", "remove", "unfollow", "unsubscribe", "revoke", "purge"]);

export function writeKind(useCase: UseCase): WriteKind {
  const stated = useCase.operation?.kind;
  if (stated === "create" || stated === "update" || stated === "delete") return stated;
  if (stated === "command") return "update";
  const verb = useCase.name.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (DELETE_VERBS.has(verb)) return "delete";
  if (UPDATE_VERBS.has(verb)) return "update";
  return "create";
}

/**
 * One use case end to end: the client's request through the gateway (authentication, role, rate
 * limit) to the owning service and its database, with the cache, projections, outbox and saga steps
 * the design calls for, the success response and the error a client most needs to handle.
 */
export function emitSequenceDiagram(
  model: Model,
  useCase: UseCase,
  integration: Integration,
  options: SequenceDiagramOptions = {},
): string {
  const byName = Model.entitiesByName(model);
  const owner = primaryService(useCase, byName);
  const svc = mermaidId("svc", owner);
  const db = mermaidId("db", owner);
  const isWrite = useCase.writes.length > 0;
  const kind = writeKind(useCase);
  const saga = integration.sagas.find((s) => s.useCase === useCase.name);
  const hotRead = integration.hotReads.find((h) => h.useCase === useCase.name);
  // Only the owner's own tables sit behind its cache; reads from other services go through their
  // API or a projection.
  const localReads = useCase.reads.filter((n) => byName.get(n)?.service === owner);
  const cached = !isWrite && isCached(useCase, localReads, options);
  const mainName = (isWrite ? useCase.writes : useCase.reads).find((n) => byName.get(n)?.service === owner);
  const main = mainName ? byName.get(mainName) : undefined;

  const published = isWrite
    ? integration.events.filter(
        (e) => e.producer === owner && useCase.writes.includes(e.entity) && e.change === eventChange(kind),
      )
    : [];
  const usesBroker = published.length > 0 || saga !== undefined;
  const remoteReads = useCase.reads.filter((n) => {
    const service = byName.get(n)?.service;
    return service !== undefined && service !== owner;
  });
  const calledServices = hotRead
    ? []
    : [...new Set(remoteReads.map((n) => byName.get(n)?.service ?? ""))].filter((s) => s !== "").sort();
  const sagaServices = saga ? saga.participants.filter((p) => p !== owner) : [];
  const consumers = [...new Set(published.flatMap((e) => e.consumers))].filter((c) => c !== owner).sort();
  const otherServices = [...new Set([...calledServices, ...sagaServices, ...consumers])].sort();

  const out: string[] = ["sequenceDiagram"];
  let depth = 1;
  const line = (text: string) => out.push(`${"  ".repeat(depth)}${text}`);
  const say = (from: string, arrow: string, to: string, text: string) =>
    line(`${from}${arrow}${to}: ${mermaidText(text)}`);

  out.push(`  actor Client as ${mermaidText(`Client (${useCase.actor})`)}`);
  out.push("  participant Gateway as API gateway");
  out.push(`  participant ${svc} as ${mermaidText(`${owner} service`)}`);
  if (cached) out.push("  participant Cache as Redis cache");
  out.push(`  participant ${db} as ${mermaidText(`${owner} DB`)}`);
  if (usesBroker) out.push("  participant Broker as message broker");
  for (const other of otherServices) {
    out.push(`  participant ${mermaidId("svc", other)} as ${mermaidText(`${other} service`)}`);
  }

  const [guessed, headers] = httpRequest(useCase, main, isWrite ? kind : "list");
  const stated = options.operation;
  const request = stated
    ? `${stated.method.toUpperCase()} ${stated.path}${guessed.includes("?") && stated.method === "get" ? guessed.slice(guessed.indexOf("?")) : ""}`
    : guessed;
  const withHeaders = (extra: readonly string[]) => {
    const all = [...headers, ...extra];
    return all.length > 0 ? `${request} (${all.join(", ")})` : request;
  };
  out.push(`  Note over Client,${svc}: ${mermaidText(`${useCase.name} (peak ${useCase.peakRps} rps)`)}`);
  say("Client", "->>", "Gateway", withHeaders([]));
  say(
    "Gateway",
    "->>",
    "Gateway",
    useCase.actor === "anonymous"
      ? "public: rate limit per client IP"
      : `verify token, require role ${useCase.actors.join(" or ")}, rate limit per client`,
  );
  say("Gateway", "->>", svc, withHeaders(["X-Request-ID"]));

  if (isWrite) {
    for (const name of useCase.reads.filter(
      (n) => byName.get(n)?.service === owner && !useCase.writes.includes(n),
    )) {
      const entity = byName.get(name);
      if (entity) say(svc, "->>", db, `SELECT 1 FROM ${tableName(entity.name)} WHERE id = $1 FOR SHARE`);
    }
    for (const name of remoteReads) {
      const entity = byName.get(name);
      if (!entity) continue;
      if (hotRead) {
        say(
          svc,
          "->>",
          db,
          `SELECT 1 FROM ${tableName(entity.name)}_projection WHERE id = $1 (local copy fed by ${entity.service} events)`,
        );
        continue;
      }
      const remote = mermaidId("svc", entity.service);
      const path = `${API_VERSION_PREFIX}/${collectionSegment(entity.name)}/{${idParameterName(entity.name)}}`;
      say(svc, "->>", remote, `GET ${path} (timeout, circuit breaker)`);
      say(remote, "-->>", svc, `${entity.name} or 404`);
    }
    const localWrites = useCase.writes.filter((n) => byName.get(n)?.service === owner);
    say(svc, "->>", db, "BEGIN");
    for (const name of localWrites) {
      const entity = byName.get(name);
      if (entity) say(svc, "->>", db, writeSql(entity, kind));
    }
    const requested = saga ? sagaEvent(saga.orchestrator, saga.useCase, "requested") : undefined;
    for (const name of [...published.map((e) => e.name), ...(requested ? [requested] : [])])
      say(svc, "->>", db, `INSERT INTO outbox (event_type) VALUES ('${name}')`);
    say(svc, "->>", db, "COMMIT");
    say(db, "-->>", svc, kind === "create" ? "row inserted" : "1 row affected");
    for (const event of published) {
      say(db, "--)", "Broker", `outbox relay publishes ${event.name}`);
      for (const consumer of event.consumers.filter((c) => c !== owner)) {
        say("Broker", "--)", mermaidId("svc", consumer), `${event.name} (inbox: applied once)`);
      }
    }
  } else {
    const readRemote = () => {
      if (hotRead) {
        for (const name of remoteReads) {
          const entity = byName.get(name);
          if (!entity) continue;
          say(
            svc,
            "->>",
            db,
            `SELECT … FROM ${tableName(entity.name)}_projection WHERE … (local copy fed by ${entity.service} events)`,
          );
          say(db, "-->>", svc, `${entity.name} rows, seconds stale at most`);
        }
      } else {
        for (const name of remoteReads) {
          const entity = byName.get(name);
          if (!entity) continue;
          const remote = mermaidId("svc", entity.service);
          say(
            svc,
            "->>",
            remote,
            `GET ${API_VERSION_PREFIX}/${collectionSegment(entity.name)} (timeout, circuit breaker)`,
          );
          say(remote, "-->>", svc, `${entity.name} page`);
        }
      }
    };
    if (!main) readRemote();
    if (main) {
      if (cached) {
        say(svc, "->>", "Cache", `GET ${tableName(main.name)}:list:hash(query)`);
        say("Cache", "-->>", svc, "hit: cached page");
        line("opt cache miss");
        depth += 1;
      }
      readRemote();
      say(svc, "->>", db, keysetSql(model, useCase, main, byName));
      say(db, "-->>", svc, `up to ${PAGE_LIMIT.default + 1} rows via index (one extra row sets nextCursor)`);
      if (cached) {
        say(svc, "->>", "Cache", "SET page with short TTL");
        depth -= 1;
        line("end");
      }
    }
  }

  const [status, okText] = stated
    ? [stated.status, stated.statusText]
    : successStatus(isWrite ? kind : "list");
  const [errorStatus, errorText] = keyError(useCase, main, isWrite ? kind : "list");
  line(`alt ${mermaidText(`${status} ${okText}`)}`);
  depth += 1;
  say(svc, "-->>", "Gateway", `${status} ${okText}`);
  say("Gateway", "-->>", "Client", `${status} ${okText} with X-Request-ID`);
  depth -= 1;
  line(`else ${mermaidText(`${errorStatus} ${errorText}`)}`);
  depth += 1;
  const errorFrom = errorStatus === 403 ? "Gateway" : svc;
  if (errorFrom !== "Gateway") say(svc, "-->>", "Gateway", `${errorStatus} application/problem+json`);
  say("Gateway", "-->>", "Client", `${errorStatus} application/problem+json (${errorText})`);
  depth -= 1;
  line("end");
  if (saga)
    sagaAfterResponse(saga, owner, main, say, line, (body) => {
      depth += 1;
      body();
      depth -= 1;
    });
  return `${out.join("\n")}\n`;
}

/**
 * A saga runs after the response: the client gets the orchestrator's row at once and the
 * participants' steps follow through the broker, so no request waits on another service's write.
 * The messages are the saga's event definitions, by name.
 */
function sagaAfterResponse(
  saga: Saga,
  owner: string,
  main: Entity | undefined,
  say: (from: string, arrow: string, to: string, text: string) => void,
  line: (text: string) => void,
  nested: (body: () => void) => void,
): void {
  const svc = mermaidId("svc", owner);
  const db = mermaidId("db", owner);
  const requested = sagaEvent(saga.orchestrator, saga.useCase, "requested");
  const cancelled = sagaEvent(saga.orchestrator, saga.useCase, "cancelled");
  const answer = (participant: string) => `${sagaEvent(participant, saga.useCase, "completed")} or .failed`;
  const participants = saga.participants.filter((p) => p !== owner);
  const last = mermaidId("svc", participants[participants.length - 1] ?? owner);
  line(
    `Note over ${svc},${last}: ${mermaidText(
      `${saga.name}, after the response${main ? `: the ${main.name} is in progress until every step completes` : ""}`,
    )}`,
  );
  say(db, "--)", "Broker", `outbox relay publishes ${requested}`);
  for (const participant of participants) {
    const id = mermaidId("svc", participant);
    const writes = saga.steps.filter((s) => s.service === participant).map((s) => s.entity);
    say("Broker", "--)", id, `${requested} (inbox: applied once)`);
    say(id, "->>", id, `write ${writes.join(", ")} and its outbox row in one local transaction`);
    say(id, "--)", "Broker", answer(participant));
    say("Broker", "--)", svc, answer(participant));
  }
  line("alt every step completed");
  nested(() => {
    const subject = saga.steps.find((s) => s.service === owner)?.entity ?? main?.name ?? "its row";
    say(svc, "->>", db, `record the outcome on ${subject} (it is no longer in progress), in one transaction`);
  });
  line("else a step failed");
  nested(() => {
    const own = saga.steps.filter((s) => s.service === owner).map((s) => s.compensation);
    say(svc, "->>", db, `${[...own, `INSERT INTO outbox ('${cancelled}')`].join("; ")}, in one transaction`);
    say(db, "--)", "Broker", `outbox relay publishes ${cancelled}`);
    for (const participant of participants) {
      const undo = saga.steps
        .filter((s) => s.service === participant)
        .map((s) => s.compensation)
        .join("; ");
      say("Broker", "--)", mermaidId("svc", participant), `${cancelled}: if its step completed, ${undo}`);
    }
  });
  line("end");
}

function isCached(useCase: UseCase, localReads: readonly string[], options: SequenceDiagramOptions): boolean {
  if (options.cachedEntities) return localReads.some((r) => options.cachedEntities?.has(r));
  return isCachedRead(useCase);
}

function eventChange(kind: WriteKind): "created" | "updated" | "deleted" {
  return kind === "create" ? "created" : kind === "update" ? "updated" : "deleted";
}

/** Method and path, and the request headers the API requires for it. */
function httpRequest(
  useCase: UseCase,
  entity: Entity | undefined,
  kind: WriteKind | "list",
): [string, string[]] {
  if (!entity) return [`POST ${API_VERSION_PREFIX}/actions`, []];
  const collection = `${API_VERSION_PREFIX}/${collectionSegment(entity.name)}`;
  const item = `${collection}/{${idParameterName(entity.name)}}`;
  switch (kind) {
    case "create":
      return [`POST ${collection}`, ["Idempotency-Key"]];
    case "update":
      // The contract carries the optimistic-lock version in the body (see the OpenAPI update schema).
      return [`PATCH ${item}`, entity.versioned ? ["body carries version"] : []];
    case "delete":
      return [`DELETE ${item}`, []];
    case "list": {
      const feedOn = useCase.operation?.kind === "feed" ? useCase.operation.on : undefined;
      const params = (useCase.filter[entity.name] ?? [])
        .filter((name) => name !== feedOn)
        .map((name) => {
          const field = entity.fields.find((f) => f.name === name);
          return `${propertyName(name, field !== undefined && Field.isRef(field))}=…`;
        });
      const sort = useCase.sort[entity.name];
      if (sort && sort.length > 0) {
        params.push(`sort=${sort.map((k) => `${k.direction === "desc" ? "-" : ""}${k.field}`).join(",")}`);
      }
      params.push(`limit=${PAGE_LIMIT.default}`, "cursor=…");
      return [`GET ${collection}?${params.join("&")}`, []];
    }
  }
}

function sqlColumn(entity: Entity, name: string): string {
  const field = entity.fields.find((f) => f.name === name);
  return field ? columnName(field.name, Field.isRef(field)) : snakeCase(name);
}

/** The keyset-pagination query a list use case runs: filters, then a row comparison on the sort key plus id. */
function keysetSql(
  model: Model,
  useCase: UseCase,
  entity: Entity,
  byName: ReadonlyMap<string, Entity>,
): string {
  const table = tableName(entity.name);
  const feed = useCase.operation?.kind === "feed" ? useCase.operation : undefined;
  const params = (useCase.filter[entity.name] ?? []).filter((name) => name !== feed?.on);
  const where = params.map((name, i) => `${sqlColumn(entity, name)} = $${i + 1}`);
  for (const name of impliedFilters(model, useCase, entity).filter((n) => n !== feed?.on))
    where.unshift(`${sqlColumn(entity, name)} = :caller`);
  if (feed) {
    // The feed's rows: those whose reference names someone the caller follows, read from the join
    // table (or this service's projection of it).
    const via = byName.get(feed.via);
    const viaTable =
      via && via.service !== entity.service ? `${tableName(feed.via)}_projection` : tableName(feed.via);
    where.unshift(
      `${sqlColumn(entity, feed.on)} IN (SELECT ${columnName(feed.match, true)} FROM ${viaTable} WHERE ${columnName(feed.caller, true)} = :caller)`,
    );
  }
  const sort = (useCase.sort[entity.name] ?? []).map((k) => ({
    column: sqlColumn(entity, k.field),
    direction: k.direction,
  }));
  const keyColumns = entity.key.length > 0 ? entity.key.map((k) => sqlColumn(entity, k)) : ["id"];
  const direction = sort[sort.length - 1]?.direction ?? "asc";
  for (const column of keyColumns) {
    if (!sort.some((s) => s.column === column)) sort.push({ column, direction });
  }
  const uniform = sort.every((s) => s.direction === sort[0]?.direction);
  const next = params.length + 1;
  if (uniform) {
    const columns = sort.map((s) => s.column);
    const params = columns.map((_, i) => `$${next + i}`);
    const op = sort[0]?.direction === "desc" ? "<" : ">";
    where.push(`(${columns.join(", ")}) ${op} (${params.join(", ")})`);
  } else {
    where.push(`keyset predicate on (${sort.map((s) => s.column).join(", ")})`);
  }
  const order = sort.map((s) => `${s.column} ${s.direction.toUpperCase()}`).join(", ");
  return `SELECT … FROM ${table} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ${PAGE_LIMIT.default + 1}`;
}

function writeSql(entity: Entity, kind: WriteKind): string {
  const table = tableName(entity.name);
  const keyColumns = entity.key.length > 0 ? entity.key.map((k) => sqlColumn(entity, k)) : ["id"];
  const match = keyColumns.map((c, i) => `${c} = $${i + 1}`).join(" AND ");
  switch (kind) {
    case "create":
      return `INSERT INTO ${table} (…) VALUES (…)`;
    case "update":
      return entity.versioned
        ? `UPDATE ${table} SET …, version = version + 1 WHERE ${match} AND version = $${keyColumns.length + 1}`
        : `UPDATE ${table} SET … WHERE ${match}`;
    case "delete":
      return `DELETE FROM ${table} WHERE ${match}`;
  }
}

function successStatus(kind: WriteKind | "list"): [number, string] {
  switch (kind) {
    case "create":
      return [201, "Created"];
    case "delete":
      return [204, "No Content"];
    default:
      return [200, "OK"];
  }
}

/** The error a client of this use case most needs to handle. */
function keyError(useCase: UseCase, entity: Entity | undefined, kind: WriteKind | "list"): [number, string] {
  if (kind === "update" && entity?.versioned) return [409, "Conflict: version changed since read"];
  if (kind === "create" && entity?.fields.some((f) => f.unique))
    return [409, "Conflict: duplicate unique value"];
  if (kind === "create" && entity?.fields.some((f) => Field.isRef(f))) {
    return [422, "Unprocessable Content: referenced row not found"];
  }
  if (kind === "list" && useCase.actor !== "anonymous")
    return [403, `Forbidden: role is not ${useCase.actor}`];
  if (kind === "list") return [400, "Bad Request: invalid cursor or filter"];
  if (kind === "delete") return [404, "Not Found"];
  return [422, "Unprocessable Content: validation failed"];
}
