/**
 * Action items after the meeting (督办): "我的督办事项" for everyone who owns some — as the person,
 * or its division at its court — the items of the meetings in scope for coordinators and leaders,
 * and the changes: complete with a note (owner or coordinator), cancel with a reason, reassign,
 * reschedule (coordinator). Each carries the version seen: a stale one is 409 and nothing is lost.
 */
import {
  applyActionItemAction,
  actionItemErrorKey,
  orderMyActionItems,
  type ActionItemAction,
  type ActionItemState,
} from '../domain/meetings/index.ts';
import { courtInScope, may } from '../domain/roles.ts';
import { shanghaiDay } from '../domain/time.ts';
import { actionItemCountsQuery, actionItemListQuery, actionItemQuery, changeActionItemStatements, type ActionItemChange, type ActionItemRow } from '../db/action-items.ts';
import { auditStatement } from '../db/audit.ts';
import { courtQuery } from '../db/courts.ts';
import { peopleByIdsQuery } from '../db/meetings.ts';
import { assignedNotificationStatements } from '../db/notifications.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { actionItemActionsFor, actionItemView, userDivision, type ActionItemView } from './meeting-present.ts';
import { invalid } from './meeting-rules.ts';
import { write } from './write.ts';

export const ACTION_ITEM_LIMIT = 200;

export type ActionItemScope = 'mine' | 'scope';

export interface ActionItemList {
  view: ActionItemScope;
  state: ActionItemState;
  items: ActionItemView[];
  counts: Record<ActionItemState, number>;
  /** Whether the caller may see the items of the meetings in scope (coordinators and the office roles). */
  canSeeScope: boolean;
}

function ctxOf(user: CurrentUser, lang: Lang, t: Translate) {
  return { today: shanghaiDay(), lang, t, userDivision: userDivision(user) };
}

/** "我的督办事项" (overdue first) or the items of the meetings in scope; 403 for the scope without the right. */
export async function listActionItems(
  db: Db,
  user: CurrentUser,
  q: { view: ActionItemScope; state: ActionItemState; overdue?: boolean },
  t: Translate,
  lang: Lang,
): Promise<ActionItemList> {
  const canSeeScope = may(user, 'seeMeetings');
  if (q.view === 'scope' && !canSeeScope) throw forbidden();
  const ctx = ctxOf(user, lang, t);
  const where = q.view === 'mine' ? { mine: { userId: user.id, courtId: user.courtId, division: ctx.userDivision } } : { scopePath: user.courtPath };
  const r = await readAll(db, {
    rows: actionItemListQuery(db, { ...where, state: q.state, overdueBefore: q.overdue ? ctx.today : undefined, limit: ACTION_ITEM_LIMIT }),
    counts: actionItemCountsQuery(db, where),
  });
  const items = r.rows.map((row) => actionItemView(row, user, ctx));
  return {
    view: q.view,
    state: q.state,
    items: orderMyActionItems(items, ctx.today),
    counts: { open: r.counts.open ?? 0, done: r.counts.done ?? 0, cancelled: r.counts.cancelled ?? 0 },
    canSeeScope,
  };
}

/** Whether the user sees the item at all: its owner, or an office role in the scope of its meeting's court. */
function seesItem(user: CurrentUser, row: ActionItemRow, division: string | null): boolean {
  if (row.owner_id === user.id || (row.owner_division !== null && row.owner_division === division && row.owner_court_id === user.courtId)) return true;
  return may(user, 'seeMeetings') && courtInScope(user, row.court_path);
}

export async function loadActionItem(db: Db, user: CurrentUser, id: string, t: Translate, lang: Lang): Promise<ActionItemView> {
  const row = await run(db, actionItemQuery(db, id));
  const ctx = ctxOf(user, lang, t);
  if (!row || !seesItem(user, row, ctx.userDivision)) throw notFound();
  return actionItemView(row, user, ctx);
}

export type ActionItemChangeInput =
  | { action: 'complete'; version: number; note: string }
  | { action: 'cancel'; version: number; reason: string }
  | { action: 'reassign'; version: number; ownerDivision?: string | null; ownerCourtId?: number | null; ownerId?: string | null }
  | { action: 'reschedule'; version: number; dueOn: string };

const REQUIREMENT_FIELD: Record<string, string> = { note_required: 'note', reason_required: 'reason', owner_required: 'ownerDivision', due_day_invalid: 'dueOn' };

/** A 409 carrying the item as it is now, so the page can show it and keep what was typed. */
async function stale(db: Db, user: CurrentUser, id: string, t: Translate, lang: Lang, key: 'actionItem.stale' | 'actionItem.error.forbidden'): Promise<AppError> {
  return new AppError('conflict', key, {}, [], { current: await loadActionItem(db, user, id, t, lang) });
}

/**
 * One change of an action item: 404 outside its scope, 403 for who may not (complete: owner or
 * coordinator; the rest: coordinator), 409 for a stale version or a closed item, 422 for what is
 * missing. The caller reads the item afterwards if it needs it (the API does; a page re-reads its list).
 */
export async function changeActionItem(db: Db, user: CurrentUser, id: string, input: ActionItemChangeInput, t: Translate, lang: Lang): Promise<void> {
  const wantsOwner = input.action === 'reassign' ? input : null;
  const r = await readAll(db, {
    item: actionItemQuery(db, id),
    owner: peopleByIdsQuery(db, wantsOwner?.ownerId ? [wantsOwner.ownerId] : []),
    court: courtQuery(db, wantsOwner?.ownerCourtId ?? -1),
  });
  const division = userDivision(user);
  const row = r.item;
  if (!row || !seesItem(user, row, division)) throw notFound();
  const coordinator = may(user, 'coordinateMeetings') && courtInScope(user, row.court_path);
  const mayAct = input.action === 'complete' ? coordinator || actionItemActionsFor(user, { ...row, state: 'open' }, division).includes('complete') : coordinator;
  if (!mayAct) throw forbidden();
  if (input.version !== row.version) throw await stale(db, user, id, t, lang, 'actionItem.stale');
  const applied = applyActionItemAction(row.state, input.action, input);
  if (!applied.ok) {
    if (applied.error === 'forbidden') throw await stale(db, user, id, t, lang, 'actionItem.error.forbidden');
    throw invalid(REQUIREMENT_FIELD[applied.error] ?? 'version', actionItemErrorKey(applied.error), t);
  }
  const change = toChange(input, row, r, t);
  const now = new Date().toISOString();
  await write(
    db,
    [
      ...changeActionItemStatements(db, id, input.version, change, user.id, now),
      ...(input.action === 'reassign' ? assignedNotificationStatements(db, id, input.version + 1, now) : []),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: row.court_id,
        action: `action_item.${input.action}`,
        entity: 'action_item',
        entityId: id,
        before: { state: row.state, ownerDivision: row.owner_division, ownerId: row.owner_id, ownerCourtId: row.owner_court_id, dueOn: row.due_on, version: row.version },
        after: { ...change, version: row.version + 1 },
        at: now,
      }),
    ],
    { conflictKey: 'actionItem.stale' },
  ).catch(async (err) => {
    if (err instanceof AppError && err.code === 'conflict') throw await stale(db, user, id, t, lang, 'actionItem.stale');
    throw err;
  });
}

function toChange(
  input: ActionItemChangeInput,
  row: ActionItemRow,
  r: { owner: { id: string; court_id: number; court_path: string }[]; court: { id: number; path: string } | null },
  t: Translate,
): ActionItemChange {
  switch (input.action) {
    case 'complete':
      return { action: 'complete', note: input.note.trim() };
    case 'cancel':
      return { action: 'cancel', reason: input.reason.trim() };
    case 'reschedule':
      return { action: 'reschedule', dueOn: input.dueOn };
    case 'reassign': {
      const person = input.ownerId ? r.owner[0] : undefined;
      if (input.ownerId && (!person || !person.court_path.startsWith(row.court_path))) throw invalid('ownerId', 'actionItem.validation.owner', t);
      if (input.ownerCourtId && (!r.court || !r.court.path.startsWith(row.court_path))) throw invalid('ownerCourtId', 'actionItem.validation.ownerCourt', t);
      return {
        action: 'reassign',
        ownerCourtId: (input.ownerDivision ? input.ownerCourtId : null) ?? person?.court_id ?? input.ownerCourtId ?? row.owner_court_id,
        ownerDivision: input.ownerDivision ?? null,
        ownerId: input.ownerId ?? null,
      };
    }
  }
}

export type { ActionItemAction };
