import { PER_HOP_P99_MS, primaryService } from "../../../analyze/integration.js";
import { Model } from "../../../model/index.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import { readFromProjection, writesRunAsSaga } from "../../architecture/async-evidence.js";
import { servicesOf } from "../../architecture/spec-artifact-match.js";
import type { Rule } from "../../rule.js";

export const fanOutExceedsLatencyBudget: Rule<ArchitectureContext> = {
  meta: {
    id: "fan-out-exceeds-latency-budget",
    area: "architecture",
    defaultSeverity: "warning",
    description: "A use case calls so many services in series that its latency passes scale.latencyP99Ms.",
    rationale: `Each service a use case calls on its request path beyond the one that answers it is a network hop. Assuming ${PER_HOP_P99_MS} ms p99 per hop (one region, the callee's query included) and hops made one after another, the answering service plus its hops can exceed the latency target before any slow query or retry; the tail of every callee lands on this path. Work that is off the request path is no hop: writes in other services that run as a saga after the response (the answering service has an outbox, or no SQL of it is reviewed: the design plans a saga for every multi-service write) and reads served from a local projection (a \`<table>_projection\` table, or, with no SQL reviewed, a use case at 100 rps or more or one whose calls would pass the target, for which the design plans one).`,
    howToFix:
      "Serve the reads from a local projection fed by events, make independent calls in parallel, move the writes after the response (outbox + events), or keep the entities in fewer services.",
  },
  check(context, report) {
    const { model } = context;
    const byName = Model.entitiesByName(model);
    const budget = model.scale.latencyP99Ms;
    for (const useCase of model.useCases) {
      const answering = primaryService(useCase, byName);
      const saga = writesRunAsSaga(context, useCase);
      const onPath = [
        ...useCase.reads.filter((name) => {
          const entity = byName.get(name);
          return entity !== undefined && !readFromProjection(context, useCase, entity);
        }),
        ...(saga ? [] : useCase.writes),
      ];
      const others = servicesOf(model, onPath).filter((s) => s !== answering);
      const estimate = (1 + others.length) * PER_HOP_P99_MS;
      if (others.length === 0 || estimate <= budget) continue;
      report({
        message: `Use case "${useCase.name}" is answered by ${answering} and calls ${others.join(", ")} in series: about ${estimate} ms p99 at ${PER_HOP_P99_MS} ms per hop, over the ${budget} ms target.`,
        location: useCase.location,
        fix: `Cut the synchronous hops of "${useCase.name}" to ${Math.max(0, Math.floor(budget / PER_HOP_P99_MS) - 1)} or fewer: projections for reads, events for writes.`,
        related: [{ message: `latencyP99Ms: ${budget}`, location: model.scale.location }],
      });
    }
  },
};
