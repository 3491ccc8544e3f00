import type { Bottleneck } from "../analyze/capacity/capacity-report.js";

/** When a bottleneck bites, in words: the same phrase in DESIGN.md and in the MCP design summary. */
export function bottleneckTiming(b: Bottleneck): string {
  if (b.bitesAtMultiple === 0) return "already from the start";
  if (b.bitesInMonth !== null) return `in month ${b.bitesInMonth} at today's load`;
  if (b.bitesInMonthAtTenfold !== null) return `in month ${b.bitesInMonthAtTenfold} at 10x load`;
  return `at ${b.bitesAtMultiple}x today's load`;
}
