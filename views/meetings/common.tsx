/** Pieces the meeting pages, the action-item list and the leader's desk share. */
import type { Child } from 'hono/jsx';
import { kindLabelKey, meetingStateKey, type MeetingState } from '../../src/domain/meetings/index.ts';
import type { ActionItemView, MeetingSummary } from '../../src/services/meeting-present.ts';
import type { PoolEntryView } from '../../src/services/meetings.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { LevelBadge } from '../components/level-badge.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';

export function MeetingStateBadge(props: { t: Translate; state: MeetingState }) {
  return <span class={`m-state m-state-${props.state}`}>{props.t(meetingStateKey(props.state))}</span>;
}

/** "2026-12-03 09:00–11:00" in Shanghai time. */
export function meetingTime(startsAt: string, plannedMinutes: number): string {
  const end = new Date(Date.parse(startsAt) + plannedMinutes * 60_000 + 8 * 3600_000).toISOString();
  const start = dateTime(startsAt);
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11, 16) : `${end.slice(0, 10)} ${end.slice(11, 16)}`}`;
}

/** A list of meetings: title, kind, time, state, chair. */
export function MeetingTable(props: { ui: Ui; meetings: MeetingSummary[]; empty: string; caption: string }) {
  const { t } = props.ui;
  if (props.meetings.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table class="data meetings">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meeting.col.title')}</th>
            <th scope="col">{t('meeting.col.kind')}</th>
            <th scope="col">{t('meeting.col.time')}</th>
            <th scope="col">{t('meeting.col.state')}</th>
            <th scope="col">{t('meeting.col.chair')}</th>
            <th scope="col">{t('meeting.col.court')}</th>
          </tr>
        </thead>
        <tbody>
          {props.meetings.map((m) => (
            <tr>
              <td>
                <a href={`/meetings/${m.id}`}>{m.title}</a>
              </td>
              <td class="nowrap">{t(kindLabelKey(m.kind))}</td>
              <td class="nowrap">{meetingTime(m.startsAt, m.plannedMinutes)}</td>
              <td>
                <MeetingStateBadge t={t} state={m.state} />
              </td>
              <td class="nowrap">{m.chair.displayName}</td>
              <td>{m.court.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Due day with its status: overdue in red with the days, due soon marked. */
export function DueCell(props: { t: Translate; item: ActionItemView }) {
  const { t, item } = props;
  return (
    <>
      <span class="nowrap">{item.dueOn}</span>
      {item.dueStatus === 'overdue' && <span class="due overdue">{t('actionItem.daysOverdue', { days: item.daysOverdue })}</span>}
      {item.dueStatus === 'due_soon' && <span class="due soon">{t('actionItem.dueStatus.due_soon')}</span>}
    </>
  );
}

/** "顺延 2 次" when an item or a warning was carried over. */
export function CarryOvers(props: { t: Translate; count: number }) {
  if (!props.count) return null;
  return <span class="carry-over">{props.t('meeting.carriedOver', { count: props.count })}</span>;
}

/** A warning of the pool as one line of a table: level, case, court, who proposed it and when, the score in a line. */
export function PoolCase(props: { t: Translate; entry: PoolEntryView; children?: Child }) {
  const { t, entry } = props;
  return (
    <>
      <td class="nowrap">
        <LevelBadge t={t} level={entry.level} /> <span class="score">{t('wp.points', { n: entry.score })}</span>
        <CarryOvers t={t} count={entry.carryOvers} />
      </td>
      <td>
        <a class="nowrap" href={`/warnings/${entry.warningId}`}>
          {entry.case.caseNumber}
        </a>
        <span class="sub">{entry.case.cause}</span>
        {entry.scoreLine && <span class="sub score-line">{entry.scoreLine}</span>}
      </td>
      <td>{entry.case.court.name}</td>
      <td class="nowrap">
        {entry.proposedBy ?? '—'}
        <span class="sub">{dateTime(entry.proposedAt)}</span>
      </td>
      {props.children}
    </>
  );
}

/** The head of a pool table; the builder's has a column more, for its buttons. */
export function PoolHead(props: { t: Translate; withActions?: boolean }) {
  const { t } = props;
  return (
    <thead>
      <tr>
        <th scope="col">{t('meeting.col.level')}</th>
        <th scope="col">{t('meeting.col.case')}</th>
        <th scope="col">{t('meeting.col.court')}</th>
        <th scope="col">{t('meeting.col.proposed')}</th>
        {props.withActions && <th scope="col">{t('common.actions')}</th>}
      </tr>
    </thead>
  );
}
