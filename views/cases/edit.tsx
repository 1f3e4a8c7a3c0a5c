import type { MessageKey } from '../../src/i18n/index.ts';
import { CASE_STAGES } from '../../src/domain/cases.ts';
import type { CaseDetail } from '../../src/services/present.ts';
import { Field, FormError, Select, TextInput, type FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';
import { PartiesFieldset } from './parties-fieldset.tsx';

/** Blank party rows offered below the listed ones. */
export const EXTRA_PARTY_ROWS = 2;

/** The edit form's fields as the case stands now. */
export function caseEditValues(d: CaseDetail): Record<string, string> {
  const values: Record<string, string> = {
    version: String(d.version),
    cause: d.cause,
    stage: d.stage,
    closedAt: d.closedAt ?? '',
    amountInDispute: String(d.amountInDispute),
    partyCount: String(d.partyCount),
    judgeId: d.judge?.id ?? '',
    summary: d.summary,
  };
  d.parties.forEach((p, i) => {
    values[`parties.${i}.name`] = p.name;
    values[`parties.${i}.role`] = p.role;
    if (p.vulnerable) values[`parties.${i}.vulnerable`] = '1';
  });
  return values;
}

/**
 * Editing a case's details, for its judge and the petition office: a plain form (it works without
 * JavaScript) carrying the version it was drawn from. Closed until opened, or after a refusal.
 */
export function CaseEditSection(props: { ui: Ui; detail: CaseDetail; judges: { id: string; name: string }[]; form: FormState; open: boolean; today: string }) {
  const { t } = props.ui;
  const f = props.form;
  const d = props.detail;
  const listed = Object.keys(f.values).filter((k) => /^parties\.\d+\.name$/.test(k)).length;
  return (
    <details id="case-edit" class="card" open={props.open}>
      <summary>
        <h2 class="inline">{t('case.edit')}</h2>
      </summary>
      <form method="post" action={`/cases/${d.id}/edit`} class="stack case-form" novalidate>
        <FormError message={f.formError} />
        <input type="hidden" name="version" value={f.values.version ?? String(d.version)} />
        <div class="grid-form">
          <Field id="e-cause" label={t('case.cause')} required error={f.errors.cause}>
            <TextInput id="e-cause" name="cause" form={f} required maxlength={100} />
          </Field>
          <Field id="e-stage" label={t('case.stage')} required error={f.errors.stage}>
            <Select id="e-stage" name="stage" form={f} options={CASE_STAGES.map((s) => ({ value: s, label: t(`stage.${s}` as MessageKey) }))} required />
          </Field>
          <Field id="e-closed" label={t('case.closedAt')} error={f.errors.closedAt}>
            <TextInput id="e-closed" name="closedAt" type="date" form={f} max={props.today} />
          </Field>
          <Field id="e-amount" label={t('case.amountYuan')} error={f.errors.amountInDispute}>
            <TextInput id="e-amount" name="amountInDispute" form={f} inputmode="decimal" />
          </Field>
          <Field id="e-count" label={t('case.partyCount')} error={f.errors.partyCount} hint={t('case.partyCountHint')}>
            <TextInput id="e-count" name="partyCount" form={f} inputmode="numeric" hint={t('case.partyCountHint')} />
          </Field>
          <Field id="e-judge" label={t('case.judge')} error={f.errors.judgeId}>
            <Select id="e-judge" name="judgeId" form={f} options={props.judges.map((j) => ({ value: j.id, label: j.name }))} blank="—" />
          </Field>
        </div>
        <Field id="e-summary" label={t('case.summary')} error={f.errors.summary}>
          <textarea id="e-summary" name="summary" rows={2} maxlength={2000}>
            {f.values.summary ?? ''}
          </textarea>
        </Field>
        <PartiesFieldset ui={props.ui} form={f} rows={listed + EXTRA_PARTY_ROWS} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('case.save')}
          </button>
        </div>
      </form>
    </details>
  );
}
