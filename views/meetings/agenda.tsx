/**
 * The agenda: in a draft, the builder — add from the pool, remove, move up and down with plain
 * forms (they work by keyboard and without JavaScript; htmx swaps the builder in place), presenter
 * and minutes per item, the running total against the planned length. Once published, read-only.
 */
import { standardItemKey } from '../../src/domain/meetings/index.ts';
import type { AgendaTotals } from '../../src/domain/meetings/agenda.ts';
import type { MeetingPage } from '../../src/services/meetings.ts';
import type { AgendaItemView } from '../../src/services/meeting-present.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { FormError, type FormState } from '../components/form.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import type { Ui } from '../ui.ts';
import { CarryOvers, PoolCase, PoolHead } from './common.tsx';
import { StandardContent } from './record.tsx';

export interface Submitted {
  /** Which form on the page: 'attendance', 'decision-{item}', 'action-{item}', 'item-{item}', 'finalize' … */
  form: string;
  state: FormState;
}

export function itemTitle(item: AgendaItemView, t: Translate): string {
  if (item.kind !== 'warning') return t(standardItemKey(item.kind));
  return [item.case?.caseNumber, item.case?.cause].filter(Boolean).join(' ');
}

/** The item's case as the agenda shows it: number and cause, level and score, court, the score in a line. */
export function ItemTopic(props: { t: Translate; item: AgendaItemView; withLink?: boolean }) {
  const { t, item } = props;
  if (item.kind !== 'warning' || !item.case || !item.warning) return <strong>{t(standardItemKey(item.kind as 'data_report'))}</strong>;
  return (
    <>
      <strong>
        {props.withLink ? (
          <a class="nowrap" href={`/warnings/${item.warning.id}`}>
            {item.case.caseNumber}
          </a>
        ) : (
          <span class="nowrap">{item.case.caseNumber}</span>
        )}{' '}
        {item.case.cause}
      </strong>
      <span class="sub">
        <LevelBadge t={t} level={item.warning.level} /> {t('wp.points', { n: item.warning.score })} · {item.case.court.name}
        <CarryOvers t={t} count={item.warning.carryOvers} />
      </span>
      {item.scoreLine && <span class="sub score-line">{t('meeting.scoreLine', { line: item.scoreLine })}</span>}
    </>
  );
}

export function TotalsLine(props: { t: Translate; totals: AgendaTotals }) {
  const { t, totals } = props;
  return (
    <p class={totals.over ? 'agenda-total over' : 'agenda-total'} id="agenda-total">
      {t('meeting.docx.totalMinutes', { allotted: totals.allotted, planned: totals.planned })}
      {totals.over ? ` ${t('meeting.docx.overBy', { minutes: -totals.remaining })}` : ` ${t('meeting.totalLeft', { minutes: totals.remaining })}`}
      {totals.unallotted > 0 && ` ${t('meeting.unallotted', { n: totals.unallotted })}`}
    </p>
  );
}

/** The up and down buttons of a warning item: two small forms, one button each. */
function MoveForms(props: { t: Translate; meetingId: string; item: AgendaItemView; first: boolean; last: boolean }) {
  const { t, item } = props;
  const url = `/meetings/${props.meetingId}/agenda/${item.id}/move`;
  const title = itemTitle(item, t);
  const button = (direction: 'up' | 'down', disabled: boolean) => (
    <form method="post" action={url} hx-post={url} hx-target="#agenda-builder" hx-swap="outerHTML" class="inline-form">
      <input type="hidden" name="direction" value={direction} />
      <button
        type="submit"
        id={`mv-${direction}-${item.id}`}
        class="btn btn-small move"
        disabled={disabled}
        aria-label={t(direction === 'up' ? 'meeting.moveUpItem' : 'meeting.moveDownItem', { item: title })}
      >
        {t(direction === 'up' ? 'meeting.moveUp' : 'meeting.moveDown')}
      </button>
    </form>
  );
  return (
    <div class="move-buttons" data-focus-fallback={`mv-${props.first ? 'down' : 'up'}-${item.id}`}>
      {button('up', props.first)}
      {button('down', props.last)}
    </div>
  );
}

function ItemSettingsForm(props: { ui: Ui; meetingId: string; item: AgendaItemView; presenters: { id: string; name: string }[]; submitted?: Submitted }) {
  const { t } = props.ui;
  const { item } = props;
  const key = `item-${item.id}`;
  const form = props.submitted?.form === key ? props.submitted.state : undefined;
  const url = `/meetings/${props.meetingId}/agenda/${item.id}`;
  const presenter = form?.values.presenterId ?? item.presenter?.id ?? '';
  const minutes = form?.values.minutes ?? (item.minutes === null ? '' : String(item.minutes));
  return (
    <form method="post" action={url} hx-post={url} hx-target="#agenda-builder" hx-swap="outerHTML" class="item-settings">
      <FormError message={form?.formError} />
      <label class="visually-hidden" for={`pr-${item.id}`}>
        {t('meeting.field.presenterOf', { item: itemTitle(item, t) })}
      </label>
      <select id={`pr-${item.id}`} name="presenterId" aria-invalid={form?.errors.presenterId ? 'true' : undefined}>
        <option value="">{t('meeting.field.noPresenter')}</option>
        {props.presenters.map((p) => (
          <option value={p.id} selected={p.id === presenter}>
            {p.name}
          </option>
        ))}
      </select>
      <label class="visually-hidden" for={`mn-${item.id}`}>
        {t('meeting.field.minutesOf', { item: itemTitle(item, t) })}
      </label>
      <input
        id={`mn-${item.id}`}
        name="minutes"
        type="number"
        min="1"
        max="480"
        inputmode="numeric"
        value={minutes}
        class="minutes"
        aria-invalid={form?.errors.minutes ? 'true' : undefined}
      />
      <span class="unit">{t('meeting.minutesUnit')}</span>
      <button type="submit" class="btn btn-small" id={`save-${item.id}`}>
        {t('meeting.saveItem')}
      </button>
      {form && Object.values(form.errors)[0] && <p class="error">{Object.values(form.errors)[0]}</p>}
    </form>
  );
}

/** The agenda table; `builder` adds the forms of a draft. */
export function AgendaTable(props: { ui: Ui; page: MeetingPage; builder: boolean; submitted?: Submitted }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const warnings = d.agenda.filter((i) => i.kind === 'warning');
  return (
    <div class="table-wrap">
      <table class="data agenda">
        <caption class="visually-hidden">{t('meeting.section.agenda')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('meeting.docx.no')}
            </th>
            <th scope="col">{t('meeting.docx.topic')}</th>
            {props.builder ? (
              <th scope="col" colspan={2}>
                {t('meeting.col.presenterAndMinutes')}
              </th>
            ) : (
              <>
                <th scope="col">{t('meeting.docx.presenter')}</th>
                <th scope="col" class="num nowrap">
                  {t('meeting.col.minutes')}
                </th>
              </>
            )}
            {props.builder && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {d.agenda.map((item) => {
            const at = warnings.findIndex((w) => w.id === item.id);
            return (
              <tr id={`agenda-${item.id}`}>
                <td class="num">{item.number}</td>
                <td>
                  <ItemTopic t={t} item={item} withLink />
                </td>
                {props.builder ? (
                  <td colspan={2}>
                    <ItemSettingsForm ui={props.ui} meetingId={d.id} item={item} presenters={props.page.options.presenters} submitted={props.submitted} />
                  </td>
                ) : (
                  <>
                    <td class="nowrap">{item.presenter?.displayName ?? '—'}</td>
                    <td class="num">{item.minutes ?? '—'}</td>
                  </>
                )}
                {props.builder && (
                  <td class="nowrap">
                    {item.kind === 'warning' ? (
                      <div class="item-actions">
                        <MoveForms t={t} meetingId={d.id} item={item} first={at === 0} last={at === warnings.length - 1} />
                        <form method="post" action={`/meetings/${d.id}/agenda/${item.id}/remove`} hx-post={`/meetings/${d.id}/agenda/${item.id}/remove`} hx-target="#agenda-builder" hx-swap="outerHTML" class="inline-form">
                          <button type="submit" class="btn btn-small btn-ghost" aria-label={t('meeting.removeItem', { item: itemTitle(item, t) })}>
                            {t('meeting.remove')}
                          </button>
                        </form>
                      </div>
                    ) : (
                      <span class="muted">{t('meeting.standardFixed')}</span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the standard items will bring to the meeting: the period's figures, the open action items of earlier meetings. */
export function StandardItems(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const standard = props.page.detail.agenda.filter((i) => i.kind !== 'warning');
  if (standard.length === 0) return null;
  return (
    <div class="standard-items">
      {standard.map((item) => (
        <section aria-labelledby={`std-${item.id}`}>
          <h3 id={`std-${item.id}`}>
            {item.number}. {itemTitle(item, t)}
          </h3>
          <StandardContent t={t} item={item} page={props.page} />
        </section>
      ))}
    </div>
  );
}

/** The builder of a draft: the agenda with its forms, the total, and the pool to add from. */
export function AgendaBuilder(props: { ui: Ui; page: MeetingPage; submitted?: Submitted; formError?: string }) {
  const { t } = props.ui;
  const d = props.page.detail;
  return (
    <section id="agenda-builder" class="card agenda-builder" aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t('meeting.section.agenda')}</h2>
      <FormError message={props.formError} />
      <AgendaTable ui={props.ui} page={props.page} builder submitted={props.submitted} />
      <TotalsLine t={t} totals={d.totals} />
      <StandardItems ui={props.ui} page={props.page} />
      {/* The publish form (top right) takes its version from here, so it follows every change of the agenda. */}
      <input type="hidden" id="publish-version" name="version" value={String(d.version)} form="publish-form" />
      <h3 id="pool-add-h">{t('meeting.pool.addTitle')}</h3>
      {props.page.pool.length === 0 ? (
        <p class="empty">{t('meeting.pool.emptyForMeeting')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data pool" aria-labelledby="pool-add-h">
            <PoolHead t={t} withActions />
            <tbody>
              {props.page.pool.map((entry) => (
                <tr>
                  <PoolCase t={t} entry={entry}>
                    <td>
                      <form method="post" action={`/meetings/${d.id}/agenda`} hx-post={`/meetings/${d.id}/agenda`} hx-target="#agenda-builder" hx-swap="outerHTML" class="inline-form">
                        <input type="hidden" name="warningId" value={entry.warningId} />
                        <button type="submit" class="btn btn-small" id={`add-${entry.warningId}`} aria-label={t('meeting.addItem', { item: `${entry.case.caseNumber} ${entry.case.cause}` })}>
                          {t('meeting.add')}
                        </button>
                      </form>
                    </td>
                  </PoolCase>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
