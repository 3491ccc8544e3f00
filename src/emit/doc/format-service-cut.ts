import type {
  Alternative,
  AlternativeKind,
  Coupling,
  ServiceCut,
} from "../../analyze/decompose/service-cut.js";
import { MECHANISM_LABEL } from "../../analyze/integration.js";

const KIND_LABEL: Record<AlternativeKind, string> = {
  "modular-monolith": "modular monolith",
  proposed: "proposed",
  "one-fewer": "one fewer",
  "one-more": "one more",
};

/** Boundary couplings shown per pair of services in text; JSON carries all of them. */
const CROSSING_SHOWN = 5;

function describeCoupling(coupling: Coupling): string {
  const evidence = coupling.evidence
    .map((e) => `${e.kind} ${e.weight > 0 ? "+" : ""}${e.weight} (${e.sources.join("; ")})`)
    .join(", ");
  return `${coupling.entities[0]} ~ ${coupling.entities[1]}  ${coupling.weight}: ${evidence}`;
}

function describeAlternative(alternative: Alternative): string {
  const fitness = alternative.kind === "modular-monolith" ? "" : `  [fitness ${alternative.fitness}]`;
  return `  ${KIND_LABEL[alternative.kind].padEnd(17)} ${alternative.summary}${fitness}`;
}

/** The cut as a report for people: services and why, boundaries, scores, alternatives, consistency. */
export function formatServiceCut(cut: ServiceCut, title: string): string {
  const lines: string[] = [
    `Service cut for ${title} (seed ${cut.seed}, resolution ${cut.resolution})`,
    "",
    "Services",
  ];
  for (const service of cut.details) {
    const explicit = service.explicit ? " (set in the spec)" : ` (named after ${service.centralEntity})`;
    lines.push(`  ${service.name}${explicit}: ${service.entities.join(", ")}`);
    lines.push(`    cohesion ${service.cohesion}`);
    for (const coupling of service.heldTogetherBy)
      lines.push(`    held together by ${describeCoupling(coupling)}`);
  }
  lines.push("", "Boundaries");
  if (cut.boundaries.length === 0) lines.push("  none: nothing couples the services");
  for (const boundary of cut.boundaries) {
    lines.push(`  ${boundary.services[0]} | ${boundary.services[1]}  weight ${boundary.weight}`);
    for (const coupling of boundary.crossing.slice(0, CROSSING_SHOWN))
      lines.push(`    crosses: ${describeCoupling(coupling)}`);
    const hidden = boundary.crossing.length - CROSSING_SHOWN;
    if (hidden > 0) lines.push(`    and ${hidden} more (see --format json)`);
  }
  lines.push(
    "",
    `Scores: cohesion ${cut.scores.cohesion} (higher is better), coupling ${cut.scores.coupling} (lower is better), ` +
      `modularity ${cut.scores.modularity}`,
    "",
    "Alternatives",
    ...cut.alternatives.map(describeAlternative),
    "",
    `Recommendation: ${KIND_LABEL[cut.recommendation.choice]}: ${cut.recommendation.reason}`,
  );
  const { relations, hotReads, sagas, events } = cut.consistency;
  if (relations.length > 0) {
    lines.push("", "Consistency across boundaries");
    for (const r of relations) {
      lines.push(
        `  ${r.fromEntity}.${r.field} (${r.fromService} -> ${r.toService}, ${r.toEntity}): ` +
          `${MECHANISM_LABEL[r.mechanism]} [${r.events.join(", ")}]`,
        `    ${r.reason}`,
        `    when ${r.toEntity} is deleted: ${r.onTargetDeleted}`,
      );
    }
  }
  if (hotReads.length > 0) {
    lines.push("", "Read projections");
    for (const hot of hotReads) lines.push(`  "${hot.useCase}" in ${hot.owner}: ${hot.detail}`);
  }
  if (sagas.length > 0) {
    lines.push("", "Sagas");
    for (const saga of sagas) {
      const steps = saga.steps.map((s) => `${s.service}: ${s.entity}`).join(" -> ");
      lines.push(`  ${saga.name} for "${saga.useCase}" orchestrated by ${saga.orchestrator}: ${steps}`);
    }
  }
  if (events.length > 0) {
    lines.push("", "Events");
    for (const event of events) {
      const payload = event.payload.map((p) => `${p.name}: ${p.type}`).join(", ");
      lines.push(`  ${event.name}: ${event.producer} -> ${event.consumers.join(", ")} { ${payload} }`);
    }
  }
  if (cut.warnings.length > 0) {
    lines.push("", "Warnings");
    for (const warning of cut.warnings) {
      const { file, line, column } = warning.location;
      lines.push(`  ${file}:${line}:${column}: warning[${warning.code}]: ${warning.message}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
