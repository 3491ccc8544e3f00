import { formatCount, formatRate } from "../capacity/figure-format.js";

/** Rates in rationales: "4,000 peak rps". Reuses the capacity report's formatting so figures match. */
export function rps(value: number): string {
  return `${formatRate(value)} rps`;
}

export function count(value: number): string {
  return formatCount(value);
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
