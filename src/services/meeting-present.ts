/**
 * Meeting rows to the JSON the API answers and the pages draw: names in the reader's language,
 * Shanghai times, decisions numbered across the meeting, action items with their due status.
 */
import type { CaseCategory } from '../domain/case-number.ts';
import type { Level } from '../domain/levels.ts';
import {
  agendaTotals,
  allowedActionItemActions,
  daysOverdue,
  divisionLabelKey,
  divisionOfText,
  dueStatus,
  isDivision,
  itemOutcome,
  numberDecisions,
  type ActionItemAction,
  type ActionItemState,
  type AgendaItemKind,
  type AgendaTotals,
  type DueStatus,
  type ItemOutcome,
  type MeetingAction,
  type MeetingKind,
  type MeetingState,
} from '../domain/meetings/index.ts';
import { canSeeCase, courtInScope, may } from '../domain/roles.ts';
import { explain, type ExplainedRule, type ForcedLevel } from '../domain/rules/index.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import type { ResolutionOutcome, WarningState } from '../domain/warnings/state-machine.ts';
import type { ActionItemRow } from '../db/action-items.ts';
import type { AgendaItemRow, AmendmentRow, AttendanceRow, MeetingRow } from '../db/meetings.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { courtName, type PersonRef } from './present.ts';

export interface CourtRef {
  id: number;
  name: string;
}

export interface ActionItemOwnerView {
  division: string | null;
  divisionName: string | null;
  /** "兰州市城关区人民法院 · 执行局": the division, or the person's own division, at the owner court (for tables per division). */
  divisionLabel: string;
  court: CourtRef;
  person: PersonRef | null;
  /** "兰州市城关区人民法院 · 执行局" or the person's name. */
  label: string;
}

export interface ActionItemView {
  id: string;
  text: string;
  state: ActionItemState;
  dueOn: string;
  dueStatus: DueStatus;
  daysOverdue: number;
  carryOvers: number;
  owner: ActionItemOwnerView;
  note: string | null;
  reason: string | null;
  closedAt: string | null;
  closedBy: PersonRef | null;
  meeting: { id: string; title: string; kind: MeetingKind; startsAt: string };
  agendaItemId: string;
  warningId: string | null;
  warningState: WarningState | null;
  caseNumber: string | null;
  version: number;
  createdAt: string;
  /** What the caller may do with it now. */
  allowedActions: ActionItemAction[];
}

export interface DecisionView {
  text: string;
  number: number | null;
  leader: PersonRef | null;
  outcome: ItemOutcome;
  resolutionOutcome: ResolutionOutcome | null;
  version: number;
}

export interface AgendaItemView {
  id: string;
  kind: AgendaItemKind;
  /** 1…n in agenda order. */
  number: number;
  presenter: PersonRef | null;
  minutes: number | null;
  version: number;
  warning: {
    id: string;
    state: WarningState;
    level: Level;
    score: number;
    version: number;
    carryOvers: number;
    leader: PersonRef | null;
  } | null;
  case: { id: string; caseNumber: string; cause: string; court: CourtRef } | null;
  /** The score explanation in one line. */
  scoreLine: string | null;
  decision: DecisionView | null;
  actionItems: ActionItemView[];
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  title: string;
  state: MeetingState;
  court: CourtRef;
  startsAt: string;
  plannedMinutes: number;
  place: string;
  videoLink: string;
  chair: PersonRef;
  coordinator: PersonRef;
  version: number;
}

export interface MeetingDetail extends MeetingSummary {
  divisions: string[];
  outsideUnits: string[];
  cancelReason: string | null;
  publishedAt: string | null;
  heldAt: string | null;
  finalizedAt: string | null;
  cancelledAt: string | null;
  /** False for a judge, who sees only the items of its cases. */
  fullView: boolean;
  /** What the caller may do now (the state machine's actions, for a coordinator in scope). */
  allowedActions: MeetingAction[];
  agenda: AgendaItemView[];
  totals: AgendaTotals;
  attendance: { present: string[]; absent: string[] } | null;
  amendments: { id: number; text: string; at: string; by: PersonRef }[];
}

export interface Access {
  /** A coordinator of the meeting's court or one above. */
  coordinate: boolean;
  /** The office roles of the court or above: everything. */
  full: boolean;
}

export function meetingAccess(user: CurrentUser, row: Pick<MeetingRow, 'court_path'>): Access {
  const inScope = courtInScope(user, row.court_path);
  return { coordinate: inScope && may(user, 'coordinateMeetings'), full: inScope && may(user, 'seeMeetings') };
}

/** Whether a judge (or anyone without the full view) sees an agenda item: its case is one it sees. */
export function seesItem(user: CurrentUser, item: Pick<AgendaItemRow, 'case_court_path' | 'case_category'>): boolean {
  return item.case_court_path !== null && canSeeCase(user, { courtPath: item.case_court_path, category: item.case_category as CaseCategory });
}

/** The catalog division the user's own division (free text) stands for. */
export function userDivision(user: Pick<CurrentUser, 'division'>): string | null {
  return divisionOfText(user.division);
}

const person = (id: string | null, name: string | null): PersonRef | null => (id ? { id, displayName: name ?? '' } : null);

export function meetingSummary(row: MeetingRow, lang: Lang): MeetingSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    court: { id: row.court_id, name: courtName({ name: row.court_name, name_en: row.court_name_en }, lang) },
    startsAt: shanghaiIso(row.starts_at),
    plannedMinutes: row.planned_minutes,
    place: row.place,
    videoLink: row.video_link,
    chair: { id: row.chair_id, displayName: row.chair_name },
    coordinator: { id: row.coordinator_id, displayName: row.coordinator_name },
    version: row.version,
  };
}

/** "兰州市城关区人民法院 · 执行局", or the person. */
export function ownerView(row: ActionItemRow, lang: Lang, t: Translate): ActionItemOwnerView {
  const court = { id: row.owner_court_id, name: courtName({ name: row.owner_court_name, name_en: row.owner_court_name_en }, lang) };
  const divisionName = row.owner_division && isDivision(row.owner_division) ? t(divisionLabelKey(row.owner_division)) : row.owner_division;
  const p = person(row.owner_id, row.owner_name);
  const label = p ? (divisionName ? `${p.displayName}（${divisionName}）` : p.displayName) : t('actionItem.ownerDivision', { court: court.name, division: divisionName ?? '' });
  const personDivision = row.owner_person_division ? divisionOfText(row.owner_person_division) : null;
  const ofDivision = divisionName ?? (personDivision ? t(divisionLabelKey(personDivision)) : row.owner_person_division || p?.displayName || '');
  return { division: row.owner_division, divisionName, divisionLabel: t('actionItem.ownerDivision', { court: court.name, division: ofDivision }), court, person: p, label };
}

/** Who may change an action item: complete — its owner (the person, or its division at its court) and coordinators in scope; the rest — coordinators. */
export function actionItemActionsFor(user: CurrentUser, row: ActionItemRow, ownerDivision: string | null): ActionItemAction[] {
  const coordinator = may(user, 'coordinateMeetings') && courtInScope(user, row.court_path);
  const owner = row.owner_id === user.id || (row.owner_division !== null && row.owner_division === ownerDivision && row.owner_court_id === user.courtId);
  return allowedActionItemActions(row.state).filter((a) => coordinator || (a === 'complete' && owner));
}

export function actionItemView(row: ActionItemRow, user: CurrentUser, ctx: { today: string; lang: Lang; t: Translate; userDivision: string | null }): ActionItemView {
  return {
    id: row.id,
    text: row.text,
    state: row.state,
    dueOn: row.due_on,
    dueStatus: dueStatus({ state: row.state, dueOn: row.due_on }, ctx.today),
    daysOverdue: row.state === 'open' ? daysOverdue(row.due_on, ctx.today) : 0,
    carryOvers: row.carry_overs,
    owner: ownerView(row, ctx.lang, ctx.t),
    note: row.note,
    reason: row.reason,
    closedAt: row.closed_at ? shanghaiIso(row.closed_at) : null,
    closedBy: person(row.closed_by, row.closed_by_name),
    meeting: { id: row.meeting_id, title: row.meeting_title, kind: row.meeting_kind, startsAt: shanghaiIso(row.meeting_starts_at) },
    agendaItemId: row.agenda_item_id,
    warningId: row.warning_id,
    warningState: row.w_state,
    caseNumber: row.case_number,
    version: row.version,
    createdAt: shanghaiIso(row.created_at),
    allowedActions: actionItemActionsFor(user, row, ctx.userDivision),
  };
}

/** The case's score explanation as one line: "群体性纠纷 +5；拖欠劳动报酬（农民工工资） +4 …". */
export function scoreLine(row: { a_score: number | null; a_level: Level | null; a_warn: number | null; a_matched_rules: string | null }, lang: Lang): string | null {
  if (row.a_matched_rules === null || row.a_score === null || row.a_level === null) return null;
  const rules = matchedRules(row.a_matched_rules);
  return explain({ score: row.a_score, level: row.a_level, warn: row.a_warn === 1, trace: { rules } }, lang).text || null;
}

type StoredRule = { label: string; labelEn: string | null; points: number | null; level: ForcedLevel | null };

/** The matched rules as read from the rule set's document: a rule without points adds 0, one without a level forces none. */
function matchedRules(json: string): ExplainedRule[] {
  return (JSON.parse(json) as StoredRule[]).map((r) => ({
    matched: true,
    label: r.label,
    labelEn: r.labelEn ?? undefined,
    points: r.points ?? 0,
    level: r.level ?? undefined,
  }));
}

export interface DetailInput {
  row: MeetingRow;
  items: AgendaItemRow[];
  actionItems: ActionItemRow[];
  attendance: AttendanceRow[];
  amendments: AmendmentRow[];
  access: Access;
  allowed: MeetingAction[];
}

/** The meeting as its reader may see it: a judge gets the particulars and the items of its cases only. */
export function meetingDetail(input: DetailInput, user: CurrentUser, lang: Lang, t: Translate, now = new Date()): MeetingDetail {
  const { row, access } = input;
  const today = shanghaiDay(now);
  const ctx = { today, lang, t, userDivision: userDivision(user) };
  const numbered = numberDecisions(input.items.map((item) => ({ ...item, decision: item.d_text })));
  const visible = numbered
    .map((item, i) => ({ item, number: i + 1 }))
    .filter(({ item }) => access.full || (item.kind === 'warning' && seesItem(user, item)));
  const agenda: AgendaItemView[] = visible.map(({ item, number }) => ({
    id: item.id,
    kind: item.kind,
    number,
    presenter: person(item.presenter_id, item.presenter_name),
    minutes: item.minutes,
    version: item.version,
    warning:
      item.warning_id && item.w_state && item.w_level
        ? {
            id: item.warning_id,
            state: item.w_state,
            level: item.w_level,
            score: item.w_score ?? 0,
            version: item.w_version ?? 0,
            carryOvers: item.w_carry_overs ?? 0,
            leader: person(item.w_leader_id, item.w_leader_name),
          }
        : null,
    case:
      item.case_id && item.case_number
        ? {
            id: item.case_id,
            caseNumber: item.case_number,
            cause: item.case_cause ?? '',
            court: { id: item.case_court_id ?? 0, name: courtName({ name: item.case_court_name ?? '', name_en: item.case_court_name_en }, lang) },
          }
        : null,
    scoreLine: scoreLine(item, lang),
    decision:
      item.d_version !== null
        ? {
            text: item.d_text ?? '',
            number: item.decisionNo,
            leader: person(item.d_leader_id, item.d_leader_name),
            outcome: itemOutcome(item.d_outcome),
            resolutionOutcome: item.d_resolution_outcome,
            version: item.d_version,
          }
        : null,
    actionItems: input.actionItems.filter((a) => a.agenda_item_id === item.id).map((a) => actionItemView(a, user, ctx)),
  }));
  const present = input.attendance.filter((a) => a.present === 1).map((a) => a.name);
  const absent = input.attendance.filter((a) => a.present === 0).map((a) => a.name);
  return {
    ...meetingSummary(row, lang),
    divisions: parseList(row.divisions_json),
    outsideUnits: parseList(row.outside_units_json),
    cancelReason: row.cancel_reason,
    publishedAt: row.published_at ? shanghaiIso(row.published_at) : null,
    heldAt: row.held_at ? shanghaiIso(row.held_at) : null,
    finalizedAt: row.finalized_at ? shanghaiIso(row.finalized_at) : null,
    cancelledAt: row.cancelled_at ? shanghaiIso(row.cancelled_at) : null,
    fullView: access.full,
    allowedActions: access.coordinate ? input.allowed : [],
    agenda,
    totals: agendaTotals(agenda, row.planned_minutes),
    attendance: access.full && input.attendance.length ? { present, absent } : null,
    amendments: access.full
      ? input.amendments.map((a) => ({ id: a.id, text: a.text, at: shanghaiIso(a.created_at), by: { id: a.created_by, displayName: a.created_by_name } }))
      : [],
  };
}

export function parseList(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
