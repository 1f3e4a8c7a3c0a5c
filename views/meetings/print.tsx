/**
 * The A4 print views of the agenda and the minutes: no navigation, the court's name at the top of
 * every page (a fixed header Chromium repeats), page numbers from the @page rule, and a draft
 * mark on minutes that are not final. The same data as the .docx files.
 */
import type { Child } from 'hono/jsx';
import { divisionLabelKey, isDivision, kindLabelKey } from '../../src/domain/meetings/index.ts';
import type { MeetingPage } from '../../src/services/meetings.ts';
import type { Ui } from '../ui.ts';
import { ItemTopic, TotalsLine } from './agenda.tsx';
import { meetingTime } from './common.tsx';
import { AttendanceText, DecisionText, ActionItemList, StandardContent } from './record.tsx';

function PrintLayout(props: { ui: Ui; title: string; court: string; courtId: number; draft: boolean; back: string; children: Child }) {
  const { t } = props.ui;
  return (
    <html lang={props.ui.lang === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/print.css" />
        {/* The court's name at the top of every printed page (an @page margin box). */}
        <link rel="stylesheet" href={`/meetings/print-style/${props.courtId}${props.draft ? '?draft=1' : ''}`} />
        <script src="/static/app.js" defer></script>
      </head>
      <body class={props.draft ? 'print-view draft' : 'print-view'}>
        <div class="print-toolbar no-print">
          <a href={props.back}>{t('meeting.print.back')}</a>
          <button type="button" class="btn btn-primary" data-print>
            {t('meeting.print.print')}
          </button>
        </div>
        <header class="print-court">
          {props.court}
          {props.draft && <span class="draft-mark">{t('meeting.docx.draftMark')}</span>}
        </header>
        {props.draft && (
          <div class="watermark" aria-hidden="true">
            {t('meeting.docx.watermark')}
          </div>
        )}
        <main class="print-page">{props.children}</main>
      </body>
    </html>
  );
}

function ParticularsList(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const d = props.page.detail;
  const rows: [string, string][] = [
    [t('meeting.docx.kind'), t(kindLabelKey(d.kind))],
    [t('meeting.docx.time'), meetingTime(d.startsAt, d.plannedMinutes)],
    [t('meeting.docx.place'), d.place],
    [t('meeting.docx.videoLink'), d.videoLink],
    [t('meeting.docx.chair'), d.chair.displayName],
    [t('meeting.docx.divisions'), d.divisions.map((c) => (isDivision(c) ? t(divisionLabelKey(c)) : c)).join(t('meeting.docx.listSeparator'))],
    [t('meeting.docx.outsideUnits'), d.outsideUnits.join(t('meeting.docx.listSeparator'))],
  ];
  return (
    <dl class="facts print-facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

export function AgendaPrint(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const d = props.page.detail;
  return (
    <PrintLayout ui={props.ui} title={d.title} court={d.court.name} courtId={d.court.id} draft={false} back={`/meetings/${d.id}`}>
      <h1 class="print-title">{d.title}</h1>
      <p class="print-subtitle">{t('meeting.docx.agendaHeading')}</p>
      <ParticularsList ui={props.ui} page={props.page} />
      <h2>{t('meeting.docx.items')}</h2>
      <table class="data print-agenda">
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('meeting.docx.no')}
            </th>
            <th scope="col">{t('meeting.docx.topic')}</th>
            <th scope="col">{t('meeting.docx.presenter')}</th>
            <th scope="col" class="num">
              {t('meeting.col.minutes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {d.agenda.map((item) => (
            <tr>
              <td class="num">{item.number}</td>
              <td>
                <ItemTopic t={t} item={item} />
              </td>
              <td class="nowrap">{item.presenter?.displayName ?? ''}</td>
              <td class="num">{item.minutes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.fullView && <TotalsLine t={t} totals={d.totals} />}
      {d.agenda
        .filter((item) => item.kind !== 'warning')
        .map((item) => (
          <section class="print-section">
            <h2>{t(`meeting.standardItem.${item.kind as 'data_report'}`)}</h2>
            <StandardContent t={t} item={item} page={props.page} />
          </section>
        ))}
    </PrintLayout>
  );
}

export function MinutesPrint(props: { ui: Ui; page: MeetingPage }) {
  const { t } = props.ui;
  const d = props.page.detail;
  return (
    <PrintLayout ui={props.ui} title={d.title} court={d.court.name} courtId={d.court.id} draft={d.state !== 'minutes_final'} back={`/meetings/${d.id}`}>
      <h1 class="print-title">{d.title}</h1>
      <p class="print-subtitle">{t('meeting.docx.minutesHeading')}</p>
      <ParticularsList ui={props.ui} page={props.page} />
      {d.fullView && <AttendanceText t={t} attendance={d.attendance} recorder={d.coordinator.displayName} />}
      {d.agenda.map((item) => (
        <section class="print-section">
          <h2>
            {item.number}. <ItemTopic t={t} item={item} />
          </h2>
          {item.presenter && (
            <p>
              {t('meeting.docx.presenter')}：{item.presenter.displayName}
            </p>
          )}
          <StandardContent t={t} item={item} page={props.page} />
          <DecisionText t={t} item={item} />
          {item.actionItems.length > 0 && (
            <>
              <h3>{t('meeting.docx.actionItems')}</h3>
              <ActionItemList t={t} items={item.actionItems} empty="" />
            </>
          )}
        </section>
      ))}
      {d.finalizedAt && <p class="finalized">{t('meeting.docx.finalizedAt', { at: `${d.finalizedAt.slice(0, 10)} ${d.finalizedAt.slice(11, 16)}` })}</p>}
      {d.amendments.length > 0 && (
        <section class="print-section">
          <h2>{t('meeting.docx.amendments')}</h2>
          {d.amendments.map((a) => (
            <p>
              <strong>{t('meeting.docx.amendedBy', { at: `${a.at.slice(0, 10)} ${a.at.slice(11, 16)}`, by: a.by.displayName })}</strong>
              {a.text}
            </p>
          ))}
        </section>
      )}
    </PrintLayout>
  );
}
