import type { PetitionChannel } from './kinds.ts';

/** A group visit (群体访) is a visit of 5 persons or more. */
export const GROUP_VISIT_MIN_PERSONS = 5;
/** 人次 of one record; a joint letter signed by many still fits. */
export const MAX_PERSONS = 10_000;

export type PersonsIssue = 'groupVisitTooFew' | 'visitIsGroup';

/**
 * The group-visit rule, both ways: a `group_visit` of fewer than 5 persons is refused, and so is a
 * `visit` of 5 or more — by definition that is a group visit, and recording it as a visit would
 * hide it from the 群体访 figures. The message tells the officer which channel to choose.
 * Other channels take any number of persons from 1.
 */
export function personsIssue(channel: PetitionChannel, persons: number): PersonsIssue | null {
  if (channel === 'group_visit' && persons < GROUP_VISIT_MIN_PERSONS) return 'groupVisitTooFew';
  if (channel === 'visit' && persons >= GROUP_VISIT_MIN_PERSONS) return 'visitIsGroup';
  return null;
}
