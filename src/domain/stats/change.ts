/**
 * 同比 (year-on-year change) = (this − last) ÷ last. With nothing last time there is no ratio:
 * the answer is null and is shown as "—", never Infinity or NaN.
 */

export function yoyChange(current: number, previous: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return (current - previous) / previous;
}

/** The change in percent with one decimal, rounded half away from zero: 905 vs 1000 → −9.5. */
export function changePercent(current: number, previous: number): number | null {
  if (yoyChange(current, previous) === null) return null;
  const tenths = ((current - previous) * 1000) / previous;
  const rounded = Math.sign(tenths) * Math.round(Math.abs(tenths));
  return rounded / 10 || 0;
}

export const NO_CHANGE_TEXT = '—';
const MINUS = '\u2212';

/**
 * "−9.5%", "+3.0%", "0.0%" or "—". `ascii` writes a plain hyphen-minus, for CSV cells a
 * spreadsheet should read as numbers.
 */
export function formatChange(current: number, previous: number, options?: { ascii?: boolean }): string {
  const pct = changePercent(current, previous);
  if (pct === null) return NO_CHANGE_TEXT;
  const text = Math.abs(pct).toFixed(1);
  if (pct > 0) return `+${text}%`;
  if (pct < 0) return `${options?.ascii ? '-' : MINUS}${text}%`;
  return `${text}%`;
}
