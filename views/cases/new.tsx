import type { MessageKey } from '../../src/i18n/index.ts';
import { CASE_STAGES as STAGES } from '../../src/domain/cases.ts';
import { PartiesFieldset } from './parties-fieldset.tsx';
import { Field, FormError, Select, TextInput, type FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';

/** Rows offered for parties; blank rows are ignored, so the form works without JavaScript. */
export const PARTY_ROWS = 4;

export function CaseForm(props: { ui: Ui; form: FormState; judges: { id: string; name: string }[]; today: string }) {
  const { t } = props.ui;
  const f = props.form;
  const stageOptions = STAGES.map((s) => ({ value: s, label: t(`stage.${s}` as MessageKey) }));
  return (
    <form method="post" action="/cases" class="stack case-form" novalidate>
      <FormError message={f.formError} />
      <div class="grid-form">
        <Field id="c-number" label={t('case.number')} required error={f.errors.caseNumber} hint={t('case.numberHint')}>
          <TextInput id="c-number" name="caseNumber" form={f} required maxlength={64} class="nowrap" hint={t('case.numberHint')} />
        </Field>
        <Field id="c-cause" label={t('case.cause')} required error={f.errors.cause}>
          <TextInput id="c-cause" name="cause" form={f} required maxlength={100} />
        </Field>
        <Field id="c-stage" label={t('case.stage')} required error={f.errors.stage}>
          <Select id="c-stage" name="stage" form={f} options={stageOptions} required />
        </Field>
        <Field id="c-filed" label={t('case.filedAt')} required error={f.errors.filedAt}>
          <TextInput id="c-filed" name="filedAt" type="date" form={f} required max={props.today} />
        </Field>
        <Field id="c-closed" label={t('case.closedAt')} error={f.errors.closedAt}>
          <TextInput id="c-closed" name="closedAt" type="date" form={f} max={props.today} />
        </Field>
        <Field id="c-amount" label={t('case.amountYuan')} error={f.errors.amountInDispute}>
          <TextInput id="c-amount" name="amountInDispute" form={f} inputmode="decimal" />
        </Field>
        <Field id="c-count" label={t('case.partyCount')} error={f.errors.partyCount} hint={t('case.partyCountHint')}>
          <TextInput id="c-count" name="partyCount" form={f} inputmode="numeric" hint={t('case.partyCountHint')} />
        </Field>
        <Field id="c-judge" label={t('case.judge')} error={f.errors.judgeId}>
          <Select id="c-judge" name="judgeId" form={f} options={props.judges.map((j) => ({ value: j.id, label: j.name }))} blank={t('case.judgeDefault')} />
        </Field>
      </div>
      <Field id="c-summary" label={t('case.summary')} error={f.errors.summary}>
        <textarea id="c-summary" name="summary" rows={2} maxlength={2000}>
          {f.values.summary ?? ''}
        </textarea>
      </Field>
      <PartiesFieldset ui={props.ui} form={f} rows={PARTY_ROWS} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('case.create')}
        </button>
        <a href="/cases" class="btn btn-ghost">
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}
