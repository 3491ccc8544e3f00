/** Traces per second worth keeping: enough to see every route's tail, few enough to store cheaply. */
export const TARGET_KEPT_TRACES_PER_SECOND = 50;

/** Share of successful traces kept by tail sampling; errors and slow traces are always kept. */
export function traceSampleRatio(peakRps: number): number {
  if (peakRps <= TARGET_KEPT_TRACES_PER_SECOND) return 1;
  // Rounded to 0.1% so the figure is stable and readable.
  return Math.max(0.001, Math.round((TARGET_KEPT_TRACES_PER_SECOND / peakRps) * 1000) / 1000);
}
