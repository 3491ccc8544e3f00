import { DirectedGraph } from "graphology";
import { primaryService, readsFromProjection } from "../../../analyze/integration.js";
import { Model, type UseCase } from "../../../model/index.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import type { Rule } from "../../rule.js";

export const synchronousCallCycle: Rule<ArchitectureContext> = {
  meta: {
    id: "synchronous-call-cycle",
    area: "architecture",
    defaultSeverity: "error",
    description: "Services call each other synchronously in a cycle.",
    rationale:
      "A use case answered by one service that reads another service's entities is a synchronous call (unless it runs at 100 rps or more, or its calls in series would pass the latency target: then archwright serves it from a local projection). When those calls form a cycle, no service in it can start, deploy or fail alone, a slow one stalls the others, and a request can loop back into itself: a distributed monolith.",
    howToFix:
      "Break one edge of the cycle: serve that read from a projection fed by the other service's events, or move the entities that are read together into one service.",
  },
  check(context, report) {
    const { model } = context;
    const byName = Model.entitiesByName(model);
    const graph = new DirectedGraph<Record<string, never>, { useCases: UseCase[] }>();
    for (const useCase of model.useCases) {
      if (readsFromProjection(useCase, byName, model.scale.latencyP99Ms)) continue;
      const caller = primaryService(useCase, byName);
      for (const read of useCase.reads) {
        const callee = byName.get(read)?.service;
        if (callee === undefined || callee === caller) continue;
        graph.mergeNode(caller);
        graph.mergeNode(callee);
        const existing = graph.hasEdge(caller, callee)
          ? graph.getEdgeAttribute(caller, callee, "useCases")
          : [];
        if (!existing.includes(useCase))
          graph.mergeEdge(caller, callee, { useCases: [...existing, useCase] });
      }
    }
    for (const component of cycles(graph)) {
      const members = new Set(component);
      const edges = graph
        .edges()
        .filter((e) => members.has(graph.source(e)) && members.has(graph.target(e)))
        .map((e) => ({
          from: graph.source(e),
          to: graph.target(e),
          useCases: graph.getEdgeAttribute(e, "useCases"),
        }))
        .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
      const useCases = [...new Set(edges.flatMap((e) => e.useCases))].sort(
        (a, b) => model.useCases.indexOf(a) - model.useCases.indexOf(b),
      );
      const [first, ...rest] = useCases;
      if (first === undefined) continue;
      report({
        message: `Services ${component.join(", ")} call each other synchronously in a cycle: ${edges
          .map((e) => `${e.from} → ${e.to} (${e.useCases.map((u) => `"${u.name}"`).join(", ")})`)
          .join("; ")}.`,
        location: first.location,
        fix: `Serve one of these reads from a projection fed by events, or merge ${component.join(" and ")}.`,
        related: rest.map((u) => ({ message: `use case "${u.name}"`, location: u.location })),
      });
    }
  },
};

/**
 * Strongly connected components with more than one service, each sorted, in sorted order. The
 * graph has one node per service (tens at most), so mutual reachability by depth-first search is
 * plenty; graphology's own components package is not a dependency.
 */
function cycles(graph: DirectedGraph): string[][] {
  const reach = new Map<string, Set<string>>();
  for (const start of graph.nodes()) {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop() as string;
      for (const next of graph.outNeighbors(node)) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    reach.set(start, seen);
  }
  const components = new Map<string, string[]>();
  for (const node of [...graph.nodes()].sort()) {
    const members = [...graph.nodes()]
      .filter((other) => other === node || (reach.get(node)?.has(other) && reach.get(other)?.has(node)))
      .sort();
    if (members.length > 1) components.set(members.join("\u0000"), members);
  }
  return [...components.values()];
}
