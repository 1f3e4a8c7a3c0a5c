/**
 * 我的督办事项: open, done, cancelled; overdue first in red with the days and how many meetings
 * each was carried over; complete with a note (the version rides along; a stale one comes back
 * with the item as it is now and the note kept); the coordinator cancels, reassigns, reschedules.
 */
import { ACTION_ITEM_STATES, actionItemActionKey, actionItemStateKey, type ActionItemAction } from '../../src/domain/meetings/index.ts';
import { OwnerFields } from '../meetings/owner-fields.tsx';
import type { ActionItemList } from '../../src/services/action-items.ts';
import type { ActionItemView } from '../../src/services/meeting-present.ts';
import { Field, FormError, emptyForm, type FormState } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { CarryOvers, DueCell } from '../meetings/common.tsx';

export interface SubmittedChange {
  itemId: string;
  action: ActionItemAction;
  form: FormState;
  /** On a 409: the item as it is now. */
  current?: ActionItemView;
}

export interface ActionItemsView {
  list: ActionItemList;
  submitted?: SubmittedChange;
  notice?: string;
  /** The courts a coordinator may move a division's item to, and the people it may name. */
  courts: { id: number; name: string }[];
  people: { id: string; name: string }[];
}

export function listQuery(list: Pick<ActionItemList, 'view' | 'state'>): string {
  const p = new URLSearchParams();
  if (list.view !== 'mine') p.set('view', list.view);
  if (list.state !== 'open') p.set('state', list.state);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function ChangeForm(props: { ui: Ui; item: ActionItemView; action: ActionItemAction; view: ActionItemsView; query: string }) {
  const { t } = props.ui;
  const { item, action, view } = props;
  const submitted = view.submitted?.itemId === item.id && view.submitted.action === action ? view.submitted.form : undefined;
  const form = submitted ?? emptyForm(action === 'reschedule' ? { dueOn: item.dueOn } : action === 'reassign' ? { ownerCourtId: String(item.owner.court.id) } : {});
  const url = `/action-items/${item.id}/${action}${props.query}`;
  const id = (name: string) => `ai-${item.id}-${action}-${name}`;
  return (
    <details class="ai-change" open={submitted !== undefined}>
      <summary>{t(actionItemActionKey(action))}</summary>
      <form method="post" action={url} hx-post={url} hx-target="#action-items" hx-swap="outerHTML" class="record-form" novalidate>
        <FormError message={form.formError} />
        <input type="hidden" name="version" value={String(item.version)} />
        {action === 'complete' && (
          <Field id={id('note')} label={t('actionItem.field.note')} required error={form.errors.note}>
            <textarea id={id('note')} name="note" rows={2} maxlength={2000} required aria-invalid={form.errors.note ? 'true' : undefined}>
              {form.values.note ?? ''}
            </textarea>
          </Field>
        )}
        {action === 'cancel' && (
          <Field id={id('reason')} label={t('actionItem.field.reason')} required error={form.errors.reason}>
            <textarea id={id('reason')} name="reason" rows={2} maxlength={2000} required aria-invalid={form.errors.reason ? 'true' : undefined}>
              {form.values.reason ?? ''}
            </textarea>
          </Field>
        )}
        {action === 'reschedule' && (
          <Field id={id('due')} label={t('meeting.docx.dueOn')} required error={form.errors.dueOn}>
            <input id={id('due')} name="dueOn" type="date" value={form.values.dueOn ?? ''} required aria-invalid={form.errors.dueOn ? 'true' : undefined} />
          </Field>
        )}
        {action === 'reassign' && (
          <div class="grid-form">
            <OwnerFields ui={props.ui} idPrefix={`ai-${item.id}-reassign`} form={form} courts={view.courts} people={view.people} />
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class={action === 'cancel' ? 'btn btn-danger' : action === 'complete' ? 'btn btn-primary' : 'btn'}>
            {t(actionItemActionKey(action))}
          </button>
        </div>
      </form>
    </details>
  );
}

function Row(props: { ui: Ui; item: ActionItemView; view: ActionItemsView; query: string }) {
  const { t } = props.ui;
  const { item, view } = props;
  const conflict = view.submitted?.itemId === item.id ? view.submitted.current : undefined;
  return (
    <tr id={`ai-${item.id}`} class={item.dueStatus === 'overdue' ? 'is-overdue' : undefined}>
      <td>
        <span class="ai-text">{item.text}</span>
        <span class="sub">
          <a href={`/meetings/${item.meeting.id}`}>{item.meeting.title}</a>
          {item.caseNumber && <span class="nowrap"> · {item.caseNumber}</span>}
        </span>
        <CarryOvers t={t} count={item.carryOvers} />
      </td>
      <td>{item.owner.label}</td>
      <td>
        <DueCell t={t} item={item} />
      </td>
      <td>
        <span class="nowrap">{t(actionItemStateKey(item.state))}</span>
        {item.closedAt && <span class="sub nowrap">{dateTime(item.closedAt)} {item.closedBy?.displayName ?? ''}</span>}
        {item.note && <span class="sub">{item.note}</span>}
        {item.reason && <span class="sub">{item.reason}</span>}
      </td>
      <td class="ai-actions">
        {conflict && view.submitted && (
          <div class="alert alert-error conflict" role="alert">
            <p>{view.submitted.form.formError}</p>
            {!item.allowedActions.includes(view.submitted.action) &&
              [view.submitted.form.values.note, view.submitted.form.values.reason]
                .filter((text): text is string => !!text && text.trim() !== '')
                .map((text) => (
                  <div class="kept">
                    <p>{t('wp.conflict.kept')}</p>
                    <blockquote>{text}</blockquote>
                  </div>
                ))}
          </div>
        )}
        {item.allowedActions.map((action) => (
          <ChangeForm ui={props.ui} item={item} action={action} view={view} query={props.query} />
        ))}
      </td>
    </tr>
  );
}

/** The tabs and the table: what htmx swaps after a change. */
export function ActionItemsSection(props: { ui: Ui; view: ActionItemsView }) {
  const { t } = props.ui;
  const { list } = props.view;
  const query = listQuery(list);
  const tab = (state: (typeof ACTION_ITEM_STATES)[number]) => listQuery({ view: list.view, state });
  return (
    <div id="action-items">
      <Notice message={props.view.notice} />
      {list.canSeeScope && (
        <nav class="tabs view-switch" aria-label={t('actionItem.viewSwitch')}>
          <ul>
            {(['mine', 'scope'] as const).map((v) => (
              <li>
                <a href={`/action-items${listQuery({ view: v, state: list.state })}`} aria-current={v === list.view ? 'page' : undefined}>
                  {t(v === 'mine' ? 'actionItem.view.mine' : 'actionItem.view.scope')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <nav class="tabs" aria-label={t('actionItem.tabs')}>
        <ul>
          {ACTION_ITEM_STATES.map((state) => (
            <li>
              <a href={`/action-items${tab(state)}`} aria-current={state === list.state ? 'page' : undefined}>
                {t(actionItemStateKey(state))} <span class="tab-count">{list.counts[state]}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {list.items.length === 0 ? (
        <p class="empty">{t('actionItem.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data action-items">
            <caption class="visually-hidden">{t('nav.actionItems')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actionItem.col.text')}</th>
                <th scope="col">{t('actionItem.col.owner')}</th>
                <th scope="col">{t('actionItem.col.due')}</th>
                <th scope="col">{t('actionItem.col.state')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <Row ui={props.ui} item={item} view={props.view} query={query} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
