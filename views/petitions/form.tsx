/**
 * The petition form: registration (/petitions/new) and edit (/petitions/:id/edit). Possible
 * repeats found on submission are listed above it with a button that registers anyway.
 */
import { COMPLAINT_TYPES, HANDLING_OUTCOMES, HANDLING_STATES, PETITION_CHANNELS } from '../../src/domain/petitions/kinds.ts';
import type { PetitionView, PossibleRepeatView } from '../../src/services/petitions.ts';
import { Field, FormError, Select, TextInput, type FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';

/** A checkbox posting `1` when checked, its error (if any) under it. */
function Check(props: { id: string; name: string; label: string; form: FormState }) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? 'field checkbox has-error' : 'field checkbox'}>
      <input id={props.id} type="checkbox" name={props.name} value="1" checked={props.form.values[props.name] === '1'} aria-describedby={error ? `${props.id}-error` : undefined} />
      <label for={props.id}>{props.label}</label>
      {error && (
        <p class="error" id={`${props.id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's values from a stored petition (for the edit form). */
export function petitionFormValues(p: PetitionView): Record<string, string> {
  const yes = (b: boolean) => (b ? '1' : '');
  return {
    version: String(p.version),
    channel: p.channel,
    receivedOn: p.receivedOn,
    courtId: String(p.court.id),
    persons: String(p.persons),
    petitionerName: p.petitionerName,
    petitionerIdNumber: p.petitionerIdNumber ?? '',
    caseNumber: p.case?.caseNumber ?? '',
    complaintType: p.complaintType,
    'lawyer.interview': yes(p.lawyer.interview),
    'lawyer.representation': yes(p.lawyer.representation),
    'lawyer.resolution': yes(p.lawyer.resolution),
    'assistance.applied': yes(p.assistance.applied),
    'assistance.approved': yes(p.assistance.approved),
    'assistance.amount': p.assistance.amount ? String(p.assistance.amount) : '',
    state: p.state,
    outcome: p.outcome ?? '',
    note: p.note,
  };
}

/** The possible repeats of what was submitted, and the button that registers anyway. */
export function RepeatsPanel(props: { ui: Ui; repeats: PossibleRepeatView[] }) {
  const { t } = props.ui;
  return (
    <section class="card repeats" aria-labelledby="repeats-h" role="alert">
      <h2 id="repeats-h">{t('petition.repeats.title', { n: props.repeats.length })}</h2>
      <p>{t('petition.repeats.lead')}</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('petition.field.receivedOn')}</th>
              <th scope="col">{t('petition.repeats.why')}</th>
              <th scope="col">{t('petition.field.petitioner')}</th>
              <th scope="col">{t('petition.field.idNumber')}</th>
              <th scope="col">{t('petition.field.case')}</th>
              <th scope="col">{t('petition.field.channel')}</th>
              <th scope="col">{t('petition.field.court')}</th>
            </tr>
          </thead>
          <tbody>
            {props.repeats.map((r) => (
              <tr>
                <td class="nowrap">
                  <a href={`/petitions/${r.petition.id}`}>{r.petition.receivedOn}</a>
                  <span class="muted"> {t(r.daysApart >= 0 ? 'petition.repeats.daysBefore' : 'petition.repeats.daysAfter', { n: Math.abs(r.daysApart) })}</span>
                </td>
                <td>{r.reasons.map((x) => t(`petition.repeat.${x}`)).join('、')}</td>
                <td class="nowrap">{r.petition.petitionerName}</td>
                <td class="nowrap id-number">{r.petition.petitionerIdNumber ?? '—'}</td>
                <td class="nowrap">{r.petition.caseNumber ?? '—'}</td>
                <td class="nowrap">{t(`petition.channel.${r.petition.channel}`)}</td>
                <td>{r.petition.court}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PetitionForm(props: {
  ui: Ui;
  form: FormState;
  action: string;
  courts: { id: number; label: string }[];
  today: string;
  /** Set for an edit: the version travels with the form. */
  edit?: boolean;
  repeats?: PossibleRepeatView[];
  /** What the repeats shown were found for: the same submission again registers anyway. */
  confirmedFor?: string;
  cancelHref: string;
}) {
  const { t } = props.ui;
  const f = props.form;
  const e = f.errors;
  const opts = (values: readonly string[], prefix: 'channel' | 'complaint' | 'state' | 'outcome') =>
    values.map((v) => ({ value: v, label: t(`petition.${prefix}.${v}` as Parameters<typeof t>[0]) }));
  return (
    <form method="post" action={props.action} class="card petition-form" novalidate>
      <FormError message={f.formError} />
      {props.edit && <input type="hidden" name="version" value={f.values.version ?? ''} />}
      {props.confirmedFor !== undefined && <input type="hidden" name="confirmedFor" value={props.confirmedFor} />}
      <fieldset>
        <legend>{t('petition.form.received')}</legend>
        <div class="grid-form">
          <Field id="p-channel" label={t('petition.field.channel')} required error={e.channel} hint={t('petition.hint.channel')}>
            <Select id="p-channel" name="channel" form={f} options={opts(PETITION_CHANNELS, 'channel')} required blank={t('petition.choose')} />
          </Field>
          <Field id="p-received" label={t('petition.field.receivedOn')} required error={e.receivedOn}>
            <TextInput id="p-received" name="receivedOn" form={f} type="date" max={props.today} required />
          </Field>
          <Field id="p-court" label={t('petition.field.court')} required error={e.courtId}>
            <Select id="p-court" name="courtId" form={f} options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))} required />
          </Field>
          <Field id="p-persons" label={t('petition.field.persons')} required error={e.persons} hint={t('petition.hint.persons')}>
            <TextInput id="p-persons" name="persons" form={f} type="number" min="1" inputmode="numeric" required />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('petition.form.petitioner')}</legend>
        <div class="grid-form">
          <Field id="p-name" label={t('petition.field.petitioner')} required error={e.petitionerName}>
            <TextInput id="p-name" name="petitionerName" form={f} maxlength={100} required autocomplete="off" />
          </Field>
          <Field id="p-id" label={t('petition.field.idNumber')} error={e.petitionerIdNumber} hint={t('petition.hint.idNumber')}>
            <TextInput id="p-id" name="petitionerIdNumber" form={f} maxlength={18} autocomplete="off" class="nowrap" />
          </Field>
          <Field id="p-case" label={t('petition.field.caseNumber')} error={e.caseNumber} hint={t('petition.hint.caseNumber')}>
            <TextInput id="p-case" name="caseNumber" form={f} maxlength={64} placeholder="（2024）甘0102民初1234号" class="nowrap" />
          </Field>
          <Field id="p-complaint" label={t('petition.field.complaintType')} required error={e.complaintType}>
            <Select id="p-complaint" name="complaintType" form={f} options={opts(COMPLAINT_TYPES, 'complaint')} required blank={t('petition.choose')} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('petition.form.lawyersAssistance')}</legend>
        <div class="grid-form">
          <div class="stack-tight">
            <Check id="p-l-interview" name="lawyer.interview" label={t('petition.lawyer.interview')} form={f} />
            <Check id="p-l-representation" name="lawyer.representation" label={t('petition.lawyer.representation')} form={f} />
            <Check id="p-l-resolution" name="lawyer.resolution" label={t('petition.lawyer.resolution')} form={f} />
          </div>
          <div class="stack-tight">
            <Check id="p-a-applied" name="assistance.applied" label={t('petition.assistance.applied')} form={f} />
            <Check id="p-a-approved" name="assistance.approved" label={t('petition.assistance.approved')} form={f} />
          </div>
          <Field id="p-a-amount" label={t('petition.assistance.amount')} error={e['assistance.amount']}>
            <TextInput id="p-a-amount" name="assistance.amount" form={f} type="number" min="0" inputmode="numeric" />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('petition.form.handling')}</legend>
        <div class="grid-form">
          <Field id="p-state" label={t('petition.field.state')} required error={e.state}>
            <Select id="p-state" name="state" form={f} options={opts(HANDLING_STATES, 'state')} required />
          </Field>
          <Field id="p-outcome" label={t('petition.field.outcome')} error={e.outcome} hint={t('petition.hint.outcome')}>
            <Select id="p-outcome" name="outcome" form={f} options={opts(HANDLING_OUTCOMES, 'outcome')} blank={t('petition.noOutcome')} />
          </Field>
        </div>
        <Field id="p-note" label={t('petition.field.note')} error={e.note}>
          <textarea id="p-note" name="note" rows={3} maxlength={2000}>
            {f.values.note ?? ''}
          </textarea>
        </Field>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t(props.repeats && props.repeats.length > 0 ? 'petition.saveAnyway' : props.edit ? 'petition.saveEdit' : 'petition.save')}
        </button>
        <a class="btn btn-ghost" href={props.cancelHref}>
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}
