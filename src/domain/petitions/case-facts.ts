/**
 * The petition facts of a case (domain.md §5) from the Shanghai days its linked petitions were
 * received:
 * - `petitions12m`: received in the last 365 days including today, i.e. `today − 364 … today`;
 * - `petitions7d`: received in the last 7 days including today, `today − 6 … today`.
 * A petition registered today counts today (that is what makes a second petition within a week
 * force orange at once). Days after `today` never count.
 *
 * `countToday: false` leaves out the petitions received on `today` itself, for the backtest: a
 * rule should not get credit for foreseeing a petition by counting that same petition.
 */
import { addDays } from '../time.ts';

export const PETITIONS_12M_DAYS = 365;
export const PETITIONS_7D_DAYS = 7;

export interface PetitionFacts {
  petitions12m: number;
  petitions7d: number;
}

export function petitionFacts(receivedDays: readonly string[], today: string, options?: { countToday?: boolean }): PetitionFacts {
  const last = options?.countToday === false ? addDays(today, -1) : today;
  const from12m = addDays(today, -(PETITIONS_12M_DAYS - 1));
  const from7d = addDays(today, -(PETITIONS_7D_DAYS - 1));
  let petitions12m = 0;
  let petitions7d = 0;
  for (const day of receivedDays) {
    if (day > last || day < from12m) continue;
    petitions12m++;
    if (day >= from7d) petitions7d++;
  }
  return { petitions12m, petitions7d };
}

/**
 * The days on which these facts change for a case, from its petition days: the day a petition
 * arrives and the days it leaves each window. A daily job re-scores the cases that have one today.
 */
export function petitionFactChangeDays(receivedDays: readonly string[]): string[] {
  const days = new Set<string>();
  for (const d of receivedDays) {
    days.add(d);
    days.add(addDays(d, PETITIONS_7D_DAYS));
    days.add(addDays(d, PETITIONS_12M_DAYS));
  }
  return [...days].sort();
}
