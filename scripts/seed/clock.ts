/**
 * Instants of the demo history, as ISO UTC strings: Shanghai days, office hours, and the daily run.
 */
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart } from '../../src/domain/time.ts';
import type { Rng } from './random.ts';

const MINUTE_MS = 60_000;
const OPENS = 8 * 60 + 30;
const CLOSES = 18 * 60;

/** The daily run (the Cron Trigger `0 18 * * *`): 02:00 Shanghai. */
export const DAILY_RUN_MINUTES = 2 * 60;
/** The run's re-scores go through the queue and land within its first minute. */
export const DAILY_RESCORE_SECONDS = 30;

/** The instant of a Shanghai day at a time of day given in minutes after midnight. */
export function at(day: string, minutes: number, seconds = 0): string {
  return new Date(shanghaiDayStart(day).getTime() + (minutes * 60 + seconds) * 1000).toISOString();
}

/** A working-hours instant (08:30–17:59) on a Shanghai day. */
export function officeTime(rng: Rng, day: string): string {
  return at(day, rng.int(OPENS, CLOSES - 1), rng.int(0, 59));
}

/** An instant in office hours on some day from 08:30 to `untilMinutes`. */
export function morningTime(rng: Rng, day: string, untilMinutes: number): string {
  return at(day, rng.int(OPENS, untilMinutes), rng.int(0, 59));
}

export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * MINUTE_MS).toISOString();
}

export function plusDays(instant: string, days: number): string {
  return plusMinutes(instant, days * 24 * 60);
}

export function later(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The first daily run strictly after an instant. */
export function nextDailyRun(after: string): string {
  const sameDay = at(shanghaiDay(after), DAILY_RUN_MINUTES);
  return sameDay > after ? sameDay : at(addDays(shanghaiDay(after), 1), DAILY_RUN_MINUTES);
}

/**
 * An office-hours instant strictly between `from` and `to`, or null when none was found: the
 * earliest of `draws` draws (more draws, sooner: for what is urgent).
 */
export function officeTimeBetween(rng: Rng, from: string, to: string, draws = 1): string | null {
  const first = shanghaiDay(from);
  const days = daysBetween(first, shanghaiDay(to));
  const found: string[] = [];
  for (let i = 0; i < 12 * draws && found.length < draws; i++) {
    const t = officeTime(rng, addDays(first, rng.int(0, days)));
    if (t > from && t < to) found.push(t);
  }
  return found.length ? found.reduce(earlier) : null;
}

/** Any instant strictly between `from` and `to`, to the second (for work done outside office hours). */
export function instantBetween(rng: Rng, from: string, to: string): string {
  const a = Math.floor(Date.parse(from) / 1000) + 1;
  const b = Math.ceil(Date.parse(to) / 1000) - 1;
  if (b < a) throw new Error(`no instant between ${from} and ${to}`);
  return new Date(rng.int(a, b) * 1000).toISOString();
}
