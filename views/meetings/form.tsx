/**
 * Create or edit a meeting: kind, title (suggested from kind and day), start in Shanghai time,
 * planned length, place or video link, chair (leaders of this court or above), divisions from
 * the catalog, outside units as free text with suggestions.
 */
import { DIVISIONS, MEETING_KINDS, divisionLabelKey, kindLabelKey } from '../../src/domain/meetings/index.ts';
import { Field, FormError, Select, TextInput, type FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';

export interface MeetingFormView {
  /** Edit: the meeting's id and version; the kind is fixed once created. */
  edit?: { id: string; version: number; kindLabel: string };
  form: FormState;
  /** The divisions ticked (values of the checkboxes). */
  divisions: string[];
  outsideUnits: string[];
  chairs: { id: string; name: string }[];
  outsideUnitSuggestions: string[];
  /** kind → the title the server would suggest for the day given, as a template ("{year}年{month}月…"). */
  titleTemplates: Record<string, string>;
  suggestedTitle: string;
}

const OUTSIDE_UNIT_FIELDS = 4;

export function MeetingForm(props: { ui: Ui; view: MeetingFormView }) {
  const { t } = props.ui;
  const { form, edit } = props.view;
  const action = edit ? `/meetings/${edit.id}/edit` : '/meetings';
  const units = [...props.view.outsideUnits, ...Array(Math.max(0, OUTSIDE_UNIT_FIELDS - props.view.outsideUnits.length)).fill('')] as string[];
  return (
    <form method="post" action={action} class="card meeting-form" novalidate data-title-templates={JSON.stringify(props.view.titleTemplates)}>
      <FormError message={form.formError} />
      {edit && <input type="hidden" name="version" value={String(edit.version)} />}
      <div class="grid-form">
        {edit ? (
          <div class="field">
            <span class="label">{t('meeting.field.kind')}</span>
            <p class="static">{edit.kindLabel}</p>
            <input type="hidden" name="kind" value={form.values.kind ?? ''} />
          </div>
        ) : (
          <Field id="m-kind" label={t('meeting.field.kind')} required error={form.errors.kind}>
            <Select id="m-kind" name="kind" form={form} required options={MEETING_KINDS.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} />
          </Field>
        )}
        <Field id="m-starts" label={t('meeting.field.startsAt')} required error={form.errors.scheduledAt} hint={t('meeting.field.startsAtHint')}>
          <TextInput id="m-starts" name="scheduledAt" type="datetime-local" form={form} required hint={t('meeting.field.startsAtHint')} />
        </Field>
        <Field id="m-minutes" label={t('meeting.field.plannedMinutes')} required error={form.errors.plannedMinutes}>
          <TextInput id="m-minutes" name="plannedMinutes" type="number" inputmode="numeric" min="15" max="480" step="5" form={form} required />
        </Field>
      </div>
      <Field id="m-title" label={t('meeting.field.title')} error={form.errors.title} hint={t('meeting.field.titleHint', { title: props.view.suggestedTitle })}>
        <TextInput id="m-title" name="title" form={form} maxlength={100} placeholder={props.view.suggestedTitle} hint={t('meeting.field.titleHint', { title: props.view.suggestedTitle })} />
      </Field>
      <div class="grid-form">
        <Field id="m-place" label={t('meeting.field.place')} error={form.errors.place} hint={t('meeting.field.placeHint')}>
          <TextInput id="m-place" name="place" form={form} maxlength={200} hint={t('meeting.field.placeHint')} />
        </Field>
        <Field id="m-link" label={t('meeting.field.videoLink')} error={form.errors.videoLink}>
          <TextInput id="m-link" name="videoLink" type="url" form={form} maxlength={300} placeholder="https://" />
        </Field>
        <Field id="m-chair" label={t('meeting.field.chair')} required error={form.errors.chairId} hint={props.view.chairs.length ? undefined : t('meeting.field.noChairs')}>
          <Select id="m-chair" name="chairId" form={form} required blank={t('meeting.field.chooseChair')} options={props.view.chairs.map((c) => ({ value: c.id, label: c.name }))} />
        </Field>
      </div>
      <fieldset class="divisions" aria-describedby={form.errors.divisions ? 'm-divisions-error' : undefined}>
        <legend>{t('meeting.field.divisions')}</legend>
        <div class="checkbox-grid">
          {DIVISIONS.map((d) => (
            <div class="checkbox">
              <input type="checkbox" id={`m-div-${d}`} name="divisions" value={d} checked={props.view.divisions.includes(d)} />
              <label for={`m-div-${d}`}>{t(divisionLabelKey(d))}</label>
            </div>
          ))}
        </div>
        {form.errors.divisions && (
          <p class="error" id="m-divisions-error">
            {form.errors.divisions}
          </p>
        )}
      </fieldset>
      <fieldset class="outside-units">
        <legend>{t('meeting.field.outsideUnits')}</legend>
        <p class="hint">{t('meeting.field.outsideUnitsHint')}</p>
        <datalist id="outside-unit-suggestions">
          {props.view.outsideUnitSuggestions.map((s) => (
            <option value={s}></option>
          ))}
        </datalist>
        <div class="grid-form">
          {units.map((value, i) => (
            <input
              type="text"
              name="outsideUnits"
              value={value}
              list="outside-unit-suggestions"
              maxlength={60}
              aria-label={t('meeting.field.outsideUnitN', { n: i + 1 })}
              aria-invalid={form.errors[`outsideUnits.${i}`] ? 'true' : undefined}
            />
          ))}
        </div>
        {form.errors.outsideUnits && <p class="error">{form.errors.outsideUnits}</p>}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {edit ? t('meeting.form.save') : t('meeting.form.create')}
        </button>
        <a class="btn btn-ghost" href={edit ? `/meetings/${edit.id}` : '/meetings'}>
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}
