/**
 * The daily roll-up the statistics read instead of raw petitions: one row per court × Shanghai
 * day × channel with its counts. Every petition write changes it by `rollupDeltas(before, after)`
 * in the same batch (an insert has no `before`, a deletion no `after`), so the roll-up always
 * equals a direct count of the petitions; `rollupOf` is that direct count.
 */
import type { PetitionChannel } from '../petitions/kinds.ts';
import type { PetitionRecord } from '../petitions/record.ts';

/** What a roll-up row counts. Every field is additive. */
export interface Tally {
  /** 件: records. */
  cases: number;
  /** 人次: the sum of persons. */
  persons: number;
  lawyerInterview: number;
  lawyerRepresentation: number;
  lawyerResolution: number;
  assistanceApplied: number;
  assistanceApproved: number;
  /** Yuan, whole (amounts are whole yuan, so sums stay exact). */
  assistanceAmount: number;
}

export interface RollupKey {
  courtId: number;
  /** Shanghai day, YYYY-MM-DD. */
  day: string;
  channel: PetitionChannel;
}

export type RollupRow = RollupKey & Tally;

/** The fields of a petition that the roll-up counts. */
export type RollupSource = Pick<PetitionRecord, 'courtId' | 'receivedOn' | 'channel' | 'persons' | 'lawyer' | 'assistance'>;

export const TALLY_FIELDS = [
  'cases',
  'persons',
  'lawyerInterview',
  'lawyerRepresentation',
  'lawyerResolution',
  'assistanceApplied',
  'assistanceApproved',
  'assistanceAmount',
] as const satisfies readonly (keyof Tally)[];

export function emptyTally(): Tally {
  return {
    cases: 0,
    persons: 0,
    lawyerInterview: 0,
    lawyerRepresentation: 0,
    lawyerResolution: 0,
    assistanceApplied: 0,
    assistanceApproved: 0,
    assistanceAmount: 0,
  };
}

/** Adds `b` (times `sign`) into `a`, in place. */
export function addTally(a: Tally, b: Tally, sign = 1): Tally {
  for (const f of TALLY_FIELDS) a[f] += sign * b[f];
  return a;
}

/** One petition's contribution to its roll-up row. */
export function tallyOf(p: RollupSource): Tally {
  const n = (b: boolean) => (b ? 1 : 0);
  return {
    cases: 1,
    persons: p.persons,
    lawyerInterview: n(p.lawyer.interview),
    lawyerRepresentation: n(p.lawyer.representation),
    lawyerResolution: n(p.lawyer.resolution),
    assistanceApplied: n(p.assistance.applied),
    assistanceApproved: n(p.assistance.approved),
    assistanceAmount: p.assistance.approved ? p.assistance.amount : 0,
  };
}

export function rollupKeyOf(p: RollupSource): RollupKey {
  return { courtId: p.courtId, day: p.receivedOn, channel: p.channel };
}

/** A stable string for a key, for maps. */
export function rollupKeyString(k: RollupKey): string {
  return `${k.courtId}|${k.day}|${k.channel}`;
}

function isZero(t: Tally): boolean {
  return TALLY_FIELDS.every((f) => t[f] === 0);
}

/**
 * The signed changes to apply to roll-up rows when a petition goes from `before` to `after`
 * (null: it did not exist / no longer exists). At most two rows; rows whose change is all zeros
 * are left out, so an edit of the note changes nothing. Apply each as
 * `INSERT … ON CONFLICT (court_id, day, channel) DO UPDATE SET cases = cases + excluded.cases, …`.
 */
export function rollupDeltas(before: RollupSource | null, after: RollupSource | null): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const add = (p: RollupSource, sign: number) => {
    const key = rollupKeyOf(p);
    const id = rollupKeyString(key);
    const row = rows.get(id) ?? { ...key, ...emptyTally() };
    addTally(row, tallyOf(p), sign);
    rows.set(id, row);
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...rows.values()].filter((r) => !isZero(r));
}

/** Applies deltas to a roll-up held in memory (keyed by rollupKeyString); drops rows that reach zero. */
export function applyRollupDeltas(rollup: Map<string, RollupRow>, deltas: readonly RollupRow[]): void {
  for (const d of deltas) {
    const id = rollupKeyString(d);
    const row = rollup.get(id) ?? { courtId: d.courtId, day: d.day, channel: d.channel, ...emptyTally() };
    addTally(row, d);
    if (isZero(row)) rollup.delete(id);
    else rollup.set(id, row);
  }
}

/** The roll-up counted directly from petitions. */
export function rollupOf(petitions: Iterable<RollupSource>): RollupRow[] {
  const rollup = new Map<string, RollupRow>();
  for (const p of petitions) applyRollupDeltas(rollup, rollupDeltas(null, p));
  return [...rollup.values()];
}

/** The roll-up by Shanghai month instead of day: the same counts, summed over the month's days. */
export type MonthlyRollupRow = { courtId: number; month: string; channel: PetitionChannel } & Tally;

/**
 * Daily roll-up rows (or deltas) summed by month. Applying a petition write's `rollupDeltas` to
 * the daily roll-up and `monthlyRollupOf(deltas)` to the monthly one keeps both equal to a direct
 * count, since every field is additive.
 */
export function monthlyRollupOf(rows: readonly RollupRow[]): MonthlyRollupRow[] {
  const out = new Map<string, MonthlyRollupRow>();
  for (const r of rows) {
    const month = r.day.slice(0, 7);
    const id = `${r.courtId}|${month}|${r.channel}`;
    const row = out.get(id) ?? { courtId: r.courtId, month, channel: r.channel, ...emptyTally() };
    addTally(row, r);
    out.set(id, row);
  }
  return [...out.values()].filter((r) => !isZero(r));
}

/** A period's 件 and 人次 of one court and channel: what the report's tables are built from. */
export interface CellCount {
  courtId: number;
  channel: PetitionChannel;
  cases: number;
  persons: number;
}

/** Lawyers and judicial assistance of a scope in a period: reported for the whole scope, never by court. */
export type ScopeExtras = Omit<Tally, 'cases' | 'persons'>;

export function emptyExtras(): ScopeExtras {
  const { cases: _c, persons: _p, ...extras } = emptyTally();
  return extras;
}

/** A period's 件 and 人次 in one Shanghai month (YYYY-MM). */
export interface MonthTally {
  month: string;
  cases: number;
  persons: number;
}

/** What a report needs of one period: 件 and 人次 by court × channel and by month, and the scope's lawyers and assistance. */
export interface PeriodTallies {
  cells: readonly CellCount[];
  months: readonly MonthTally[];
  extras: ScopeExtras;
}

/** A period's tallies from its daily roll-up rows (the database sums the same way in SQL). */
export function periodTallies(rows: readonly RollupRow[]): PeriodTallies {
  const cells = new Map<string, CellCount>();
  const months = new Map<string, MonthTally>();
  const total = emptyTally();
  for (const r of rows) {
    const key = `${r.courtId}|${r.channel}`;
    const cell = cells.get(key) ?? { courtId: r.courtId, channel: r.channel, cases: 0, persons: 0 };
    cell.cases += r.cases;
    cell.persons += r.persons;
    cells.set(key, cell);
    const month = r.day.slice(0, 7);
    const m = months.get(month) ?? { month, cases: 0, persons: 0 };
    m.cases += r.cases;
    m.persons += r.persons;
    months.set(month, m);
    addTally(total, r);
  }
  const { cases: _c, persons: _p, ...extras } = total;
  return { cells: [...cells.values()], months: [...months.values()], extras };
}
