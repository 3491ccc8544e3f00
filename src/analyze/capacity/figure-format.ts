/**
 * Human-readable figures for markdown and messages. Grouping is done by hand instead of
 * Intl.NumberFormat so output never depends on the ICU data or locale of the machine.
 */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Requests or queries per second: one decimal below 100, whole numbers above. */
export function formatRate(value: number): string {
  if (Math.abs(value) >= 100) return formatCount(value);
  return String(Math.round(value * 10) / 10);
}

/** Large counts as 164.4M, 5M, 12.3k. */
export function formatRows(value: number): string {
  const units: [number, string][] = [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${trimZero((value / size).toFixed(1))}${suffix}`;
  }
  return formatCount(value);
}

/** Binary units, as PostgreSQL's pg_size_pretty reports them. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${trimZero(value.toFixed(1))} ${units[unit]}`;
}

export function formatMultiple(value: number): string {
  if (value >= 100) return `${formatCount(value)}x`;
  if (value >= 10) return `${trimZero(value.toFixed(1))}x`;
  return `${trimZero(value.toFixed(2))}x`;
}

export function formatUsd(value: number): string {
  return `$${formatCount(value)}`;
}

export function formatPercent(share: number): string {
  return `${trimZero((share * 100).toFixed(share < 0.1 ? 1 : 0))}%`;
}

function trimZero(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
