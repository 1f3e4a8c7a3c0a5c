/**
 * 三降一升一平稳: letters down, visits down, group visits down, video receptions up, and the total
 * stable — within ±5 % of the same period a year before. Counted in 件 over the whole scope.
 * "Down" and "up" are strict; a figure with nothing in either period is not down or up. The
 * total is stable when both periods are empty, or when |this − last| ≤ 5 % of last.
 */
import type { PetitionChannel } from '../petitions/kinds.ts';
import { yoyChange } from './change.ts';
import type { CellCount } from './rollup.ts';

export const STABLE_TOLERANCE_PERCENT = 5;

export type TrendKey = 'letters' | 'visits' | 'groupVisits' | 'video' | 'total';
export type TrendExpectation = 'down' | 'up' | 'stable';

export interface TrendItem {
  key: TrendKey;
  expect: TrendExpectation;
  current: number;
  previous: number;
  change: number | null;
  achieved: boolean;
}

export interface TrendPanel {
  items: TrendItem[];
  /** Every item achieved. */
  achieved: boolean;
}

const ITEMS: readonly { key: TrendKey; expect: TrendExpectation; channels: readonly PetitionChannel[] | 'all' }[] = [
  { key: 'letters', expect: 'down', channels: ['letter'] },
  { key: 'visits', expect: 'down', channels: ['visit'] },
  { key: 'groupVisits', expect: 'down', channels: ['group_visit'] },
  { key: 'video', expect: 'up', channels: ['video'] },
  { key: 'total', expect: 'stable', channels: 'all' },
];

function achieved(expect: TrendExpectation, current: number, previous: number): boolean {
  if (expect === 'down') return current < previous;
  if (expect === 'up') return current > previous;
  // Integer arithmetic: |c − p| ≤ 5 % of p, exactly.
  return Math.abs(current - previous) * 100 <= STABLE_TOLERANCE_PERCENT * previous;
}

/** `current` and `previous`: the scope's roll-up rows of the period and of the year before. */
export function trendPanel(current: readonly CellCount[], previous: readonly CellCount[]): TrendPanel {
  const count = (rows: readonly CellCount[], channels: readonly PetitionChannel[] | 'all') =>
    rows.reduce((s, r) => (channels === 'all' || channels.includes(r.channel) ? s + r.cases : s), 0);
  const items = ITEMS.map(({ key, expect, channels }): TrendItem => {
    const c = count(current, channels);
    const p = count(previous, channels);
    return { key, expect, current: c, previous: p, change: yoyChange(c, p), achieved: achieved(expect, c, p) };
  });
  return { items, achieved: items.every((i) => i.achieved) };
}
