import type { MessageKey } from '../../src/i18n/index.ts';
import { PARTY_ROLES } from '../../src/domain/cases.ts';
import type { FormState } from '../components/form.tsx';
import type { Ui } from '../ui.ts';

/**
 * The parties as rows of a form (`parties.{i}.name|role|vulnerable`); blank rows are ignored, so
 * the form works without JavaScript. Used by registration and by the edit form.
 */
export function PartiesFieldset(props: { ui: Ui; form: FormState; rows: number }) {
  const { t } = props.ui;
  const f = props.form;
  const roleOptions = PARTY_ROLES.map((r) => ({ value: r, label: t(`partyRole.${r}` as MessageKey) }));
  return (
    <fieldset class="parties">
      <legend>{t('case.section.parties')}</legend>
      <table class="data form-table">
        <thead>
          <tr>
            <th scope="col">{t('party.name')}</th>
            <th scope="col">{t('party.role')}</th>
            <th scope="col">{t('party.vulnerable')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: props.rows }, (_, i) => (
            <tr>
              <td>
                <input
                  name={`parties.${i}.name`}
                  value={f.values[`parties.${i}.name`] ?? ''}
                  aria-label={`${t('party.name')} ${i + 1}`}
                  maxlength={100}
                />
                {f.errors[`parties.${i}.name`] && <p class="error">{f.errors[`parties.${i}.name`]}</p>}
              </td>
              <td>
                <select name={`parties.${i}.role`} aria-label={`${t('party.role')} ${i + 1}`}>
                  {roleOptions.map((o) => (
                    <option value={o.value} selected={(f.values[`parties.${i}.role`] ?? (i === 0 ? 'plaintiff' : 'defendant')) === o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  name={`parties.${i}.vulnerable`}
                  value="1"
                  checked={f.values[`parties.${i}.vulnerable`] === '1'}
                  aria-label={`${t('party.vulnerable')} ${i + 1}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
