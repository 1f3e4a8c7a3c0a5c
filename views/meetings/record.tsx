/**
 * Recording a meeting and reading its minutes: attendance, per item the decision (numbered across
 * the meeting), the leader in charge, the outcome and the action items; the standard items'
 * content (the period's figures, the open action items of earlier meetings); amendments.
 */
import { ITEM_OUTCOMES, actionItemStateKey, defaultDueDay, itemOutcomeKey } from '../../src/domain/meetings/index.ts';
import { RESOLUTION_OUTCOMES } from '../../src/domain/warnings/state-machine.ts';
import type { DataReport } from '../../src/services/meeting-report.ts';
import type { ActionItemView, AgendaItemView } from '../../src/services/meeting-present.ts';
import type { MeetingPage } from '../../src/services/meetings.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { Field, FormError, emptyForm, type FormState } from '../components/form.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { ItemTopic, type Submitted } from './agenda.tsx';
import { OwnerFields } from './owner-fields.tsx';
import { CarryOvers, DueCell } from './common.tsx';

function formOf(submitted: Submitted | undefined, key: string, defaults: Record<string, string>): FormState {
  return submitted?.form === key ? submitted.state : emptyForm(defaults);
}

/** 信访数据通报: the period and its figures. */
export function ReportContent(props: { t: Translate; report: DataReport | null }) {
  const { t, report } = props;
  if (!report) return <p class="empty">{t('meeting.docx.noFigures')}</p>;
  return (
    <div class="report">
      <p class="muted">{t('meeting.docx.period', { from: report.period.from, to: report.period.to })}</p>
      <ul class="report-lines">
        {report.lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <table class="data report-table">
        <caption class="visually-hidden">{t('meeting.standardItem.data_report')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wq.col.level')}</th>
            <th scope="col" class="num">
              {t('stats.warnings.raised')}
            </th>
            <th scope="col" class="num">
              {t('stats.warnings.resolved')}
            </th>
            <th scope="col" class="num">
              {t('stats.warnings.open')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byLevel
            .filter((l) => l.level !== 'none' || l.raised + l.resolved + l.open > 0)
            .map((l) => (
              <tr>
                <th scope="row">{t(`level.${l.level}`)}</th>
                <td class="num">{l.raised}</td>
                <td class="num">{l.resolved}</td>
                <td class="num">{l.open}</td>
              </tr>
            ))}
          <tr class="total">
            <th scope="row">{t('meeting.report.total')}</th>
            <td class="num">{report.total.raised}</td>
            <td class="num">{report.total.resolved}</td>
            <td class="num">{report.total.open}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Action items as a table; `withSource` says which meeting each came from (上次会议议定事项落实情况). */
export function ActionItemList(props: { t: Translate; items: ActionItemView[]; withSource?: boolean; withMeeting?: boolean; empty: string }) {
  const { t } = props;
  if (props.items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <table class="data action-items">
      <thead>
        <tr>
          <th scope="col">{t('meeting.docx.actionItem')}</th>
          {props.withSource && <th scope="col">{t('meeting.docx.source')}</th>}
          <th scope="col">{t('meeting.docx.owner')}</th>
          <th scope="col">{t('meeting.docx.dueOn')}</th>
          <th scope="col">{t('actionItem.col.state')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((a) => (
          <tr id={`ai-${a.id}`} class={a.dueStatus === 'overdue' ? 'is-overdue' : undefined}>
            <td>
              {a.text}
              <CarryOvers t={t} count={a.carryOvers} />
              {props.withMeeting && (
                <span class="sub">
                  <a href={`/meetings/${a.meeting.id}`}>{a.meeting.title}</a>
                </span>
              )}
            </td>
            {props.withSource && (
              <td>
                <a href={`/meetings/${a.meeting.id}`}>{a.meeting.title}</a>
                {a.caseNumber && <span class="sub nowrap">{a.caseNumber}</span>}
              </td>
            )}
            <td>{a.owner.label}</td>
            <td>
              <DueCell t={t} item={a} />
            </td>
            <td class="nowrap">
              {t(actionItemStateKey(a.state))}
              {a.note && <span class="sub">{a.note}</span>}
              {a.reason && <span class="sub">{a.reason}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a standard item brings: the figures, or the open action items of earlier meetings. */
export function StandardContent(props: { t: Translate; item: AgendaItemView; page: MeetingPage }) {
  const { t, item, page } = props;
  if (item.kind === 'data_report') return <ReportContent t={t} report={page.report} />;
  if (item.kind === 'previous_actions') return <ActionItemList t={t} items={page.previousActions} withSource empty={t('meeting.docx.noOpenActionItems')} />;
  return null;
}

/** The decision as the minutes say it. */
export function DecisionText(props: { t: Translate; item: AgendaItemView }) {
  const { t, item } = props;
  const d = item.decision;
  if (!d || (!d.text && item.kind !== 'warning')) return null;
  return (
    <dl class="facts decision">
      {d.text && (
        <>
          <dt>{d.number ? t('meeting.docx.decisionNo', { no: d.number }) : t('meeting.docx.decision')}</dt>
          <dd class="decision-text">{d.text}</dd>
        </>
      )}
      {item.kind === 'warning' && (
        <>
          <dt>{t('meeting.docx.leaderInCharge')}</dt>
          <dd>{d.leader?.displayName ?? '—'}</dd>
          <dt>{t('meeting.docx.outcome')}</dt>
          <dd>
            {t(itemOutcomeKey(d.outcome))}
            {d.resolutionOutcome && ` · ${t(`warning.outcome.${d.resolutionOutcome}`)}`}
          </dd>
        </>
      )}
    </dl>
  );
}

function DecisionForm(props: { ui: Ui; page: MeetingPage; item: AgendaItemView; submitted?: Submitted }) {
  const { t } = props.ui;
  const { item } = props;
  const d = item.decision;
  const key = `decision-${item.id}`;
  const form = formOf(props.submitted, key, {
    text: d?.text ?? '',
    leaderId: d?.leader?.id ?? item.warning?.leader?.id ?? '',
    outcome: d?.outcome ?? 'follow_up',
    resolutionOutcome: d?.resolutionOutcome ?? '',
  });
  const url = `/meetings/${props.page.detail.id}/agenda/${item.id}/decision`;
  const id = (name: string) => `${key}-${name}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="#meeting" hx-swap="outerHTML" class="record-form" id={key} novalidate>
      <FormError message={form.formError} />
      {d && <input type="hidden" name="version" value={String(d.version)} />}
      <Field id={id('text')} label={d?.number ? t('meeting.docx.decisionNo', { no: d.number }) : t('meeting.docx.decision')} error={form.errors.text}>
        <textarea id={id('text')} name="text" rows={3} maxlength={4000} aria-invalid={form.errors.text ? 'true' : undefined}>
          {form.values.text ?? ''}
        </textarea>
      </Field>
      {item.kind === 'warning' && (
        <div class="grid-form">
          <Field id={id('leader')} label={t('meeting.docx.leaderInCharge')} error={form.errors.leaderId}>
            <select id={id('leader')} name="leaderId" aria-invalid={form.errors.leaderId ? 'true' : undefined}>
              <option value="">{t('wp.field.chooseLeader')}</option>
              {props.page.options.leaders.map((p) => (
                <option value={p.id} selected={p.id === form.values.leaderId}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('outcome')} label={t('meeting.docx.outcome')} error={form.errors.outcome}>
            <select id={id('outcome')} name="outcome">
              {ITEM_OUTCOMES.map((o) => (
                <option value={o} selected={o === form.values.outcome}>
                  {t(itemOutcomeKey(o))}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('resolution')} label={t('meeting.field.resolutionOutcome')} error={form.errors.resolutionOutcome} hint={t('meeting.field.resolutionHint')}>
            <select id={id('resolution')} name="resolutionOutcome" aria-invalid={form.errors.resolutionOutcome ? 'true' : undefined}>
              <option value="">—</option>
              {RESOLUTION_OUTCOMES.map((o) => (
                <option value={o} selected={o === form.values.resolutionOutcome}>
                  {t(`warning.outcome.${o}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="btn">
          {t('meeting.saveDecision')}
        </button>
      </div>
    </form>
  );
}

function ActionItemForm(props: { ui: Ui; page: MeetingPage; item: AgendaItemView; submitted?: Submitted }) {
  const { t } = props.ui;
  const { item, page } = props;
  const key = `action-${item.id}`;
  const defaultCourt = page.options.ownerCourts.find((c) => c.id === item.case?.court.id)?.id ?? page.options.ownerCourts[0]?.id;
  const form = formOf(props.submitted, key, { ownerCourtId: defaultCourt ? String(defaultCourt) : '', dueOn: defaultDueDay(page.detail.startsAt) });
  const url = `/meetings/${page.detail.id}/agenda/${item.id}/action-items`;
  const id = (name: string) => `${key}-${name}`;
  return (
    <details class="add-action" open={props.submitted?.form === key}>
      <summary>{t('meeting.addActionItem')}</summary>
      <form method="post" action={url} hx-post={url} hx-target="#meeting" hx-swap="outerHTML" class="record-form" id={key} novalidate>
        <FormError message={form.formError} />
        <Field id={id('text')} label={t('meeting.docx.actionItem')} required error={form.errors.text}>
          <textarea id={id('text')} name="text" rows={2} maxlength={1000} required aria-invalid={form.errors.text ? 'true' : undefined}>
            {form.values.text ?? ''}
          </textarea>
        </Field>
        <div class="grid-form">
          <OwnerFields ui={props.ui} idPrefix={key} form={form} courts={page.options.ownerCourts} people={page.options.presenters} hint={t('meeting.field.ownerHint')} />
          <Field id={id('due')} label={t('meeting.docx.dueOn')} error={form.errors.dueOn} hint={t('meeting.field.dueHint')}>
            <input id={id('due')} name="dueOn" type="date" value={form.values.dueOn ?? ''} aria-invalid={form.errors.dueOn ? 'true' : undefined} />
          </Field>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn">
            {t('meeting.addActionItem')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** One item while recording: its content, its decision form, its action items and the form to add one. */
export function ItemRecord(props: { ui: Ui; page: MeetingPage; item: AgendaItemView; submitted?: Submitted }) {
  const { t } = props.ui;
  const { item } = props;
  return (
    <article class="card item-record" id={`rec-${item.id}`} aria-labelledby={`rec-${item.id}-h`}>
      <h3 id={`rec-${item.id}-h`}>
        {item.number}. <ItemTopic t={t} item={item} withLink />
      </h3>
      <StandardContent t={t} item={item} page={props.page} />
      <DecisionForm ui={props.ui} page={props.page} item={item} submitted={props.submitted} />
      <h4>{t('meeting.docx.actionItems')}</h4>
      <ActionItemList t={t} items={item.actionItems} empty={t('meeting.noActionItems')} />
      <ActionItemForm ui={props.ui} page={props.page} item={item} submitted={props.submitted} />
    </article>
  );
}

/** One item as the minutes read (final minutes, or anyone who may not record). */
export function ItemMinutes(props: { ui: Ui; page: MeetingPage; item: AgendaItemView }) {
  const { t } = props.ui;
  const { item } = props;
  return (
    <article class="card item-minutes" id={`rec-${item.id}`} aria-labelledby={`rec-${item.id}-h`}>
      <h3 id={`rec-${item.id}-h`}>
        {item.number}. <ItemTopic t={t} item={item} withLink />
      </h3>
      {item.presenter && (
        <p class="muted">
          {t('meeting.docx.presenter')}：{item.presenter.displayName}
        </p>
      )}
      <StandardContent t={t} item={item} page={props.page} />
      <DecisionText t={t} item={item} />
      {item.actionItems.length > 0 && (
        <>
          <h4>{t('meeting.docx.actionItems')}</h4>
          <ActionItemList t={t} items={item.actionItems} empty="" />
        </>
      )}
    </article>
  );
}

export function AttendanceForm(props: { ui: Ui; page: MeetingPage; submitted?: Submitted }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const expected = [...new Set([d.chair.displayName, ...d.agenda.map((i) => i.presenter?.displayName).filter((n): n is string => !!n), d.coordinator.displayName])];
  const form = formOf(props.submitted, 'attendance', {
    present: (d.attendance?.present ?? expected).join('\n'),
    absent: (d.attendance?.absent ?? []).join('\n'),
  });
  const url = `/meetings/${d.id}/attendance`;
  return (
    <section class="card" aria-labelledby="attendance-h">
      <h2 id="attendance-h">{t('meeting.section.attendance')}</h2>
      <form method="post" action={url} hx-post={url} hx-target="#meeting" hx-swap="outerHTML" class="record-form" id="attendance" novalidate>
        <FormError message={form.formError} />
        <div class="grid-2 even">
          <Field id="att-present" label={t('meeting.docx.present')} hint={t('meeting.field.onePerLine')} error={form.errors.present}>
            <textarea id="att-present" name="present" rows={5}>
              {form.values.present ?? ''}
            </textarea>
          </Field>
          <Field id="att-absent" label={t('meeting.docx.absent')} hint={t('meeting.field.absentHint')} error={form.errors.absent}>
            <textarea id="att-absent" name="absent" rows={5}>
              {form.values.absent ?? ''}
            </textarea>
          </Field>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn">
            {t('meeting.saveAttendance')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function AttendanceText(props: { t: Translate; attendance: { present: string[]; absent: string[] } | null; recorder?: string }) {
  const { t, attendance } = props;
  if (!attendance) return null;
  return (
    <dl class="facts attendance print-facts">
      <dt>{t('meeting.docx.present')}</dt>
      <dd>{attendance.present.join(t('meeting.docx.listSeparator')) || '—'}</dd>
      {attendance.absent.length > 0 && (
        <>
          <dt>{t('meeting.docx.absent')}</dt>
          <dd>{attendance.absent.join(t('meeting.docx.listSeparator'))}</dd>
        </>
      )}
      {props.recorder && (
        <>
          <dt>{t('meeting.docx.recorder')}</dt>
          <dd>{props.recorder}</dd>
        </>
      )}
    </dl>
  );
}

/** Corrections of final minutes, listed under them; the coordinator may add one. */
export function Amendments(props: { ui: Ui; page: MeetingPage; canAmend: boolean; submitted?: Submitted }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const form = formOf(props.submitted, 'amend', {});
  return (
    <section class="card amendments" aria-labelledby="amend-h">
      <h2 id="amend-h">{t('meeting.docx.amendments')}</h2>
      {d.amendments.length === 0 ? (
        <p class="empty">{t('meeting.noAmendments')}</p>
      ) : (
        <ol class="amendment-list">
          {d.amendments.map((a) => (
            <li>
              <span class="muted nowrap">
                {dateTime(a.at)} {a.by.displayName}
              </span>
              <p>{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {props.canAmend && (
        <details class="add-action no-print" open={props.submitted?.form === 'amend'}>
          <summary>{t('meeting.action.amend')}</summary>
          <form method="post" action={`/meetings/${d.id}/amendments`} hx-post={`/meetings/${d.id}/amendments`} hx-target="#meeting" hx-swap="outerHTML" class="record-form" id="amend" novalidate>
            <FormError message={form.formError} />
            <Field id="amend-text" label={t('meeting.field.amendment')} required error={form.errors.text} hint={t('meeting.field.amendmentHint')}>
              <textarea id="amend-text" name="text" rows={3} maxlength={4000} required aria-invalid={form.errors.text ? 'true' : undefined}>
                {form.values.text ?? ''}
              </textarea>
            </Field>
            <div class="form-actions">
              <button type="submit" class="btn">
                {t('meeting.saveAmendment')}
              </button>
            </div>
          </form>
        </details>
      )}
    </section>
  );
}
