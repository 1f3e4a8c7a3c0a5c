/**
 * Building a draft's agenda: adding a warning from the pool (it moves to `scheduled`), removing it
 * (back to `proposed`), moving items up and down, setting presenter and minutes. Each change is
 * one batch with the agenda rows, the warning's change and timeline entry, and the audit rows.
 *
 * Nobody sends the agenda's version: a change planned on an agenda someone else changed
 * meanwhile is planned again (the meeting's version is the replan guard). The unique index on
 * open agenda items makes a second meeting's claim on the same warning fail: 409.
 */
import { arrangeAgenda, insertWarningItem, moveItem, moveErrorKey, type AgendaEntry, type MoveDirection, type PoolEntry } from '../domain/meetings/index.ts';
import { canSeeCase } from '../domain/roles.ts';
import type { CaseCategory } from '../domain/case-number.ts';
import { transition } from '../domain/warnings/lifecycle.ts';
import { auditStatement } from '../db/audit.ts';
import {
  agendaItemsQuery,
  deleteAgendaItemStatements,
  insertAgendaItemStatement,
  meetingQuery,
  openAgendaOfWarningQuery,
  peopleForMeetingQuery,
  setPositionStatement,
  touchMeetingStatements,
  updateAgendaItemStatement,
  warningOfItemQuery,
  type AgendaItemRow,
  type MeetingRow,
} from '../db/meetings.ts';
import { type Db, readAll } from '../db/query.ts';
import { toWarning, warningQuery } from '../db/warnings.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Translate } from '../i18n/index.ts';
import { newId } from '../security/tokens.ts';
import { allowMeetingAction, coordinated, invalid } from './meeting-rules.ts';
import { warningChangeStatements } from './warning-writes.ts';
import { withReplan, write } from './write.ts';

type Entry = AgendaEntry & { warning?: PoolEntry };

function entries(items: AgendaItemRow[]): Entry[] {
  return items.map((item) =>
    item.kind === 'warning' && item.w_level
      ? { id: item.id, kind: 'warning' as const, warning: { id: item.warning_id!, level: item.w_level, score: item.w_score ?? 0, raisedAt: item.w_raised_at ?? '' } }
      : { id: item.id, kind: item.kind },
  );
}

/**
 * Positions 1…n for the new order: a statement for each item whose position moved. With an
 * inserted item, the others are numbered around its position.
 */
function positionStatements(db: Db, items: AgendaItemRow[], order: readonly { id: string }[], at?: number): D1PreparedStatement[] {
  const was = new Map(items.map((i) => [i.id, i.position]));
  return order.flatMap((item, i) => {
    const position = at !== undefined && i + 1 >= at ? i + 2 : i + 1;
    return was.get(item.id) === position ? [] : [setPositionStatement(db, item.id, position)];
  });
}

const UNIQUE = { 'agenda_items.warning_id': 'meeting.warningOnAgenda' } as const;

/** Reads the draft and its agenda; refuses unless the agenda may change. */
async function readDraft(db: Db, user: CurrentUser, meetingId: string, t: Translate) {
  const r = await readAll(db, { meeting: meetingQuery(db, meetingId), items: agendaItemsQuery(db, meetingId) });
  const row = coordinated(user, r.meeting);
  allowMeetingAction(row, 'edit_agenda', {}, t);
  return { row, items: r.items };
}

function audit(db: Db, user: CurrentUser, row: MeetingRow, action: string, after: Record<string, unknown>, now: string, before?: Record<string, unknown>) {
  return auditStatement(db, { actorId: user.id, via: user.via, courtId: row.court_id, action, entity: 'meeting', entityId: row.id, before, after, at: now });
}

/** Adds a proposed warning of the meeting's court subtree; answers the new item's id. */
export async function addToAgenda(db: Db, user: CurrentUser, meetingId: string, input: { warningId: string; warningVersion?: number }, t: Translate): Promise<string> {
  return withReplan(async () => {
    const r = await readAll(db, {
      meeting: meetingQuery(db, meetingId),
      items: agendaItemsQuery(db, meetingId),
      warning: warningQuery(db, input.warningId),
      onAgenda: openAgendaOfWarningQuery(db, input.warningId),
    });
    const row = coordinated(user, r.meeting);
    allowMeetingAction(row, 'edit_agenda', {}, t);
    const w = r.warning;
    const visible = w && canSeeCase(user, { courtPath: w.case_court_path, category: w.case_category as CaseCategory }) && w.case_court_path.startsWith(row.court_path);
    if (!w || !visible) throw invalid('warningId', 'meeting.validation.warningUnknown', t);
    if (r.onAgenda) throw new AppError('conflict', r.onAgenda.meeting_id === meetingId ? 'meeting.warningAlreadyHere' : 'meeting.warningOnAgenda');
    if (input.warningVersion !== undefined && input.warningVersion !== w.version) throw new AppError('conflict', 'warning.stale');
    const itemId = newId();
    const now = new Date().toISOString();
    const moved = transition(toWarning(w), 'schedule', { meetingId, agendaItemId: itemId }, now, user.id);
    if (!moved.ok) throw new AppError('conflict', 'meeting.warningNotInPool', { state: t(`warning.state.${w.state}`) });
    const order = insertWarningItem(entries(r.items), { id: itemId, kind: 'warning', warning: { id: w.id, level: w.level, score: w.score, raisedAt: w.raised_at } });
    const position = order.findIndex((e) => e.id === itemId) + 1;
    await write(
      db,
      [
        ...touchMeetingStatements(db, meetingId, row.version, ['draft'], now),
        insertAgendaItemStatement(db, { id: itemId, meetingId, kind: 'warning', position, warningId: w.id, now }),
        ...positionStatements(db, r.items, order.filter((e) => e.id !== itemId), position),
        ...warningChangeStatements(db, moved.change, { guard: input.warningVersion === undefined ? 'replan' : 'stale', actorId: user.id, via: user.via, caseCourtId: w.case_court_id }),
        audit(db, user, row, 'meeting.agenda_add', { itemId, warningId: w.id, position, version: row.version + 1 }, now, { version: row.version }),
      ],
      { conflictKey: 'warning.stale', unique: UNIQUE },
    );
    return itemId;
  });
}

/** Takes a warning item off the draft's agenda: the warning goes back to the pool. */
export async function removeFromAgenda(db: Db, user: CurrentUser, meetingId: string, itemId: string, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, meetingId), items: agendaItemsQuery(db, meetingId), warning: warningOfItemQuery(db, itemId) });
    const row = coordinated(user, r.meeting);
    const item = r.items.find((i) => i.id === itemId);
    if (!item) throw notFound();
    allowMeetingAction(row, 'edit_agenda', {}, t);
    if (item.kind !== 'warning' || !r.warning) throw new AppError('conflict', 'meeting.moveError.standard_item');
    const now = new Date().toISOString();
    const moved = transition(toWarning(r.warning), 'unschedule', { meetingId, agendaItemId: itemId }, now, user.id);
    if (!moved.ok) throw new AppError('conflict', 'error.conflict');
    await write(db, [
      ...touchMeetingStatements(db, meetingId, row.version, ['draft'], now),
      ...deleteAgendaItemStatements(db, meetingId, itemId),
      ...warningChangeStatements(db, moved.change, { guard: 'replan', actorId: user.id, via: user.via, caseCourtId: r.warning.case_court_id }),
      audit(db, user, row, 'meeting.agenda_remove', { itemId, warningId: r.warning.id, version: row.version + 1 }, now, { version: row.version }),
    ]);
  });
}

/** One place up or down; standard items stay first. */
export async function moveAgendaItem(db: Db, user: CurrentUser, meetingId: string, itemId: string, direction: MoveDirection, t: Translate): Promise<void> {
  await withReplan(async () => {
    const { row, items } = await readDraft(db, user, meetingId, t);
    const moved = moveItem(entries(items), itemId, direction);
    if (!moved.ok) {
      if (moved.error === 'not_found') throw notFound();
      throw new AppError('conflict', moveErrorKey(moved.error));
    }
    const now = new Date().toISOString();
    await write(db, [
      ...touchMeetingStatements(db, meetingId, row.version, ['draft'], now),
      ...positionStatements(db, items, moved.items),
      audit(db, user, row, 'meeting.agenda_move', { itemId, direction, order: moved.items.map((i) => i.id), version: row.version + 1 }, now, {
        order: arrangeAgenda(entries(items)).map((i) => i.id),
        version: row.version,
      }),
    ]);
  });
}

/** Presenter and minutes of an item; the presenter must be a user of the meeting's court or of its cases' courts. */
export async function updateAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  input: { presenterId?: string | null; minutes?: number | null },
  t: Translate,
): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, meetingId), items: agendaItemsQuery(db, meetingId), people: peopleForMeetingQuery(db, meetingId) });
    const row = coordinated(user, r.meeting);
    const item = r.items.find((i) => i.id === itemId);
    if (!item) throw notFound();
    allowMeetingAction(row, 'edit_agenda', {}, t);
    const presenterId = input.presenterId === undefined ? item.presenter_id : input.presenterId || null;
    if (presenterId && !r.people.some((p) => p.id === presenterId)) throw invalid('presenterId', 'meeting.validation.presenter', t);
    const minutes = input.minutes === undefined ? item.minutes : input.minutes;
    const now = new Date().toISOString();
    await write(db, [
      ...touchMeetingStatements(db, meetingId, row.version, ['draft'], now),
      updateAgendaItemStatement(db, itemId, { presenterId, minutes, now }),
      audit(db, user, row, 'meeting.agenda_update', { itemId, presenterId, minutes, version: row.version + 1 }, now, {
        presenterId: item.presenter_id,
        minutes: item.minutes,
        version: row.version,
      }),
    ]);
  });
}
