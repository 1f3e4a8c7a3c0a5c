/**
 * The leaders' desk (their landing page, issue 7): the meetings they chair, the warnings they
 * are in charge of (包案), and the overdue action items of their scope with an ageing table per
 * owner division.
 */
import { ageingByOwner, orderMyActionItems, type AgeingRow } from '../domain/meetings/index.ts';
import { ACTIVE_STATES } from '../domain/warnings/state-machine.ts';
import { shanghaiDay } from '../domain/time.ts';
import { actionItemListQuery } from '../db/action-items.ts';
import { meetingListQuery } from '../db/meetings.ts';
import { type Db, readAll } from '../db/query.ts';
import { listWarnings } from '../db/warnings.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { actionItemView, meetingSummary, userDivision, type ActionItemView, type MeetingSummary } from './meeting-present.ts';
import { warningSummary, type WarningSummary } from './warnings.ts';

export interface LeaderDesk {
  chaired: MeetingSummary[];
  chairedPast: MeetingSummary[];
  inCharge: WarningSummary[];
  overdue: ActionItemView[];
  /** Open items per owner: not due, overdue 1–7, 8–30, over 30 days. */
  ageing: AgeingRow[];
}

const OPEN_ITEMS_LIMIT = 500;

export async function loadLeaderDesk(db: Db, user: CurrentUser, t: Translate, lang: Lang): Promise<LeaderDesk> {
  authorize(user, 'seeMeetings');
  const now = new Date();
  const today = shanghaiDay(now);
  const r = await readAll(db, {
    chaired: meetingListQuery(db, user, true, { chairId: user.id, states: ['draft', 'published', 'held'], order: 'asc', limit: 20, offset: 0 }),
    chairedPast: meetingListQuery(db, user, true, { chairId: user.id, states: ['minutes_final'], order: 'desc', limit: 5, offset: 0 }),
    inCharge: listWarnings(db, user, { leaderId: user.id, states: ACTIVE_STATES, now: now.toISOString(), sort: 'level', limit: 50, offset: 0 }),
    open: actionItemListQuery(db, { scopePath: user.courtPath, state: 'open', limit: OPEN_ITEMS_LIMIT }),
  });
  const ctx = { today, lang, t, userDivision: userDivision(user) };
  const open = r.open.map((row) => actionItemView(row, user, ctx));
  return {
    chaired: r.chaired.map((m) => meetingSummary(m, lang)),
    chairedPast: r.chairedPast.map((m) => meetingSummary(m, lang)),
    inCharge: r.inCharge.map((w) => warningSummary(w, user, lang, now.getTime())),
    overdue: orderMyActionItems(open.filter((a) => a.daysOverdue > 0), today),
    ageing: ageingByOwner(open.map((a) => ({ owner: a.owner.divisionLabel, state: a.state, dueOn: a.dueOn })), today),
  };
}
