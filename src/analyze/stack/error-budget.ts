export const SLO_WINDOW_DAYS = 30;

/**
 * Minutes of full outage an availability target allows over the SLO window. Computed from the
 * unavailable share in percent and rounded to 0.01 so 99.9% gives exactly 43.2, not 43.19999.
 */
export function errorBudgetMinutes(availabilityPercent: number, windowDays = SLO_WINDOW_DAYS): number {
  const windowMinutes = windowDays * 24 * 60;
  const minutes = ((100 - availabilityPercent) / 100) * windowMinutes;
  return Math.round(minutes * 100) / 100;
}
