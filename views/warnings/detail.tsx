import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../src/i18n/index.ts';
import { RESOLUTION_OUTCOMES, type UserAction, type WarningState } from '../../src/domain/warnings/state-machine.ts';
import type { WarningDetail, WarningPage } from '../../src/services/warnings.ts';
import { ActionItemList } from '../meetings/record.tsx';
import { Field, FormError, Select, emptyForm, type FormState } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import { Explanation } from '../components/explanation.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { Deadline } from './queue.tsx';

export interface PersonOption {
  id: string;
  name: string;
}

/** The form the user sent, as it came back refused (422) or overtaken (409). */
export interface SubmittedAction {
  action: UserAction;
  form: FormState;
}

/** A 409: the message, and the warning as it is now. */
export interface ActionConflict {
  message: string;
  current: WarningDetail;
}

export interface WarningView {
  detail: WarningDetail;
  /** The warning's action items from the meetings that decided on it. */
  followUp?: WarningPage['followUp'];
  /** The case's stage (WarningDetail does not carry it). */
  stage: string;
  owners: PersonOption[];
  leaders: PersonOption[];
  meId: string;
  submitted?: SubmittedAction;
  conflict?: ActionConflict;
  notice?: string;
}

/** The step that usually comes next in each state: its form starts open and its button is primary. */
const NEXT_STEP: Partial<Record<WarningState, UserAction>> = {
  open: 'acknowledge',
  acknowledged: 'propose',
  in_followup: 'resolve',
  resolved: 'reopen',
  dismissed: 'reopen',
};

function Facts(props: { rows: [string, Child][] }) {
  return (
    <dl class="facts">
      {props.rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

function StatusCard(props: { ui: Ui; w: WarningDetail }) {
  const { t } = props.ui;
  const w = props.w;
  const dash = <span class="muted">—</span>;
  const rows: [string, Child][] = [
    [t('wp.office'), w.court.name],
    [t('wp.owner'), w.owner?.displayName ?? dash],
    [t('wp.leader'), w.leader?.displayName ?? dash],
    [t('wp.raisedAt'), dateTime(w.raisedAt)],
  ];
  if (w.dueAt) {
    rows.push([
      t('wp.dueAt'),
      <>
        {dateTime(w.dueAt)} <Deadline t={t} msLeft={w.msLeft} dueAt={w.dueAt} />
      </>,
    ]);
  }
  if (w.escalations > 0) rows.push([t('wp.escalations'), String(w.escalations)]);
  if (w.outcome) rows.push([t('wp.outcome'), t(`warning.outcome.${w.outcome}` as MessageKey)]);
  if (w.state === 'dismissed' && w.reason) rows.push([t('wp.reason'), w.reason]);
  if (w.closedAt) rows.push([t('wp.closedAt'), dateTime(w.closedAt)]);
  return (
    <section class="card warning-status" aria-labelledby="ws-h">
      <h2 id="ws-h" class="visually-hidden">
        {t('wp.section.status')}
      </h2>
      <p class="status-line">
        <LevelBadge t={t} level={w.level} />
        <span class="score">{t('wp.points', { n: w.score })}</span>
        <span class={`w-state w-state-${w.state}`}>{t(`warning.state.${w.state}` as MessageKey)}</span>
      </p>
      <Facts rows={rows} />
    </section>
  );
}

function CaseCard(props: { ui: Ui; w: WarningDetail; stage: string }) {
  const { t } = props.ui;
  const c = props.w.case;
  return (
    <section class="card" aria-labelledby="wc-h">
      <h2 id="wc-h">{t('wp.section.case')}</h2>
      <Facts
        rows={[
          [
            t('case.number'),
            <a class="nowrap" href={`/cases/${c.id}`}>
              {c.caseNumber}
            </a>,
          ],
          [t('case.cause'), c.cause],
          [t('case.court'), c.court.name],
          [t('case.judge'), c.judge ?? '—'],
          [t('case.stage'), t(`stage.${props.stage}` as MessageKey)],
          [t('wq.filter.kind'), t(`wq.kind.${c.kind}` as MessageKey)],
        ]}
      />
    </section>
  );
}

function AssessmentCard(props: { ui: Ui; w: WarningDetail }) {
  const { t } = props.ui;
  const a = props.w.assessment;
  return (
    <section class="card" aria-labelledby="wx-h">
      <h2 id="wx-h">{t('wp.section.assessment')}</h2>
      {!a ? (
        <p class="empty">{t('wp.noAssessment')}</p>
      ) : (
        <Explanation t={t} assessment={a} />
      )}
    </section>
  );
}

function FlagsCard(props: { ui: Ui; w: WarningDetail }) {
  const { t } = props.ui;
  const flags = props.w.flags;
  return (
    <section class="card" aria-labelledby="wf-h">
      <h2 id="wf-h">{t('wp.section.flags')}</h2>
      {flags.length === 0 ? (
        <p class="empty">{t('flag.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('flag.factor')}</th>
              <th scope="col">{t('flag.note')}</th>
              <th scope="col">{t('flag.by')}</th>
              <th scope="col">{t('flag.at')}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr>
                <td>{f.factorName}</td>
                <td>{f.note}</td>
                <td class="nowrap">{f.createdBy.displayName}</td>
                <td class="nowrap">{dateTime(f.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Timeline(props: { ui: Ui; w: WarningDetail }) {
  const { t } = props.ui;
  return (
    <section class="card timeline" aria-labelledby="wt-h">
      <h2 id="wt-h">{t('wp.section.timeline')}</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('wp.timeline.at')}</th>
            <th scope="col">{t('wp.timeline.who')}</th>
            <th scope="col">{t('wp.timeline.what')}</th>
            <th scope="col">{t('wp.timeline.note')}</th>
          </tr>
        </thead>
        <tbody>
          {props.w.timeline.map((e) => (
            <tr id={`event-${e.id}`}>
              <td class="nowrap">{dateTime(e.at)}</td>
              <td class="nowrap">{e.actor?.displayName ?? t('audit.system')}</td>
              <td>{e.text}</td>
              <td class="note">{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NoteField(props: { ui: Ui; action: UserAction; form: FormState }) {
  const id = `wa-${props.action}-note`;
  return (
    <Field id={id} label={props.ui.t('wp.field.note')} error={props.form.errors.note}>
      <textarea
        id={id}
        name="note"
        rows={2}
        maxlength={2000}
        aria-invalid={props.form.errors.note ? 'true' : undefined}
        aria-describedby={props.form.errors.note ? `${id}-error` : undefined}
      >
        {props.form.values.note ?? ''}
      </textarea>
    </Field>
  );
}

function PersonSelect(props: {
  ui: Ui;
  action: UserAction;
  name: 'ownerId' | 'leaderId';
  label: string;
  blank: string;
  people: PersonOption[];
  meId: string;
  form: FormState;
  required?: boolean;
}) {
  const { t } = props.ui;
  const id = `wa-${props.action}-${props.name}`;
  const options = props.people.map((p) => ({ value: p.id, label: p.id === props.meId ? t('wp.field.me', { name: p.name }) : p.name }));
  return (
    <Field
      id={id}
      label={props.label}
      required={props.required}
      error={props.form.errors[props.name]}
      hint={props.people.length === 0 ? t('wp.noCandidates') : undefined}
    >
      <Select id={id} name={props.name} form={props.form} options={options} blank={props.blank} required={props.required} />
    </Field>
  );
}

function ActionFields(props: { ui: Ui; action: UserAction; form: FormState; view: WarningView }) {
  const { t } = props.ui;
  const { action, form, view } = props;
  const note = <NoteField ui={props.ui} action={action} form={form} />;
  switch (action) {
    case 'acknowledge':
    case 'assign':
      return (
        <>
          <PersonSelect
            ui={props.ui}
            action={action}
            name="ownerId"
            label={t('wp.field.owner')}
            blank={t('wp.field.chooseOwner')}
            people={view.owners}
            meId={view.meId}
            form={form}
            required
          />
          {note}
        </>
      );
    case 'assign_leader':
      return (
        <>
          <PersonSelect
            ui={props.ui}
            action={action}
            name="leaderId"
            label={t('wp.field.leader')}
            blank={t('wp.field.chooseLeader')}
            people={view.leaders}
            meId={view.meId}
            form={form}
            required
          />
          {note}
        </>
      );
    case 'dismiss': {
      const id = 'wa-dismiss-reason';
      const error = form.errors.reason;
      return (
        <Field id={id} label={t('wp.field.reason')} required error={error} hint={t('wp.field.reasonHint')}>
          <textarea
            id={id}
            name="reason"
            rows={3}
            maxlength={2000}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ')}
          >
            {form.values.reason ?? ''}
          </textarea>
        </Field>
      );
    }
    case 'resolve': {
      const id = 'wa-resolve-outcome';
      return (
        <>
          <Field id={id} label={t('wp.field.outcome')} required error={form.errors.outcome}>
            <Select
              id={id}
              name="outcome"
              form={form}
              required
              blank={t('wp.field.chooseOutcome')}
              options={RESOLUTION_OUTCOMES.map((o) => ({ value: o, label: t(`warning.outcome.${o}` as MessageKey) }))}
            />
          </Field>
          {note}
        </>
      );
    }
    default:
      return note;
  }
}

/** One action's form in its disclosure; a 422 answer with htmx swaps just this. */
export function ActionForm(props: { ui: Ui; action: UserAction; view: WarningView; open: boolean }) {
  const { t } = props.ui;
  const { action, view } = props;
  const w = view.detail;
  const submitted = view.submitted?.action === action ? view.submitted.form : undefined;
  const defaults: Record<string, string> = {};
  if (action === 'acknowledge' && view.owners.some((p) => p.id === view.meId)) defaults.ownerId = view.meId;
  if (action === 'assign_leader' && view.leaders.some((p) => p.id === view.meId)) defaults.leaderId = view.meId;
  const form = submitted ?? emptyForm(defaults);
  const url = `/warnings/${w.id}/actions`;
  const label = t(`warning.action.${action}` as MessageKey);
  return (
    <details class="action" id={`wa-${action}`} open={props.open || submitted !== undefined}>
      <summary>{label}</summary>
      <form
        method="post"
        action={url}
        hx-post={url}
        hx-target="#warning"
        hx-swap="outerHTML"
        hx-indicator={`#wa-${action}-busy`}
        class="action-form"
        novalidate
      >
        <input type="hidden" name="action" value={action} />
        <input type="hidden" name="version" value={String(w.version)} />
        <FormError message={form.formError} />
        <ActionFields ui={props.ui} action={action} form={form} view={view} />
        <div class="form-actions">
          <button type="submit" class={action === 'dismiss' ? 'btn btn-danger' : NEXT_STEP[w.state] === action ? 'btn btn-primary' : 'btn'}>
            {label}
          </button>
          <span id={`wa-${action}-busy`} class="busy" aria-hidden="true"></span>
        </div>
      </form>
    </details>
  );
}

function ActionsCard(props: { ui: Ui; view: WarningView }) {
  const { t } = props.ui;
  const actions = props.view.detail.allowedActions;
  if (actions.length === 0) return null;
  return (
    <section class="card warning-actions no-print" aria-labelledby="wa-h">
      <h2 id="wa-h">{t('wp.section.actions')}</h2>
      {actions.map((a) => (
        <ActionForm ui={props.ui} action={a} view={props.view} open={!props.view.submitted && NEXT_STEP[props.view.detail.state] === a} />
      ))}
    </section>
  );
}

function ConflictBox(props: { ui: Ui; conflict: ActionConflict; submitted?: SubmittedAction }) {
  const { t } = props.ui;
  const cur = props.conflict.current;
  const stillOffered = props.submitted ? cur.allowedActions.includes(props.submitted.action) : false;
  const v = props.submitted?.form.values ?? {};
  const kept = [v.reason, v.note].filter((x): x is string => Boolean(x && x.trim()));
  return (
    <div class="alert alert-error conflict" role="alert">
      <p class="alert-title">{t('wp.conflict.title')}</p>
      <p>{props.conflict.message}</p>
      <p>
        {t('wp.conflict.current', {
          state: t(`warning.state.${cur.state}` as MessageKey),
          level: t(`level.${cur.level}` as MessageKey),
          owner: cur.owner?.displayName ?? '—',
        })}
      </p>
      {!stillOffered && kept.length > 0 && (
        <div class="kept">
          <p>{t('wp.conflict.kept')}</p>
          {kept.map((text) => (
            <blockquote>{text}</blockquote>
          ))}
        </div>
      )}
    </div>
  );
}

function FollowUpCard(props: { ui: Ui; followUp: WarningPage['followUp'] }) {
  const { t } = props.ui;
  return (
    <section class="card followup" aria-labelledby="wfu-h">
      <h2 id="wfu-h">{t('wp.followUp.title')}</h2>
      {props.followUp.open > 0 && <p class="muted">{t('wp.followUp.open', { n: props.followUp.open })}</p>}
      <div class="table-wrap followup-items">
        <ActionItemList t={t} items={props.followUp.items} withMeeting empty="" />
      </div>
    </section>
  );
}

/** The whole warning below the title: what htmx swaps as `#warning` after an action. */
export function WarningSection(props: { ui: Ui; view: WarningView }) {
  const { t } = props.ui;
  const view = props.view;
  const w = view.detail;
  return (
    <div id="warning" class="warning-page">
      <Notice message={view.notice} />
      {view.conflict && <ConflictBox ui={props.ui} conflict={view.conflict} submitted={view.submitted} />}
      {w.allowedActions.length === 0 && <Notice kind="info" message={t('wp.readOnly')} />}
      {w.state === 'in_followup' && view.followUp?.allDone && w.allowedActions.includes('resolve') && <Notice kind="info" message={t('wp.followUp.allDone')} />}
      <StatusCard ui={props.ui} w={w} />
      <div class="grid-2">
        <div>
          <CaseCard ui={props.ui} w={w} stage={view.stage} />
          <AssessmentCard ui={props.ui} w={w} />
          <FlagsCard ui={props.ui} w={w} />
        </div>
        <div>
          <ActionsCard ui={props.ui} view={view} />
          {view.followUp && view.followUp.items.length > 0 && <FollowUpCard ui={props.ui} followUp={view.followUp} />}
          <Timeline ui={props.ui} w={w} />
        </div>
      </div>
    </div>
  );
}
