import type { MessageKey } from '../../src/i18n/index.ts';
import type { FactorRow } from '../../src/db/factors.ts';
import type { Ui } from '../ui.ts';

export function FactorTable(props: { ui: Ui; factors: FactorRow[] }) {
  const { t, lang } = props.ui;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('factor.code')}</th>
            <th scope="col">{t('factor.name')}</th>
            <th scope="col" class="num">
              {t('factor.points')}
            </th>
            <th scope="col">{t('factor.usuallyBy')}</th>
            <th scope="col">{t('user.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.factors.map((f) => (
            <tr>
              <td>
                <code>{f.code}</code>
              </td>
              <td>{lang === 'en' ? f.name_en : f.name_zh}</td>
              <td class="num">
                {f.forces_level ? t('flag.forcesLevel', { level: t(`level.${f.forces_level}` as MessageKey) }) : `+${f.default_points}`}
              </td>
              <td>{t(`factor.usuallyBy.${f.usually_by}` as MessageKey)}</td>
              <td>{f.active ? t('user.active') : t('user.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
