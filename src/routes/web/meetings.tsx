import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { kindLabelKey, outsideUnitSuggestions, suggestTitle, MEETING_KINDS, type MeetingKind } from '../../domain/meetings/index.ts';
import { shanghaiIso } from '../../domain/time.ts';
import { formValues, formWithLists, optionalText, pageQueryOf, refusalToForm, requireFormVersion, validateForm } from '../../http/forms.ts';
import { attachment } from '../../http/download.ts';
import { isHtmx, respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { translate, type MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { FormVersionSchema } from '../../schemas/common.ts';
import { ActionItemCreateSchema, AmendSchema, CancelSchema, DecisionSchema, MeetingFormSchema, MoveDirectionSchema, PoolQuerySchema } from '../../schemas/meetings.ts';
import { addToAgenda, moveAgendaItem, removeFromAgenda, updateAgendaItem } from '../../services/agenda.ts';
import { agendaDownload, inviteDownload, minutesDownload, printedCourtName } from '../../services/meeting-docs.ts';
import { addActionItem, amendMinutes, finalizeMeeting, recordAttendance, recordDecision } from '../../services/meeting-record.ts';
import { cancelMeeting, chairOptions, createMeeting, editMeeting, loadMeeting, loadMeetingsLanding, publishMeeting } from '../../services/meetings.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { LiveAnnouncement } from '../../../views/components/feedback.tsx';
import { AgendaBuilder, type Submitted } from '../../../views/meetings/agenda.tsx';
import { MeetingForm, type MeetingFormView } from '../../../views/meetings/form.tsx';
import { MeetingsLandingView, PoolResults } from '../../../views/meetings/landing.tsx';
import { MeetingPrimary, MeetingSection } from '../../../views/meetings/page.tsx';
import { AgendaPrint, MinutesPrint } from '../../../views/meetings/print.tsx';

/** Notices after a redirect (no JavaScript), by a fixed key. */
const DONE: Record<string, MessageKey> = {
  created: 'meeting.done.created',
  updated: 'meeting.done.updated',
  published: 'meeting.done.published',
  cancelled: 'meeting.done.cancelled',
  added: 'meeting.done.added',
  removed: 'meeting.done.removed',
  moved: 'meeting.done.moved',
  item: 'meeting.done.item',
  attendance: 'meeting.done.attendance',
  decision: 'meeting.done.decision',
  action: 'meeting.done.action',
  finalized: 'meeting.done.finalized',
  amended: 'meeting.done.amended',
};

const crumbsOf = (c: Context<AppEnv>, title?: string) => [
  { href: '/meetings', label: c.var.t('nav.meetings') },
  ...(title ? [{ label: title }] : []),
];

async function renderMeeting(
  c: Context<AppEnv>,
  id: string,
  opts: { submitted?: Submitted; notice?: string; error?: string; status?: 200 | 409 | 422; fragment?: 'meeting' | 'builder' } = {},
) {
  const page = await loadMeeting(c.var.db, currentUser(c), id, c.var.t, c.var.lang, true);
  const ui = uiOf(c);
  const view = { page, submitted: opts.submitted, notice: opts.notice, error: opts.error };
  const announce = opts.notice ?? opts.error ?? opts.submitted?.state.formError ?? Object.values(opts.submitted?.state.errors ?? {})[0];
  const builderError = opts.submitted && ['add', 'move', 'remove'].includes(opts.submitted.form) ? opts.submitted.state.formError : undefined;
  // A builder whose meeting was published meanwhile is replaced by the whole meeting section.
  if (opts.fragment === 'builder' && page.detail.state !== 'draft' && isHtmx(c)) {
    c.header('HX-Retarget', '#meeting');
    c.header('HX-Reswap', 'outerHTML');
  }
  const fragment =
    opts.fragment === 'builder' && page.detail.state === 'draft' ? (
      <AgendaBuilder ui={ui} page={page} submitted={opts.submitted} formError={builderError} />
    ) : (
      <MeetingSection ui={ui} view={view} />
    );
  return respond(c, {
    title: page.detail.title,
    crumbs: crumbsOf(c, page.detail.title),
    primary: <MeetingPrimary ui={ui} page={page} />,
    content: <MeetingSection ui={ui} view={{ ...view, error: view.error ?? builderError }} />,
    fragment: opts.fragment ? (
      <>
        {fragment}
        {/* The first record marks the meeting held: its primary action becomes "finalize". */}
        <div class="primary-action" id="primary-action" hx-swap-oob="true">
          <MeetingPrimary ui={ui} page={page} />
        </div>
        {announce && <LiveAnnouncement message={announce} />}
      </>
    ) : undefined,
    status: opts.status,
  });
}

/**
 * One write from the meeting page: done → 303 back (no JavaScript) or the fragment with an
 * announcement (htmx); refused → the page or fragment with the form's messages, 409 or 422.
 */
async function pageWrite(
  c: Context<AppEnv>,
  id: string,
  form: string,
  values: Record<string, string>,
  done: keyof typeof DONE,
  fragment: 'meeting' | 'builder',
  act: () => Promise<unknown>,
) {
  try {
    await act();
  } catch (err) {
    const { state, status } = refusalToForm(c, err, values);
    return renderMeeting(c, id, { submitted: { form, state }, status, fragment: isHtmx(c) ? fragment : undefined });
  }
  if (!isHtmx(c)) return seeOther(c, `/meetings/${id}?done=${done}`);
  return renderMeeting(c, id, { notice: c.var.t(DONE[done]!), fragment });
}

/** A form that did not pass its schema: its messages under its fields. */
function refused(c: Context<AppEnv>, id: string, form: string, state: FormState, status: 409 | 422, fragment: 'meeting' | 'builder') {
  return renderMeeting(c, id, { submitted: { form, state }, status, fragment: isHtmx(c) ? fragment : undefined });
}

const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// The meeting form

function localTime(iso: string): string {
  return shanghaiIso(iso).slice(0, 16);
}

async function formView(c: Context<AppEnv>, form: FormState, extra: { divisions: string[]; outsideUnits: string[]; edit?: MeetingFormView['edit'] }): Promise<MeetingFormView> {
  const t = c.var.t;
  const kind = (MEETING_KINDS as readonly string[]).includes(form.values.kind ?? '') ? (form.values.kind as MeetingKind) : 'trial_enforcement';
  const when = Date.parse(`${form.values.scheduledAt ?? ''}:00+08:00`);
  const at = Number.isNaN(when) ? new Date() : new Date(when);
  return {
    ...extra,
    form,
    chairs: await chairOptions(c.var.db, currentUser(c)),
    outsideUnitSuggestions: outsideUnitSuggestions(t),
    titleTemplates: Object.fromEntries(MEETING_KINDS.map((k) => [k, translate(c.var.lang, `meeting.suggestedTitle.${k}`)])),
    suggestedTitle: suggestTitle(kind, at, c.var.lang),
  };
}

function renderForm(c: Context<AppEnv>, view: MeetingFormView, status: 200 | 409 | 422 = 200) {
  const title = view.edit ? c.var.t('meeting.editTitle') : c.var.t('meeting.newTitle');
  return respond(c, { title, crumbs: crumbsOf(c, title), content: <MeetingForm ui={uiOf(c)} view={view} />, status });
}

async function meetingFormInput(c: Context<AppEnv>) {
  const { values, lists } = await formWithLists(c);
  const outsideUnits = (lists.outsideUnits ?? []).map((u) => u.trim()).filter(Boolean);
  const divisions = lists.divisions ?? [];
  const input = {
    kind: values.kind,
    scheduledAt: values.scheduledAt ?? '',
    title: optionalText(values.title),
    plannedMinutes: values.plannedMinutes ?? '',
    place: values.place ?? '',
    videoLink: values.videoLink ?? '',
    chairId: values.chairId ?? '',
    divisions,
    outsideUnits,
  };
  return { values, input, divisions, outsideUnits };
}

// ---------------------------------------------------------------------------------------------

const DecisionFormSchema = DecisionSchema.extend({ version: FormVersionSchema.optional() });

/** The meeting pages (HTML). */
export const meetingRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = pageQueryOf(c, PoolQuerySchema);
    const landing = await loadMeetingsLanding(c.var.db, currentUser(c), query, c.var.t, c.var.lang);
    const ui = uiOf(c);
    if (isHtmx(c) && c.req.header('HX-Target') === 'pool-results' && landing.pool) {
      return c.html(
        <>
          <PoolResults ui={ui} pool={landing.pool} total={landing.poolTotal} />
          <LiveAnnouncement message={c.var.t('meeting.pool.count', { n: landing.poolTotal, shown: landing.pool.length })} />
        </>,
      );
    }
    const done = c.req.query('done');
    return respond(c, {
      title: c.var.t('nav.meetings'),
      crumbs: crumbsOf(c),
      primary: landing.canCreate ? (
        <a class="btn btn-primary" href="/meetings/new">
          {c.var.t('meeting.newTitle')}
        </a>
      ) : undefined,
      content: <MeetingsLandingView ui={ui} landing={landing} query={query} notice={done && DONE[done] ? c.var.t(DONE[done]!) : undefined} />,
    });
  })
  .get('/print-style/:courtId', async (c) => {
    // The court's name (in the reader's language) at the top of every printed page, as an @page margin box:
    // CSS from this origin, so the strict CSP holds.
    const court = await printedCourtName(c.var.db, currentUser(c), c.req.param('courtId'), c.var.lang);
    const name = cssString(court + (c.req.query('draft') ? `  ${c.var.t('meeting.docx.draftMark')}` : ''));
    const css = `@page { @top-center { content: ${name}; font-size: 10pt; color: #344054; border-bottom: 0.5pt solid #667085; vertical-align: bottom; padding-bottom: 2mm; } }\n`;
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'private, max-age=300' });
  })
  .get('/new', requireRole('coordinateMeetings'), async (c) => {
    const start = new Date(Date.now() + 7 * 86_400_000);
    const scheduledAt = `${localTime(start.toISOString()).slice(0, 10)}T09:00`;
    return renderForm(c, await formView(c, emptyForm({ kind: 'trial_enforcement', scheduledAt, plannedMinutes: '120' }), { divisions: [], outsideUnits: [] }));
  })
  .post('/', requireRole('coordinateMeetings'), async (c) => {
    const { values, input, divisions, outsideUnits } = await meetingFormInput(c);
    const checked = validateForm(c, MeetingFormSchema, input, values);
    if (!checked.ok) return renderForm(c, await formView(c, checked.state, { divisions, outsideUnits }), 422);
    try {
      const id = await createMeeting(c.var.db, currentUser(c), { ...checked.data, startsAt: checked.data.scheduledAt }, c.var.t, c.var.lang);
      return seeOther(c, `/meetings/${id}?done=created`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return renderForm(c, await formView(c, state, { divisions, outsideUnits }), status);
    }
  })
  .get('/:id', async (c) => {
    const done = c.req.query('done');
    return renderMeeting(c, c.req.param('id'), { notice: done && DONE[done] ? c.var.t(DONE[done]!) : undefined });
  })
  .get('/:id/edit', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const { detail: d } = await loadMeeting(c.var.db, currentUser(c), id, c.var.t, c.var.lang);
    if (!d.allowedActions.includes('edit_details')) return seeOther(c, `/meetings/${id}`);
    const values = {
      kind: d.kind,
      scheduledAt: d.startsAt.slice(0, 16),
      title: d.title,
      plannedMinutes: String(d.plannedMinutes),
      place: d.place,
      videoLink: d.videoLink,
      chairId: d.chair.id,
    };
    return renderForm(c, await formView(c, emptyForm(values), { divisions: d.divisions, outsideUnits: d.outsideUnits, edit: { id, version: d.version, kindLabel: c.var.t(kindLabelKey(d.kind)) } }));
  })
  .post('/:id/edit', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const { values, input, divisions, outsideUnits } = await meetingFormInput(c);
    const edit = { id, version: Number(values.version) || 0, kindLabel: isKind(values.kind) ? c.var.t(kindLabelKey(values.kind)) : '' };
    const checked = validateForm(c, MeetingFormSchema, input, values);
    if (!checked.ok) return renderForm(c, await formView(c, checked.state, { divisions, outsideUnits, edit }), 422);
    try {
      const version = requireFormVersion(values.version, 'meeting.stale');
      await editMeeting(c.var.db, currentUser(c), id, { ...checked.data, startsAt: checked.data.scheduledAt, version }, c.var.t, c.var.lang);
      return seeOther(c, `/meetings/${id}?done=updated`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return renderForm(c, await formView(c, state, { divisions, outsideUnits, edit }), status);
    }
  })
  .post('/:id/publish', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    return pageWrite(c, id, 'publish', values, 'published', 'meeting', () =>
      publishMeeting(c.var.db, currentUser(c), id, requireFormVersion(values.version, 'meeting.stale'), c.var.t),
    );
  })
  .post('/:id/cancel', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const checked = validateForm(c, CancelSchema.extend({ version: FormVersionSchema }), { version: values.version, reason: values.reason ?? '' }, values);
    if (!checked.ok) return refused(c, id, 'cancel', checked.state, checked.status, 'meeting');
    return pageWrite(c, id, 'cancel', values, 'cancelled', 'meeting', () => cancelMeeting(c.var.db, currentUser(c), id, checked.data, c.var.t));
  })
  .post('/:id/agenda', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const warningId = values.warningId ?? '';
    return pageWrite(c, id, 'add', values, 'added', 'builder', () => addToAgenda(c.var.db, currentUser(c), id, { warningId }, c.var.t));
  })
  .post('/:id/agenda/:itemId/move', requireRole('coordinateMeetings'), async (c) => {
    const { id, itemId } = c.req.param();
    const values = await formValues(c);
    const direction = MoveDirectionSchema.safeParse(values.direction);
    if (!direction.success) return refused(c, id, 'move', { values, errors: {}, formError: c.var.t('meeting.validation.direction') }, 422, 'builder');
    return pageWrite(c, id, 'move', values, 'moved', 'builder', () => moveAgendaItem(c.var.db, currentUser(c), id, itemId, direction.data, c.var.t));
  })
  .post('/:id/agenda/:itemId/remove', requireRole('coordinateMeetings'), async (c) => {
    const { id, itemId } = c.req.param();
    const values = await formValues(c);
    return pageWrite(c, id, 'remove', values, 'removed', 'builder', () => removeFromAgenda(c.var.db, currentUser(c), id, itemId, c.var.t));
  })
  .post('/:id/agenda/:itemId', requireRole('coordinateMeetings'), async (c) => {
    const { id, itemId } = c.req.param();
    const values = await formValues(c);
    const schema = z.object({
      presenterId: z.string().max(64).nullable(),
      minutes: z.coerce.number({ error: 'meeting.validation.minutes' }).int('meeting.validation.minutes').min(1, 'meeting.validation.minutes').max(480, 'meeting.validation.minutes').nullable(),
    });
    const checked = validateForm(c, schema, { presenterId: optionalText(values.presenterId) ?? null, minutes: optionalText(values.minutes) ?? null }, values);
    if (!checked.ok) return refused(c, id, `item-${itemId}`, checked.state, checked.status, 'builder');
    return pageWrite(c, id, `item-${itemId}`, values, 'item', 'builder', () => updateAgendaItem(c.var.db, currentUser(c), id, itemId, checked.data, c.var.t));
  })
  .post('/:id/attendance', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    return pageWrite(c, id, 'attendance', values, 'attendance', 'meeting', () =>
      recordAttendance(c.var.db, currentUser(c), id, { present: lines(values.present).slice(0, 200), absent: lines(values.absent).slice(0, 200) }, c.var.t),
    );
  })
  .post('/:id/agenda/:itemId/decision', requireRole('coordinateMeetings'), async (c) => {
    const { id, itemId } = c.req.param();
    const values = await formValues(c);
    const form = `decision-${itemId}`;
    const checked = validateForm(
      c,
      DecisionFormSchema,
      {
        text: values.text ?? '',
        leaderId: optionalText(values.leaderId) ?? null,
        outcome: optionalText(values.outcome) ?? null,
        resolutionOutcome: optionalText(values.resolutionOutcome) ?? null,
        version: optionalText(values.version),
      },
      values,
    );
    if (!checked.ok) return refused(c, id, form, checked.state, checked.status, 'meeting');
    return pageWrite(c, id, form, values, 'decision', 'meeting', () => recordDecision(c.var.db, currentUser(c), id, itemId, checked.data, c.var.t));
  })
  .post('/:id/agenda/:itemId/action-items', requireRole('coordinateMeetings'), async (c) => {
    const { id, itemId } = c.req.param();
    const values = await formValues(c);
    const form = `action-${itemId}`;
    const checked = validateForm(
      c,
      ActionItemCreateSchema,
      {
        text: values.text ?? '',
        ownerDivision: optionalText(values.ownerDivision) ?? null,
        ownerCourtId: optionalText(values.ownerCourtId) ? Number(values.ownerCourtId) : null,
        ownerId: optionalText(values.ownerId) ?? null,
        dueOn: optionalText(values.dueOn) ?? null,
      },
      values,
    );
    if (!checked.ok) return refused(c, id, form, checked.state, checked.status, 'meeting');
    return pageWrite(c, id, form, values, 'action', 'meeting', () => addActionItem(c.var.db, currentUser(c), id, itemId, checked.data, c.var.t));
  })
  .post('/:id/finalize', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    return pageWrite(c, id, 'finalize', values, 'finalized', 'meeting', () =>
      finalizeMeeting(c.var.db, currentUser(c), id, requireFormVersion(values.version, 'meeting.stale'), c.var.t),
    );
  })
  .post('/:id/amendments', requireRole('coordinateMeetings'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const checked = validateForm(c, AmendSchema, { text: values.text ?? '' }, values);
    if (!checked.ok) return refused(c, id, 'amend', checked.state, checked.status, 'meeting');
    return pageWrite(c, id, 'amend', values, 'amended', 'meeting', () => amendMinutes(c.var.db, currentUser(c), id, checked.data.text, c.var.t));
  })
  .get('/:id/print', async (c) => {
    const page = await loadMeeting(c.var.db, currentUser(c), c.req.param('id'), c.var.t, c.var.lang);
    return c.html(<AgendaPrint ui={uiOf(c)} page={page} />);
  })
  .get('/:id/minutes/print', async (c) => {
    const page = await loadMeeting(c.var.db, currentUser(c), c.req.param('id'), c.var.t, c.var.lang);
    return c.html(<MinutesPrint ui={uiOf(c)} page={page} />);
  })
  .get('/:id/agenda.docx', async (c) => attachment(c, await agendaDownload(await loadMeeting(c.var.db, currentUser(c), c.req.param('id'), c.var.t, c.var.lang), c.var.t)))
  .get('/:id/minutes.docx', async (c) => attachment(c, await minutesDownload(await loadMeeting(c.var.db, currentUser(c), c.req.param('id'), c.var.t, c.var.lang), c.var.t)))
  .get('/:id/invite.ics', async (c) =>
    attachment(c, inviteDownload(await loadMeeting(c.var.db, currentUser(c), c.req.param('id'), c.var.t, c.var.lang), c.var.t, new URL(c.req.url).hostname)),
  );

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/[\r\n\f]/g, '\\A ')}"`;
}

function isKind(value: string | undefined): value is MeetingKind {
  return (MEETING_KINDS as readonly string[]).includes(value ?? '');
}
