import { Hono, type Context } from 'hono';
import { hasRole, seesSubtree } from '../../domain/roles.ts';
import { USER_ACTIONS, type UserAction } from '../../domain/warnings/state-machine.ts';
import { AppError } from '../../http/errors.ts';
import { formValues, formVersion, formWithLists, optionalText, pageQueryOf, refusalToForm, validateForm } from '../../http/forms.ts';
import { htmxTarget, isHtmx, respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv, CurrentUser } from '../../http/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { WarningActionFormSchema, WarningQuerySchema, type WarningQueryInput } from '../../schemas/warnings.ts';
import {
  actOnWarning,
  actOnWarningForPage,
  bulkAcknowledge,
  findWarnings,
  loadQueuePage,
  loadWarningPage,
  type WarningDetail,
  type WarningPage,
} from '../../services/warnings.ts';
import { LiveAnnouncement } from '../../../views/components/feedback.tsx';
import { ActionForm, WarningSection, type ActionConflict, type SubmittedAction, type WarningView } from '../../../views/warnings/detail.tsx';
import {
  StatusInput,
  WarningFilters,
  WarningResults,
  warningQueryString,
  type BulkOutcome,
  type WarningQueryView,
} from '../../../views/warnings/queue.tsx';

/** Bulk acknowledgement handles at most this many at once (BulkAcknowledgeSchema). */
const BULK_MAX = 100;

const isJudgeOnly = (u: CurrentUser) => !seesSubtree(u);

function queueTitle(c: Context<AppEnv>): string {
  return isJudgeOnly(currentUser(c)) ? c.var.t('nav.myWarnings') : c.var.t('nav.warnings');
}

function queryView(q: WarningQueryInput): WarningQueryView {
  return { status: q.status, level: q.level, courtId: q.courtId, kind: q.kind, overdue: q.overdue, owner: q.owner, sort: q.sort, page: q.page };
}

async function renderQueue(
  c: Context<AppEnv>,
  query: WarningQueryInput,
  opts: { notice?: string; bulk?: BulkOutcome; bulkError?: string; status?: 200 | 422 } = {},
) {
  const user = currentUser(c);
  const t = c.var.t;
  const fragment = htmxTarget(c) === 'warning-results';
  const { queue: result, courts } = fragment
    ? { queue: await findWarnings(c.var.db, user, query, c.var.lang), courts: [] }
    : await loadQueuePage(c.var.db, user, query, t, c.var.lang);
  const ui = uiOf(c);
  const view = queryView(query);
  const canBulk = hasRole(user, 'petition_officer');
  const results = (
    <WarningResults ui={ui} query={view} result={result} canBulk={canBulk} bulk={opts.bulk} bulkError={opts.bulkError} notice={opts.notice} />
  );
  if (fragment) {
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const said = [
      opts.bulk && opts.bulk.acknowledged > 0 ? t('wq.bulk.done', { n: opts.bulk.acknowledged }) : '',
      opts.bulk && opts.bulk.failed.length > 0 ? t('wq.bulk.failed', { n: opts.bulk.failed.length }) : '',
      opts.bulkError ?? '',
      t('pagination.summary', { total: result.total, page: result.page, pages }),
    ].filter(Boolean);
    return c.html(
      <>
        {results}
        <StatusInput status={view.status} oob />
        <LiveAnnouncement message={said.join(' ')} />
      </>,
      opts.status ?? 200,
    );
  }
  return respond(c, {
    title: queueTitle(c),
    crumbs: [{ label: queueTitle(c) }],
    content: (
      <>
        <WarningFilters ui={ui} query={view} courts={courts} showMine={canBulk} />
        {results}
      </>
    ),
    status: opts.status,
  });
}

/** `id:version` checkbox values; anything malformed is ignored. */
function parseItems(values: string[]): { id: string; version: number }[] {
  const items: { id: string; version: number }[] = [];
  for (const v of values) {
    const at = v.lastIndexOf(':');
    if (at <= 0) continue;
    const id = v.slice(0, at);
    const version = formVersion(v.slice(at + 1));
    if (id.length > 64 || version === null) continue;
    if (!items.some((i) => i.id === id)) items.push({ id, version });
  }
  return items.slice(0, BULK_MAX);
}

async function renderWarning(
  c: Context<AppEnv>,
  id: string,
  opts: {
    page?: WarningPage;
    /** On a 409: the warning as it is now (the page re-reads who may be named). */
    detail?: WarningDetail;
    submitted?: SubmittedAction;
    conflict?: ActionConflict;
    notice?: string;
    status?: 200 | 409 | 422;
    fragmentOnly?: boolean;
  } = {},
) {
  const user = currentUser(c);
  const page = opts.page ?? (await loadWarningPage(c.var.db, user, id, c.var.lang));
  const detail = opts.detail ?? page.detail;
  const ui = uiOf(c);
  const view: WarningView = {
    detail,
    followUp: page.followUp,
    stage: page.caseStage,
    owners: page.owners,
    leaders: page.leaders,
    meId: user.id,
    submitted: opts.submitted,
    conflict: opts.conflict,
    notice: opts.notice,
  };
  const form = opts.submitted?.form;
  const announce =
    opts.notice ?? opts.conflict?.message ?? form?.formError ?? (form ? Object.values(form.errors)[0] : undefined);
  if (opts.fragmentOnly && opts.status === 422 && opts.submitted && isHtmx(c)) {
    // Nothing changed but the form: swap just that form, so focus lands on the field in error.
    c.header('HX-Retarget', `#wa-${opts.submitted.action}`);
    c.header('HX-Reswap', 'outerHTML');
    return c.html(
      <>
        <ActionForm ui={ui} action={opts.submitted.action} view={view} open />
        {announce && <LiveAnnouncement message={announce} />}
      </>,
      422,
    );
  }
  const section = <WarningSection ui={ui} view={view} />;
  return respond(c, {
    title: c.var.t('wp.title', { number: detail.case.caseNumber }),
    crumbs: [{ href: '/warnings', label: queueTitle(c) }, { label: detail.case.caseNumber }],
    content: section,
    fragment: opts.fragmentOnly ? (
      <>
        {section}
        {announce && <LiveAnnouncement message={announce} />}
      </>
    ) : undefined,
    status: opts.status,
  });
}

function actionOf(value: string | undefined): UserAction {
  const action = USER_ACTIONS.find((a) => a === value);
  if (!action) throw new AppError('invalid', 'error.invalid');
  return action;
}

/** The queue and warning pages (HTML). */
export const warningRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = pageQueryOf(c, WarningQuerySchema);
    const n = Number(c.req.query('n'));
    const notice = c.req.query('done') === 'bulk' && Number.isInteger(n) && n > 0 ? c.var.t('wq.bulk.done', { n }) : undefined;
    return renderQueue(c, query, { notice });
  })
  .post('/bulk-acknowledge', requireRole('reviewWarnings'), async (c) => {
    const query = pageQueryOf(c, WarningQuerySchema);
    const { lists } = await formWithLists(c);
    const items = parseItems(lists.items ?? []);
    if (items.length === 0) return renderQueue(c, query, { bulkError: c.var.t('wq.bulk.none'), status: 422 });
    const user = currentUser(c);
    const result = await bulkAcknowledge(c.var.db, user, items, undefined, c.var.t, c.var.lang);
    if (!isHtmx(c) && result.failed.length === 0) {
      const qs = warningQueryString(queryView(query), { page: 1 });
      return seeOther(c, `/warnings${qs}${qs ? '&' : '?'}done=bulk&n=${result.acknowledged.length}`);
    }
    const failed = result.failed.map((f) => ({ label: f.caseNumber ?? c.var.t('wq.bulk.unknownItem'), message: f.message }));
    return renderQueue(c, query, { bulk: { acknowledged: result.acknowledged.length, failed } });
  })
  .get('/:id', async (c) => {
    const done = USER_ACTIONS.find((a) => a === c.req.query('done'));
    return renderWarning(c, c.req.param('id'), { notice: done ? c.var.t(`wp.done.${done}` as MessageKey) : undefined });
  })
  .post('/:id/actions', requireRole('actOnWarnings'), async (c) => {
    const id = c.req.param('id');
    const user = currentUser(c);
    const values = await formValues(c);
    const action = actionOf(values.action);
    const input = {
      action,
      version: values.version,
      note: optionalText(values.note),
      ownerId: optionalText(values.ownerId),
      leaderId: optionalText(values.leaderId),
      outcome: optionalText(values.outcome),
      reason: optionalText(values.reason),
    };
    const checked = validateForm(c, WarningActionFormSchema, input, values);
    if (!checked.ok) {
      // A bad version is nothing the user typed: say it above the form.
      const form = { ...checked.state, formError: checked.state.formError ?? checked.state.errors.version ?? checked.state.errors.action };
      return renderWarning(c, id, { submitted: { action, form }, status: 422, fragmentOnly: true });
    }
    try {
      if (!isHtmx(c)) {
        await actOnWarning(c.var.db, user, id, checked.data, c.var.t, c.var.lang);
        return seeOther(c, `/warnings/${id}?done=${action}`);
      }
      const page = await actOnWarningForPage(c.var.db, user, id, checked.data, c.var.t, c.var.lang);
      return renderWarning(c, id, { page, notice: c.var.t(`wp.done.${action}` as MessageKey), fragmentOnly: true });
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      const current = err instanceof AppError ? (err.details.current as WarningDetail | undefined) : undefined;
      return renderWarning(c, id, {
        detail: current,
        // On a 409 the message and what changed stand above the page; the form keeps what was typed.
        submitted: { action, form: status === 409 && current ? { ...state, formError: undefined } : state },
        conflict: status === 409 && current ? { message: state.formError ?? c.var.t('warning.stale'), current } : undefined,
        status,
        fragmentOnly: true,
      });
    }
  });
