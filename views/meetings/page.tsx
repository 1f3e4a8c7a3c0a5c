/**
 * The meeting page, per state: a draft's agenda builder; a published agenda (and, from the start
 * on, the record); the record of a held meeting; final minutes with their amendments. A judge
 * sees the particulars and the items of its cases only. `#meeting` is what htmx swaps after a
 * record form; the builder swaps `#agenda-builder` alone.
 */
import type { Child } from 'hono/jsx';
import { divisionLabelKey, isDivision, kindLabelKey } from '../../src/domain/meetings/index.ts';
import type { MeetingPage } from '../../src/services/meetings.ts';
import { FormError, Field } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { AgendaBuilder, AgendaTable, StandardItems, TotalsLine, type Submitted } from './agenda.tsx';
import { MeetingStateBadge, meetingTime } from './common.tsx';
import { Amendments, AttendanceForm, AttendanceText, ItemMinutes, ItemRecord } from './record.tsx';

export interface MeetingPageView {
  page: MeetingPage;
  submitted?: Submitted;
  notice?: string;
  /** A refusal of the whole page's action (publish, finalize, cancel), or of an agenda change. */
  error?: string;
}

function Particulars(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const dash = <span class="muted">—</span>;
  const rows: [string, Child][] = [
    [t('meeting.docx.kind'), t(kindLabelKey(d.kind))],
    [t('meeting.docx.time'), `${meetingTime(d.startsAt, d.plannedMinutes)} ${t('meeting.shanghaiTime')}`],
    [t('meeting.docx.place'), d.place || dash],
    [
      t('meeting.docx.videoLink'),
      d.videoLink ? (
        <a href={d.videoLink} rel="noopener noreferrer">
          {d.videoLink}
        </a>
      ) : (
        dash
      ),
    ],
    [t('meeting.docx.chair'), d.chair.displayName],
    [t('meeting.field.coordinator'), d.coordinator.displayName],
    [t('meeting.docx.divisions'), d.divisions.map((c) => (isDivision(c) ? t(divisionLabelKey(c)) : c)).join(t('meeting.docx.listSeparator')) || dash],
    [t('meeting.docx.outsideUnits'), d.outsideUnits.join(t('meeting.docx.listSeparator')) || dash],
  ];
  if (d.publishedAt) rows.push([t('meeting.publishedAt'), dateTime(d.publishedAt)]);
  if (d.finalizedAt) rows.push([t('meeting.finalizedAt'), dateTime(d.finalizedAt)]);
  if (d.cancelReason) rows.push([t('meeting.cancelReason'), d.cancelReason]);
  const minutes = d.state === 'held' || d.state === 'minutes_final';
  return (
    <section class="card meeting-status" aria-labelledby="mp-h">
      <h2 id="mp-h" class="visually-hidden">
        {t('meeting.section.particulars')}
      </h2>
      <p class="status-line">
        <MeetingStateBadge t={t} state={d.state} />
        <span class="muted">{d.court.name}</span>
        {d.allowedActions.includes('edit_details') && (
          <a class="btn btn-small" href={`/meetings/${d.id}/edit`}>
            {t('meeting.action.edit_details')}
          </a>
        )}
      </p>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      <p class="downloads no-print">
        <a href={`/meetings/${d.id}/print`}>{t('meeting.printAgenda')}</a>
        <a href={`/meetings/${d.id}/agenda.docx`} download>
          {t('meeting.downloadAgenda')}
        </a>
        <a href={`/meetings/${d.id}/invite.ics`} download>
          {t('meeting.downloadInvite')}
        </a>
        {minutes && <a href={`/meetings/${d.id}/minutes/print`}>{t('meeting.printMinutes')}</a>}
        {minutes && (
          <a href={`/meetings/${d.id}/minutes.docx`} download>
            {d.state === 'minutes_final' ? t('meeting.downloadMinutes') : t('meeting.downloadDraftMinutes')}
          </a>
        )}
      </p>
    </section>
  );
}

function CancelForm(props: { ui: Ui; page: MeetingPage; submitted?: Submitted }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const form = props.submitted?.form === 'cancel' ? props.submitted.state : { values: {}, errors: {} as Record<string, string> };
  return (
    <details class="card cancel-meeting no-print" open={props.submitted?.form === 'cancel'}>
      <summary>{t('meeting.action.cancel')}</summary>
      <form method="post" action={`/meetings/${d.id}/cancel`} class="record-form" novalidate>
        <FormError message={form.formError} />
        <input type="hidden" name="version" value={String(d.version)} />
        <Field id="cancel-reason" label={t('meeting.field.cancelReason')} required error={form.errors.reason}>
          <textarea id="cancel-reason" name="reason" rows={2} maxlength={1000} required aria-invalid={form.errors.reason ? 'true' : undefined}>
            {form.values.reason ?? ''}
          </textarea>
        </Field>
        <p class="hint">{t('meeting.cancelHint')}</p>
        <div class="form-actions">
          <button type="submit" class="btn btn-danger">
            {t('meeting.action.cancel')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The page's one primary action: publish a draft, finalize held minutes (their versions come from inside #meeting). */
export function MeetingPrimary(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const d = props.page.detail;
  if (d.allowedActions.includes('publish')) {
    return (
      <form method="post" action={`/meetings/${d.id}/publish`} id="publish-form">
        <button type="submit" class="btn btn-primary">
          {t('meeting.action.publish')}
        </button>
      </form>
    );
  }
  if (d.allowedActions.includes('finalize')) {
    return (
      <form method="post" action={`/meetings/${d.id}/finalize`} id="finalize-form">
        <button type="submit" class="btn btn-primary">
          {t('meeting.action.finalize')}
        </button>
      </form>
    );
  }
  return null;
}

export function MeetingSection(props: { ui: Ui; view: MeetingPageView }) {
  const { t } = props.ui;
  const { page, submitted } = props.view;
  const d = page.detail;
  const coordinate = d.allowedActions.length > 0;
  const recording = coordinate && d.allowedActions.includes('record') && page.started;
  const pageError = submitted && ['publish', 'finalize'].includes(submitted.form) ? submitted.state.formError : props.view.error;
  return (
    <div id="meeting" class="meeting-page">
      <Notice message={props.view.notice} />
      <FormError message={pageError} />
      {!d.fullView && <Notice kind="info" message={t('meeting.partialView')} />}
      <Particulars ui={props.ui} page={page} />
      {d.state === 'draft' && coordinate ? (
        <AgendaBuilder ui={props.ui} page={page} submitted={submitted} />
      ) : (
        (d.state === 'draft' || d.state === 'published' || d.state === 'cancelled') && (
          <section class="card" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{t('meeting.section.agenda')}</h2>
            <AgendaTable ui={props.ui} page={page} builder={false} />
            {d.fullView && <TotalsLine t={t} totals={d.totals} />}
            {d.state !== 'cancelled' && <StandardItems ui={props.ui} page={page} />}
          </section>
        )
      )}
      {d.state === 'published' && coordinate && !page.started && (
        <Notice kind="info" message={t('meeting.error.not_started', { startsAt: dateTime(d.startsAt) })} />
      )}
      {recording && (
        <>
          <input type="hidden" id="finalize-version" name="version" value={String(d.version)} form="finalize-form" />
          <AttendanceForm ui={props.ui} page={page} submitted={submitted} />
          <section aria-labelledby="record-h" class="record">
            <h2 id="record-h">{t('meeting.section.record')}</h2>
            <p class="hint">{t('meeting.recordHint')}</p>
            {d.agenda.map((item) => (
              <ItemRecord ui={props.ui} page={page} item={item} submitted={submitted} />
            ))}
          </section>
        </>
      )}
      {!recording && (d.state === 'held' || d.state === 'minutes_final') && (
        <section aria-labelledby="minutes-h" class="minutes">
          <h2 id="minutes-h">{d.state === 'minutes_final' ? t('meeting.docx.minutesHeading') : t('meeting.section.record')}</h2>
          {d.fullView && d.attendance && (
            <section class="card" aria-label={t('meeting.section.attendance')}>
              <AttendanceText t={t} attendance={d.attendance} />
            </section>
          )}
          {d.agenda.map((item) => (
            <ItemMinutes ui={props.ui} page={page} item={item} />
          ))}
        </section>
      )}
      {d.state === 'minutes_final' && d.fullView && <Amendments ui={props.ui} page={page} canAmend={d.allowedActions.includes('amend')} submitted={submitted} />}
      {d.allowedActions.includes('cancel') && <CancelForm ui={props.ui} page={page} submitted={submitted} />}
    </div>
  );
}
