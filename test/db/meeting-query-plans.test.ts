import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionItemCountsQuery, actionItemListQuery, carriedActionItemsQuery, carryActionItemsStatement, meetingActionItemsQuery, openEarlierActionItemsQuery, warningActionItemsQuery } from '../../src/db/action-items.ts';
import {
  agendaItemsQuery,
  caseDecisionsQuery,
  meetingCountQuery,
  meetingListQuery,
  openAgendaOfWarningQuery,
  poolQuery,
  previousMeetingQuery,
  warningFiguresQuery,
} from '../../src/db/meetings.ts';
import { dailyActionItemStatements, notificationsQuery } from '../../src/db/notifications.ts';
import { sessionUserQuery } from '../../src/db/users.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { seedWorld } from '../helpers.ts';

/** A statement's SQL and parameters (workerd's D1PreparedStatement keeps them). */
function planOf(statement: D1PreparedStatement): Promise<string[]> {
  const s = statement as unknown as { statement: string; params: unknown[] };
  return env.DB.prepare(`EXPLAIN QUERY PLAN ${s.statement}`)
    .bind(...s.params)
    .all<{ detail: string }>()
    .then((r) => r.results.map((x) => x.detail));
}

const coordinator: Pick<Actor, 'roles' | 'courtPath' | 'courtId'> = { roles: ['coordinator'], courtPath: '/1/2/', courtId: 2 };
const judge: Pick<Actor, 'roles' | 'courtPath' | 'courtId'> = { roles: ['trial_judge'], courtPath: '/1/2/3/', courtId: 3 };

/** The meeting tables, which grow: none may be read row by row from start to end. */
const GROWING = /^SCAN (meetings|agenda_items|decisions|attendance|action_items|notifications|carried_action_items|minutes_amendments|warnings|warning_events|cases)\b/;
/** Aliases of those tables in the queries below: not scanned either, not even along an index. */
const ALIASES = /^SCAN (m|p|e|me|mm|ai|ag|sa|d|n|ca|cm|w|sw|c|sc|pe|ou|cb)\b/;

beforeAll(seedWorld);

describe('the list queries of meetings, action items and notifications are served by indexes', () => {
  it.each([
    ['meetings in scope, soonest first', () => meetingListQuery(env.DB, coordinator, true, { states: ['draft', 'published', 'held'], order: 'asc', limit: 20, offset: 0 }).statement],
    ['meetings a judge sees through its cases', () => meetingListQuery(env.DB, judge, false, { order: 'desc', limit: 20, offset: 0 }).statement],
    ['meetings a leader chairs', () => meetingListQuery(env.DB, coordinator, true, { chairId: 'x', order: 'asc', limit: 20, offset: 0 }).statement],
    ['counting meetings', () => meetingCountQuery(env.DB, coordinator, true, {}).statement],
    ['the previous meeting of a kind', () => previousMeetingQuery(env.DB, 'x').statement],
    ['an agenda', () => agendaItemsQuery(env.DB, 'x').statement],
    ['the open agenda of a warning', () => openAgendaOfWarningQuery(env.DB, 'x').statement],
    ['the pool', () => poolQuery(env.DB, coordinator, { level: 'red', kind: 'trial' }, 100).statement],
    ['the pool of a meeting', () => poolQuery(env.DB, coordinator, { meetingId: 'x' }, 100).statement],
    ['a case’s decisions', () => caseDecisionsQuery(env.DB, 'x').statement],
    ['a meeting’s action items', () => meetingActionItemsQuery(env.DB, 'x').statement],
    ['a warning’s action items', () => warningActionItemsQuery(env.DB, 'x').statement],
    ['open items of earlier meetings', () => openEarlierActionItemsQuery(env.DB, 'x').statement],
    ['freezing them when publishing', () => carryActionItemsStatement(env.DB, 'x')],
    ['items carried to a meeting', () => carriedActionItemsQuery(env.DB, 'x').statement],
    ['my items (person or division)', () => actionItemListQuery(env.DB, { mine: { userId: 'u', courtId: 3, division: 'enforcement' }, state: 'open', limit: 200 }).statement],
    ['my items (person)', () => actionItemListQuery(env.DB, { mine: { userId: 'u', courtId: 3, division: null }, limit: 200 }).statement],
    ['items in scope, overdue', () => actionItemListQuery(env.DB, { scopePath: '/1/2/', overdueBefore: '2026-12-01', limit: 50 }).statement],
    ['my items per state', () => actionItemCountsQuery(env.DB, { mine: { userId: 'u', courtId: 3, division: 'enforcement' } }).statement],
    ['the inbox', () => notificationsQuery(env.DB, 'u', 100).statement],
    ['the session user with the unread count', () => sessionUserQuery(env.DB, 'hash').statement],
    ['the period’s warning figures', () => warningFiguresQuery(env.DB, '/1/2/', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z').statement],
  ])('%s', async (_name, statement) => {
    const plan = await planOf(statement());
    const scans = plan.filter((line) => GROWING.test(line) || ALIASES.test(line));
    expect(scans, plan.join('\n')).toEqual([]);
  });

  it('the daily run marks and notifies through indexes', async () => {
    for (const statement of dailyActionItemStatements(env.DB, '2026-12-02', '2026-12-01T18:00:00Z')) {
      const plan = await planOf(statement);
      expect(plan.filter((line) => GROWING.test(line) || ALIASES.test(line)), plan.join('\n')).toEqual([]);
    }
  });
});
