import type { CaseChange } from '../../src/services/case-history.ts';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';

/** What people changed on the case, newest first, each change in words. */
export function CaseHistory(props: { ui: Ui; changes: CaseChange[]; oob?: boolean }) {
  const { t } = props.ui;
  return (
    <section class="card" aria-labelledby="history-h" id="case-history" hx-swap-oob={props.oob ? 'true' : undefined}>
      <h2 id="history-h">{t('case.history.title')}</h2>
      {props.changes.length === 0 ? (
        <p class="empty">{t('case.history.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('case.history.col.at')}</th>
              <th scope="col">{t('case.history.col.by')}</th>
              <th scope="col">{t('case.history.col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {props.changes.map((c) => (
              <tr>
                <td class="nowrap">{dateTime(c.at)}</td>
                <td class="nowrap">{c.by ?? ''}</td>
                <td>
                  {c.lines.map((line) => (
                    <div>{line}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
