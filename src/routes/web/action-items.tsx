import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ACTION_ITEM_ACTIONS, type ActionItemAction } from '../../domain/meetings/index.ts';
import { courtSubtreeQuery } from '../../db/courts.ts';
import { peopleOfCourtsQuery } from '../../db/meetings.ts';
import { readAll } from '../../db/query.ts';
import { AppError } from '../../http/errors.ts';
import { formValues, optionalText, pageQueryOf, refusalToForm, requireFormVersion, validateForm } from '../../http/forms.ts';
import { isHtmx, respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { currentUser } from '../../middleware/require.ts';
import { ActionItemStateSchema } from '../../domain/meetings/action-items.ts';
import { DivisionSchema } from '../../schemas/meetings.ts';
import { changeActionItem, listActionItems, type ActionItemChangeInput } from '../../services/action-items.ts';
import type { ActionItemView } from '../../services/meeting-present.ts';
import { courtName } from '../../services/present.ts';
import { may } from '../../domain/roles.ts';
import { LiveAnnouncement } from '../../../views/components/feedback.tsx';
import { ActionItemsSection, listQuery, type ActionItemsView, type SubmittedChange } from '../../../views/action-items/list.tsx';

const ListQuerySchema = z.object({ view: z.enum(['mine', 'scope']).default('mine'), state: ActionItemStateSchema.default('open') });

/** What a coordinator may reassign to: the courts of its subtree, the people of its court and of the owners' courts. */
async function reassignOptions(c: Context<AppEnv>, items: ActionItemView[]): Promise<Pick<ActionItemsView, 'courts' | 'people'>> {
  const user = currentUser(c);
  if (!may(user, 'coordinateMeetings') || !items.some((i) => i.allowedActions.includes('reassign'))) return { courts: [], people: [] };
  const courtIds = [...new Set([user.courtId, ...items.map((i) => i.owner.court.id)])].slice(0, 90);
  const r = await readAll(c.var.db, { courts: courtSubtreeQuery(c.var.db, user.courtPath), people: peopleOfCourtsQuery(c.var.db, courtIds) });
  return {
    courts: r.courts.map((ct) => ({ id: ct.id, name: courtName(ct, c.var.lang) })),
    people: r.people.map((p) => ({ id: p.id, name: p.display_name })),
  };
}

async function renderList(c: Context<AppEnv>, opts: { submitted?: SubmittedChange; notice?: string; status?: 200 | 409 | 422 } = {}) {
  const q = pageQueryOf(c, ListQuerySchema);
  const list = await listActionItems(c.var.db, currentUser(c), { view: q.view, state: q.state }, c.var.t, c.var.lang);
  const view: ActionItemsView = { list, submitted: opts.submitted, notice: opts.notice, ...(await reassignOptions(c, list.items)) };
  const ui = uiOf(c);
  const section = <ActionItemsSection ui={ui} view={view} />;
  const announce = opts.notice ?? opts.submitted?.form.formError ?? Object.values(opts.submitted?.form.errors ?? {})[0];
  return respond(c, {
    title: c.var.t('nav.actionItems'),
    crumbs: [{ label: c.var.t('nav.actionItems') }],
    content: section,
    fragment: (
      <>
        {section}
        {announce && <LiveAnnouncement message={announce} />}
      </>
    ),
    status: opts.status,
  });
}

const REASSIGN = z.object({ ownerDivision: DivisionSchema.nullable(), ownerCourtId: z.coerce.number().int().positive().nullable(), ownerId: z.string().max(64).nullable() });

function inputOf(action: ActionItemAction, values: Record<string, string>, version: number): ActionItemChangeInput {
  switch (action) {
    case 'complete':
      return { action, version, note: values.note ?? '' };
    case 'cancel':
      return { action, version, reason: values.reason ?? '' };
    case 'reschedule':
      return { action, version, dueOn: values.dueOn ?? '' };
    case 'reassign':
      return { action, version, ownerDivision: optionalText(values.ownerDivision) ?? null, ownerCourtId: Number(values.ownerCourtId) || null, ownerId: optionalText(values.ownerId) ?? null };
  }
}

/** 我的督办事项 (and, for the office roles, the items of the meetings in scope). */
export const actionItemRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const done = ACTION_ITEM_ACTIONS.find((a) => a === c.req.query('done'));
    return renderList(c, { notice: done ? c.var.t(`actionItem.done.${done}`) : undefined });
  })
  .post('/:id/:action', async (c) => {
    const { id } = c.req.param();
    const action = ACTION_ITEM_ACTIONS.find((a) => a === c.req.param('action'));
    if (!action) throw new AppError('not_found', 'error.notFound');
    const values = await formValues(c);
    const back = `/action-items${listQuery(pageQueryOf(c, ListQuerySchema))}`;
    if (action === 'reassign') {
      const checked = validateForm(c, REASSIGN, { ownerDivision: optionalText(values.ownerDivision) ?? null, ownerCourtId: optionalText(values.ownerCourtId) ?? null, ownerId: optionalText(values.ownerId) ?? null }, values);
      if (!checked.ok) return renderList(c, { submitted: { itemId: id, action, form: checked.state }, status: 422 });
    }
    try {
      const version = requireFormVersion(values.version, 'actionItem.stale');
      await changeActionItem(c.var.db, currentUser(c), id, inputOf(action, values, version), c.var.t, c.var.lang);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      const current = err instanceof AppError ? (err.details.current as ActionItemView | undefined) : undefined;
      return renderList(c, { submitted: { itemId: id, action, form: state, current }, status });
    }
    if (!isHtmx(c)) return seeOther(c, `${back}${back.includes('?') ? '&' : '?'}done=${action}#ai-${id}`);
    return renderList(c, { notice: c.var.t(`actionItem.done.${action}`) });
  });
