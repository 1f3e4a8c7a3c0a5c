/**
 * Possible repeats (重复信访): an earlier or later record of the same petitioner (same identity
 * number) or about the same case, received within 30 days either side. Shown before saving, never
 * refused: a petitioner may rightly come twice. The database narrows the candidates with
 * repeatWindow; this decides and says why each one matched.
 */
import { addDays, daysBetween } from '../time.ts';

export const REPEAT_WINDOW_DAYS = 30;

export interface RepeatProbe {
  /** The record being edited, so that it does not match itself; absent for a new one. */
  id?: string | null;
  receivedOn: string;
  petitionerIdNumber?: string | null;
  caseId?: string | null;
}

export interface RepeatCandidate {
  id: string;
  receivedOn: string;
  petitionerIdNumber: string | null;
  caseId: string | null;
}

export type RepeatReason = 'idNumber' | 'case';

export interface PossibleRepeat<C extends RepeatCandidate = RepeatCandidate> {
  petition: C;
  reasons: RepeatReason[];
  /** Days from the candidate to the probe: positive when the candidate came first. */
  daysApart: number;
}

/** The received days a candidate may have: `receivedOn` ± 30 days, both ends included. */
export function repeatWindow(receivedOn: string): { from: string; to: string } {
  return { from: addDays(receivedOn, -REPEAT_WINDOW_DAYS), to: addDays(receivedOn, REPEAT_WINDOW_DAYS) };
}

const sameId = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();

/** The candidates that look like repeats, nearest first. */
export function findPossibleRepeats<C extends RepeatCandidate>(probe: RepeatProbe, candidates: readonly C[]): PossibleRepeat<C>[] {
  const found: PossibleRepeat<C>[] = [];
  for (const c of candidates) {
    if (probe.id && c.id === probe.id) continue;
    const daysApart = daysBetween(c.receivedOn, probe.receivedOn);
    if (Math.abs(daysApart) > REPEAT_WINDOW_DAYS) continue;
    const reasons: RepeatReason[] = [];
    if (sameId(probe.petitionerIdNumber, c.petitionerIdNumber)) reasons.push('idNumber');
    if (probe.caseId && c.caseId === probe.caseId) reasons.push('case');
    if (reasons.length > 0) found.push({ petition: c, reasons, daysApart });
  }
  return found.sort((a, b) => Math.abs(a.daysApart) - Math.abs(b.daysApart) || a.petition.receivedOn.localeCompare(b.petition.receivedOn));
}
