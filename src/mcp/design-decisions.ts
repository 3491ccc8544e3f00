import type { ServiceCut } from "../analyze/decompose/index.js";
import type { RuleMeta } from "../review/rule.js";
import type { HandoffView } from "./handoff-view.js";

export type DecisionKind = "rule" | "index" | "table" | "service" | "technology" | "event" | "endpoint";

/** One thing an agent can ask "why?" about, with the answer archwright already wrote down. */
export interface Decision {
  readonly kind: DecisionKind;
  /** Names it answers to (lower-cased when matched). */
  readonly names: readonly string[];
  readonly explanation: string;
}

export function ruleDecisions(metas: readonly RuleMeta[]): Decision[] {
  return metas.map((m) => ({
    kind: "rule",
    names: [m.id],
    explanation: `${m.description} (${m.area}, ${m.defaultSeverity} by default). Why: ${m.rationale} How to fix: ${m.howToFix}${m.owasp ? ` OWASP: ${m.owasp}.` : ""}`,
  }));
}

/** The decisions of one design, from its handoff.json and service cut. */
export function designDecisions(handoff: HandoffView, cut: ServiceCut | undefined): Decision[] {
  const decisions: Decision[] = [];
  for (const schema of handoff.schema) {
    for (const table of schema.tables) {
      for (const index of table.indexes) {
        decisions.push({
          kind: "index",
          names: [index.name],
          explanation: `${index.reason} (on ${table.name}(${index.columns.join(", ")}) in service ${schema.service})`,
        });
      }
      const notes = [
        `table of entity ${table.entity} in service ${schema.service}'s database`,
        table.partitioning
          ? `partitioned by ${table.partitioning.strategy}: ${table.partitioning.reason ?? ""}`
          : "",
        table.rowLevelSecurity ? `row-level security on ${table.rowLevelSecurity.tenantColumn}` : "",
        ...table.crossServiceReferences.map(
          (r) => `${r.column} refers to ${r.references} in another service: an indexed id, no foreign key`,
        ),
      ];
      decisions.push({ kind: "table", names: [table.name, table.entity], explanation: joinNotes(notes) });
    }
  }
  for (const service of handoff.services) {
    const detail = cut?.details.find((d) => d.name === service.name);
    const why = detail
      ? `held together by ${detail.heldTogetherBy
          .slice(0, 3)
          .map((c) => `${c.entities.join(" + ")} (${c.evidence.map((e) => e.kind).join(", ")})`)
          .join("; ")}; cohesion ${detail.cohesion.toFixed(2)}`
      : "placed by the spec (`service:` on its entities)";
    decisions.push({
      kind: "service",
      names: [service.name],
      explanation: joinNotes([
        `owns ${service.entities.join(", ")}`,
        why,
        service.publishes.length ? `publishes ${service.publishes.join(", ")}` : "",
        service.consumes.length ? `consumes ${service.consumes.join(", ")}` : "",
        cut ? `recommendation: ${cut.recommendation.choice}: ${cut.recommendation.reason}` : "",
      ]),
    });
  }
  for (const t of handoff.technology) {
    decisions.push({
      kind: "technology",
      names: [t.concern, t.choice],
      explanation: `${t.choice}. ${t.rationale} Trade-off: ${t.tradeOff} Not chosen: ${t.alternativesConsidered.map((a) => `${a.name} (${a.whyNot})`).join("; ")}`,
    });
  }
  for (const e of handoff.integrationPoints.events) {
    decisions.push({
      kind: "event",
      names: [e.name],
      explanation: `${e.purpose} Published by ${e.producer}, consumed by ${e.consumers.join(", ")}.`,
    });
  }
  for (const e of handoff.endpoints) {
    decisions.push({
      kind: "endpoint",
      names: [e.operationId, `${e.method} ${e.path}`],
      explanation: joinNotes([
        `${e.purpose} (service ${e.service})`,
        `access: ${e.access === "public" ? "public" : e.access.join(", ")}`,
        e.accessNote ?? "",
        e.useCases.length ? `for use cases ${e.useCases.join(", ")}` : "no use case asks for it",
      ]),
    });
  }
  return decisions;
}

function joinNotes(notes: readonly string[]): string {
  return `${notes.filter((n) => n !== "").join("; ")}.`;
}

/**
 * The decisions a topic names: the whole topic as a name first, then any word of it (so "why does
 * posts_author_id_idx exist?" finds the index), then names containing it.
 */
export function findDecisions(topic: string, decisions: readonly Decision[], limit = 5): Decision[] {
  const wanted = topic.trim().toLowerCase();
  const named = (name: string) => decisions.filter((d) => d.names.some((n) => n.toLowerCase() === name));
  const exact = named(wanted);
  if (exact.length > 0) return exact.slice(0, limit);
  const words = wanted.split(/[\s,;:?!"'`()]+/).filter((w) => w.length > 0);
  const byWord = [...new Set(words.flatMap(named))];
  if (byWord.length > 0) return byWord.slice(0, limit);
  if (wanted.length < 3) return [];
  return decisions.filter((d) => d.names.some((n) => n.toLowerCase().includes(wanted))).slice(0, limit);
}
