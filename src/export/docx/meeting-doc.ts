/**
 * What the agenda and minutes documents are made of: plain data the service assembles from the
 * meeting (names resolved, labels translated, figures counted), so the builders need no
 * database and can be tested alone.
 */
import type { AgendaItemKind } from '../../domain/meetings/agenda.ts';
import type { Level } from '../../domain/levels.ts';

export interface DocActionItem {
  text: string;
  /** The owner division or person, as shown. */
  owner: string;
  /** Shanghai day, YYYY-MM-DD. */
  dueOn: string;
  /** For 上次会议议定事项落实情况: days past due on the meeting's day (0 or absent: not overdue). */
  daysOverdue?: number;
  /** For 上次会议议定事项落实情况: where it was decided, e.g. "2026年11月审执联席会议 · 议定事项 3". */
  source?: string | null;
}

export interface DocAgendaItem {
  kind: AgendaItemKind;
  // A warning item's case
  caseNumber?: string | null;
  cause?: string | null;
  courtName?: string | null;
  level?: Level | null;
  /** "红色预警 · 14 分", as shown. */
  levelText?: string | null;
  /** The score explanation in one line: "群体性纠纷 +5；拖欠劳动报酬（农民工工资） +4 …". */
  scoreLine?: string | null;
  /** How many earlier meetings carried it over (顺延). */
  carryOvers?: number;
  presenter?: string | null;
  minutes?: number | null;
  // A standard item's content
  /** 信访数据通报: the period it covers (Shanghai days). */
  period?: { from: string; to: string } | null;
  /** 信访数据通报: the figures, one line each. */
  lines?: readonly string[];
  // What the meeting decided (minutes)
  decisionNo?: number | null;
  decision?: string | null;
  leaderInCharge?: string | null;
  outcomeText?: string | null;
  /** The item's action items; for 上次会议议定事项落实情况, the open ones of earlier meetings. */
  actionItems?: readonly DocActionItem[];
}

export interface DocAmendment {
  /** UTC ISO instant. */
  at: string;
  by: string;
  text: string;
}

export interface MeetingDoc {
  courtName: string;
  title: string;
  kindLabel: string;
  /** UTC ISO instant; shown in Shanghai time. */
  startsAt: string;
  plannedMinutes: number;
  place?: string | null;
  videoLink?: string | null;
  chair: string;
  coordinator?: string | null;
  /** Participating divisions, as shown. */
  divisions: readonly string[];
  /** Outside units, free text. */
  outsideUnits: readonly string[];
  attendance?: { present: readonly string[]; absent: readonly string[] } | null;
  /** In agenda order, standard items first. */
  items: readonly DocAgendaItem[];
  /** Minutes only: final minutes carry no draft watermark. */
  final?: boolean;
  finalizedAt?: string | null;
  amendments?: readonly DocAmendment[];
}
