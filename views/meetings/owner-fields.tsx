/** Who owns an action item: a division (at a court) and/or a person — when it is set, and when a coordinator changes it. */
import { DIVISIONS, divisionLabelKey } from '../../src/domain/meetings/index.ts';
import { Field, type FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';

export function OwnerFields(props: {
  ui: Ui;
  idPrefix: string;
  form: FormState;
  courts: readonly { id: number; name: string }[];
  people: readonly { id: string; name: string }[];
  hint?: string;
}) {
  const { t } = props.ui;
  const { form } = props;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  return (
    <>
      <Field id={id('division')} label={t('meeting.field.ownerDivision')} error={form.errors.ownerDivision} hint={props.hint}>
        <select id={id('division')} name="ownerDivision" aria-invalid={form.errors.ownerDivision ? 'true' : undefined}>
          <option value="">—</option>
          {DIVISIONS.map((d) => (
            <option value={d} selected={d === form.values.ownerDivision}>
              {t(divisionLabelKey(d))}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('court')} label={t('meeting.field.ownerCourt')} error={form.errors.ownerCourtId}>
        <select id={id('court')} name="ownerCourtId">
          {props.courts.map((c) => (
            <option value={String(c.id)} selected={String(c.id) === form.values.ownerCourtId}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('person')} label={t('meeting.field.ownerPerson')} error={form.errors.ownerId}>
        <select id={id('person')} name="ownerId" aria-invalid={form.errors.ownerId ? 'true' : undefined}>
          <option value="">—</option>
          {props.people.map((p) => (
            <option value={p.id} selected={p.id === form.values.ownerId}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
