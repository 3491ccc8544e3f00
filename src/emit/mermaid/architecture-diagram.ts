import { API_VERSION_PREFIX } from "../../analyze/derive-resources.js";
import type { Integration } from "../../analyze/integration.js";
import { collectionSegment } from "../../analyze/naming.js";
import type { ServiceSchema } from "../../analyze/relational-schema.js";
import { type Model, Model as ModelOps } from "../../model/index.js";
import { isCachedRead } from "./cached-read.js";
import { mermaidId, mermaidLines, mermaidText } from "./mermaid-text.js";

/** Tables every publishing or consuming service adds for reliable messaging (see the SQL migrations). */
const OUTBOX_TABLE = "outbox";
/**
 * Above this many services (or projections) the diagram is condensed: nodes carry counts instead of
 * lists, edges carry no labels, one projection node stands for all of a service's projections, and
 * cross-service references are left to the consistency table in DESIGN.md. Layout cost grows much
 * faster than linearly with edges (a 20-service system took over a minute to render in full), and a
 * picture with hundreds of labelled edges is unreadable anyway.
 */
export const CONDENSE_ABOVE_SERVICES = 8;
export const CONDENSE_ABOVE_PROJECTIONS = 6;
const INBOX_TABLE = "processed_events";

/**
 * The system at a glance: clients, the gateway, one node and one database per service, the cache,
 * the broker with the events it carries (dotted: asynchronous), projections serving hot cross-service
 * reads, and cross-service id references (thick: a plain id kept consistent by events, never a foreign key).
 */
export function emitArchitectureDiagram(
  model: Model,
  schemas: readonly ServiceSchema[],
  integration: Integration,
): string {
  const lines: string[] = ["flowchart LR"];
  const node = (id: string, open: string, label: readonly string[], close: string) =>
    `${id}${open}"${mermaidLines(label)}"${close}`;

  const auth = model.security.auth.length > 0 ? model.security.auth.join(", ") : "none";
  lines.push(`  ${node("clients", "([", ["Clients", "web and mobile apps"], "])")}`);
  lines.push(`  ${node("gateway", "[", ["API gateway", `auth: ${auth}`, "rate limiting per client"], "]")}`);
  lines.push(`  ${node("cache", "{{", ["Redis cache", "read-through, rate-limit counters"], "}}")}`);
  const hasEvents = integration.events.length > 0;
  if (hasEvents) {
    lines.push(`  ${node("broker", "[[", ["Message broker", "outbox relay to inbox"], "]]")}`);
  }

  const schemaOf = new Map(schemas.map((s) => [s.service, s]));
  const services = [...model.services].sort();
  const condensed =
    services.length > CONDENSE_ABOVE_SERVICES || integration.hotReads.length > CONDENSE_ABOVE_PROJECTIONS;
  const eventLabel = (names: readonly string[]) => names;
  // Condensed edges carry no labels: label placement is most of the layout cost at this size.
  const edge = (from: string, arrow: string, to: string, label: readonly string[] = []) =>
    label.length === 0 || condensed
      ? `  ${from} ${arrow} ${to}`
      : `  ${from} ${arrow}|"${mermaidLines(label)}"| ${to}`;
  const projections = [...integration.hotReads].sort((a, b) =>
    a.useCase < b.useCase ? -1 : a.useCase > b.useCase ? 1 : 0,
  );
  for (const service of services) {
    const paths = ModelOps.entitiesOf(model, service).map(
      (e) => `${API_VERSION_PREFIX}/${collectionSegment(e.name)}`,
    );
    const schema = schemaOf.get(service);
    const tables = schema ? schema.tables.map((t) => t.name) : [];
    if (schema?.messaging.outbox) tables.push(OUTBOX_TABLE);
    if (schema?.messaging.inbox) tables.push(INBOX_TABLE);
    lines.push(`  subgraph ${mermaidId("sg", service)}["${mermaidText(`${service} service`)}"]`);
    const pathLines = condensed
      ? [`${paths.length} resource${paths.length === 1 ? "" : "s"} under /v1`]
      : paths;
    const tableLine = condensed ? `${tables.length} tables` : tables.join(", ");
    lines.push(`    ${node(mermaidId("svc", service), "[", [service, ...pathLines], "]")}`);
    lines.push(
      `    ${node(mermaidId("db", service), "[(", [`${service} DB (PostgreSQL)`, tableLine], ")]")}`,
    );
    const owned = projections.filter((read) => read.owner === service);
    if (condensed && owned.length > 0) {
      lines.push(
        `    ${node(projectionId(service, 0), "[(", [`projections for ${owned.length} use case(s)`], ")]")}`,
      );
    } else {
      projections.forEach((read, index) => {
        if (read.owner !== service) return;
        lines.push(
          `    ${node(projectionId(service, index), "[(", projectionLabel(model, read.useCase, service), ")]")}`,
        );
      });
    }
    lines.push("  end");
  }

  lines.push(edge("clients", "-->", "gateway", ["HTTPS /v1"]));
  lines.push(edge("gateway", "-.->", "cache", ["rate-limit counters"]));
  for (const service of services) {
    const svc = mermaidId("svc", service);
    lines.push(edge("gateway", "-->", svc));
    lines.push(edge(svc, "-->", mermaidId("db", service), ["SQL"]));
  }
  for (const service of cachedServices(model, integration)) {
    lines.push(edge(mermaidId("svc", service), "-.->", "cache", ["cache-aside reads"]));
  }

  const projectionEvents = new Set<string>();
  const drawnProjections = new Set<string>();
  projections.forEach((read, index) => {
    const owner = mermaidId("svc", read.owner);
    const proj = projectionId(read.owner, condensed ? 0 : index);
    const feeding = integration.events
      .filter(
        (e) =>
          e.consumers.includes(read.owner) && read.services.includes(e.producer) && e.producer !== read.owner,
      )
      .map((e) => e.name);
    for (const name of feeding) projectionEvents.add(`${read.owner} ${name}`);
    if (condensed) {
      if (drawnProjections.has(proj)) return;
      drawnProjections.add(proj);
      lines.push(edge(owner, "-->", proj, ["local reads"]));
      lines.push(edge("broker", "-.->", proj, ["events"]));
      return;
    }
    lines.push(edge(owner, "-->", proj, [`reads for ${read.useCase}`]));
    if (feeding.length > 0) lines.push(edge("broker", "-.->", proj, eventLabel(feeding)));
  });

  if (hasEvents) {
    for (const service of services) {
      const produced = integration.events.filter((e) => e.producer === service).map((e) => e.name);
      if (produced.length > 0)
        lines.push(edge(mermaidId("svc", service), "-.->", "broker", eventLabel(produced)));
    }
    for (const service of services) {
      const consumed = integration.events
        .filter((e) => e.consumers.includes(service) && !projectionEvents.has(`${service} ${e.name}`))
        .map((e) => e.name);
      if (consumed.length > 0)
        lines.push(edge("broker", "-.->", mermaidId("svc", service), eventLabel(consumed)));
    }
  }

  for (const [pair, refs] of condensed ? [] : crossServiceRefs(schemas)) {
    const [from, to] = pair.split("\u0000") as [string, string];
    lines.push(edge(mermaidId("db", from), "==>", mermaidId("db", to), ["id ref, no FK", ...refs]));
  }

  return `${lines.join("\n")}\n`;
}

function projectionId(service: string, index: number): string {
  return mermaidId("proj", `${service}_${index + 1}`);
}

function projectionLabel(model: Model, useCase: string, owner: string): string[] {
  const reads = model.useCases.find((u) => u.name === useCase)?.reads ?? [];
  const foreign = reads.filter((name) => ModelOps.entity(model, name)?.service !== owner);
  return [`projection of ${foreign.join(", ")}`, `for ${useCase}`];
}

/** Services that answer a hot, read-only use case: the ones that put a cache in front of their database. */
function cachedServices(model: Model, integration: Integration): string[] {
  const byName = ModelOps.entitiesByName(model);
  const services = new Set<string>();
  for (const useCase of model.useCases) {
    if (!isCachedRead(useCase)) continue;
    const owner = integration.hotReads.find((h) => h.useCase === useCase.name)?.owner;
    const first = useCase.reads[0];
    const service = owner ?? (first ? byName.get(first)?.service : undefined);
    if (service) services.add(service);
  }
  return [...services].sort();
}

/** Referencing service + referenced service -> `table.column → service.table` lines, sorted. */
function crossServiceRefs(schemas: readonly ServiceSchema[]): [string, string[]][] {
  const pairs = new Map<string, string[]>();
  for (const schema of schemas) {
    for (const table of schema.tables) {
      for (const ref of table.crossServiceRefs) {
        const key = `${schema.service}\u0000${ref.targetService}`;
        const list = pairs.get(key) ?? [];
        list.push(`${table.name}.${ref.column} → ${ref.targetService}.${ref.targetTable}`);
        pairs.set(key, list);
      }
    }
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.sort()]);
}
