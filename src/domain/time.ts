/**
 * Courts count days in China Standard Time (UTC+8, no daylight saving), while Workers run in UTC.
 * Instants are stored as ISO strings in UTC; every conversion to a calendar day happens here.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(instant: Date | string | number = new Date()): string {
  const t = new Date(instant).getTime() + SHANGHAI_OFFSET_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** 2026-11-28 09:05 in Shanghai time, for display. */
export function shanghaiDateTime(instant: Date | string | number): string {
  const t = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** ISO 8601 with the +08:00 offset, as the API shows times. */
export function shanghaiIso(instant: Date | string | number): string {
  const t = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a Shanghai day starts. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
