/**
 * Rounding applied once, when figures enter the report, so JSON output is stable across platforms
 * and free of float noise such as 289.28571428571433.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded; // never emit -0
}

export const roundRate = (value: number): number => roundTo(value, 1);
export const roundMultiple = (value: number): number => roundTo(value, 2);
export const roundShare = (value: number): number => roundTo(value, 3);
export const roundWhole = (value: number): number => roundTo(value, 0);

export function roundOrNull(value: number | undefined, round: (v: number) => number): number | null {
  return value === undefined || !Number.isFinite(value) ? null : round(value);
}
