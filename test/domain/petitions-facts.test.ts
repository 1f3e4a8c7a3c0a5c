import { describe, expect, it } from 'vitest';
import { petitionFactChangeDays, petitionFacts } from '../../src/domain/petitions/index.ts';

describe('petition facts of a case', () => {
  it('counts the last 365 days including today for petitions12m', () => {
    expect(petitionFacts(['2025-11-29', '2025-11-28', '2026-11-28'], '2026-11-28')).toEqual({ petitions12m: 2, petitions7d: 1 });
  });

  it('counts the last 7 days including today for petitions7d', () => {
    expect(petitionFacts(['2026-11-22', '2026-11-21', '2026-11-28'], '2026-11-28')).toEqual({ petitions12m: 3, petitions7d: 2 });
  });

  it('never counts a day after today', () => {
    expect(petitionFacts(['2026-11-29'], '2026-11-28')).toEqual({ petitions12m: 0, petitions7d: 0 });
  });

  it('can leave out the petitions of the day itself, for replays', () => {
    expect(petitionFacts(['2026-11-27', '2026-11-28'], '2026-11-28', { countToday: false })).toEqual({ petitions12m: 1, petitions7d: 1 });
  });

  it('gives the days the facts change: arrival, leaving the week, leaving the year', () => {
    expect(petitionFactChangeDays(['2026-01-01'])).toEqual(['2026-01-01', '2026-01-08', '2027-01-01']);
  });
});
