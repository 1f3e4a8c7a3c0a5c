/**
 * The demo's joint meetings at 兰州中院: two past meetings of each kind with final minutes and
 * action items (some done, some overdue, one carried over to two later agendas, a warning not
 * reached twice), a published meeting in a few days and a draft after it — all on days relative
 * to the load day.
 *
 * The meetings take up warnings the demo already has, where they waited acknowledged or proposed
 * (history.ts `WarningWindow`), and move them through the warning lifecycle with the same steps
 * the app takes (propose, schedule, the outcome at finalizing), so every timeline agrees with the
 * meetings. A window is used only when the steps and everything that happens to the warning later
 * still pass the state machine.
 */
import {
  defaultDueDay,
  divisionOfText,
  numberDecisions,
  notificationKey,
  publishRecipients,
  suggestTitle,
  type ItemOutcome,
  type MeetingKind,
} from '../../src/domain/meetings/index.ts';
import { levelRank } from '../../src/domain/levels.ts';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { applyAction, type ResolutionOutcome, type WarningAction, type WarningState } from '../../src/domain/warnings/state-machine.ts';
import { at, plusMinutes } from './clock.ts';
import type { SeedRow, SeedTable } from './demo.ts';
import type { MeetingStep, WarningWindow } from './history.ts';
import { makeIds } from './random.ts';

export interface MeetingCase {
  caseId: string;
  caseNumber: string;
  courtId: number;
  courtCode: string;
  category: string;
  /** The judge's username, if the case has one. */
  judge: string | null;
}

export interface MeetingsContext {
  today: string;
  seed: number;
  uid: (username: string) => string;
  /** Display name and division of a demo user. */
  userOf: (username: string) => { displayName: string; division: string; courtId: number };
  /** Every demo user, for the members of a division. */
  usernames: readonly string[];
  /** The cases, in the order of the history's subjects. */
  cases: readonly MeetingCase[];
  courtId: (code: string) => number;
}

interface PlannedItem {
  ref: string;
  id: string;
  kind: 'data_report' | 'previous_actions' | 'warning';
  caseIndex?: number;
  window?: WarningWindow;
  outcome?: ItemOutcome;
  resolutionOutcome?: ResolutionOutcome;
  decision?: string;
  presenter: string;
  minutes: number;
}

interface PlannedMeeting {
  id: string;
  kind: MeetingKind;
  day: string;
  state: 'minutes_final' | 'published' | 'draft';
  items: PlannedItem[];
  /** When the agenda was built, published, recorded and finalized. */
  buildAt: string;
  publishAt: string | null;
  recordAt: string | null;
  finalizeAt: string | null;
}

const COURT = '甘01';
const START_MINUTES = 9 * 60;
const PLANNED_MINUTES = 120;

/** The meetings, by their day relative to the load day. */
const CALENDAR: readonly { kind: MeetingKind; days: number; state: PlannedMeeting['state']; items: number }[] = [
  { kind: 'trial_enforcement', days: -75, state: 'minutes_final', items: 3 },
  { kind: 'petition', days: -68, state: 'minutes_final', items: 2 },
  { kind: 'case_coordination', days: -58, state: 'minutes_final', items: 1 },
  { kind: 'trial_enforcement', days: -44, state: 'minutes_final', items: 3 },
  { kind: 'petition', days: -36, state: 'minutes_final', items: 2 },
  { kind: 'case_coordination', days: -20, state: 'minutes_final', items: 2 },
  { kind: 'trial_enforcement', days: 5, state: 'published', items: 2 },
  { kind: 'petition', days: 12, state: 'draft', items: 1 },
];

const DECISION = {
  trial: '由承办庭牵头，会同属地街道、人社部门于十五日内组织双方调解，做好当事人释法析理和情绪疏导工作；承办法官每周向信访办报告进展。',
  enforcement: '由执行局加大财产查控力度，对被执行人开展财产调查并约谈其法定代表人；申请执行人生活确有困难的，依法启动司法救助程序。',
  resolved: '经协调，双方已达成和解协议并履行完毕，当事人签署息诉罢访承诺书，本案风险化解，予以办结。',
  withdrawn: '经研判，该案风险已明显降低，撤回上会，由信访办继续跟踪研判。',
  dataReport: '各承办部门对本期新发红色、橙色预警逐案落实包案领导；逾期未研判的预警由审判管理办公室专项督办，每周通报进展。',
  previousActions: '逾期未落实的议定事项由责任部门于十日内书面说明原因，审判管理办公室跟踪督办。',
} as const;

const ACTIONS = {
  trial: ['组织双方当事人调解，形成书面调解方案', '对原告代表开展回访，做好稳控工作'],
  enforcement: ['核查被执行人财产状况，形成书面报告', '对申请执行人开展司法救助审查'],
  office: '对当事人开展回访，及时报告信访动态',
  management: '对逾期未研判预警逐件督办，每周通报',
} as const;

const ATTENDEES = ['陈静（执行局）', '李卫东（民一庭）', '周涛（审判管理办公室）', '马丽（兰州市委政法委）'];
const OUTSIDE_UNITS = ['兰州市委政法委', '兰州市信访局', '兰州市人力资源和社会保障局'];

/** Whether the meeting's steps and everything after them pass the state machine. */
function passes(window: WarningWindow, steps: readonly { at: string; action: WarningAction }[], input: { outcome?: ResolutionOutcome }): boolean {
  let state: WarningState = window.state;
  const all = [...window.later.map((x) => ({ ...x, meeting: false })), ...steps.map((x) => ({ ...x, meeting: true }))].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.meeting === b.meeting ? 0 : a.meeting ? 1 : -1,
  );
  for (const step of all) {
    const result = applyAction(state, step.action, { ownerId: 'x', leaderId: 'x', reason: 'x', outcome: input.outcome ?? 'other' });
    if (!result.ok) return false;
    state = result.state;
  }
  return true;
}

export function demoMeetings(ctx: MeetingsContext) {
  const newId = makeIds(ctx.seed ^ 0x3ee71a9);
  const meetings: PlannedMeeting[] = CALENDAR.map((c) => {
    const day = addDays(ctx.today, c.days);
    return {
      id: newId(),
      kind: c.kind,
      day,
      state: c.state,
      items: [],
      buildAt: at(addDays(day, c.state === 'draft' ? -13 : c.state === 'published' ? -8 : -6), 10 * 60),
      publishAt: c.state === 'draft' ? null : at(addDays(day, c.state === 'published' ? -7 : -4), 9 * 60 + 30),
      recordAt: c.state === 'minutes_final' ? at(day, 9 * 60 + 40) : null,
      finalizeAt: c.state === 'minutes_final' ? at(addDays(day, 1), 16 * 60 + 30) : null,
    };
  });
  const inLanzhou = (caseIndex: number) => ctx.cases[caseIndex]!.courtCode.startsWith(COURT);
  const seedAt = at(ctx.today, 0);
  const coordinator = ctx.uid('coordinator');
  const officer = ctx.uid('petition');
  const leader = ctx.uid('leader');
  let refs = 0;
  const ref = () => `meeting-step-${++refs}`;

  /** The steps an item takes: propose (if acknowledged), schedule; then, once recorded, its leader and outcome. */
  function stepsFor(m: PlannedMeeting, item: PlannedItem, n: number, decisionNo: number | undefined): MeetingStep[] {
    const w = item.window!;
    const steps: MeetingStep[] = [];
    const base = { meetingId: m.id, agendaItemId: item.id };
    const scheduleAt = plusMinutes(m.buildAt, n * 3);
    if (w.state === 'acknowledged') steps.push({ at: plusMinutes(scheduleAt, -24 * 60), action: 'propose', input: { note: '拟提交联席会议研究协调化解方案' }, actorId: officer, ref: ref() });
    steps.push({ at: scheduleAt, action: 'schedule', input: base, actorId: coordinator, ref: item.ref });
    if (!m.finalizeAt || !m.recordAt) return steps;
    const recordAt = plusMinutes(m.recordAt, 5 + n * 7);
    const outcome = item.outcome ?? 'follow_up';
    if ((outcome === 'follow_up' || outcome === 'resolved') && w.leaderId !== leader) {
      steps.push({ at: recordAt, action: 'assign_leader', input: { ...base, leaderId: leader }, actorId: coordinator, ref: ref() });
    }
    const final = plusMinutes(m.finalizeAt, n);
    const effect = { ...base, decisionNo, note: item.decision ?? '', itemOutcome: outcome };
    const second = new Date(Date.parse(final) + 1000).toISOString();
    if (outcome === 'follow_up') steps.push({ at: final, action: 'follow_up', input: effect, actorId: coordinator, ref: ref() });
    if (outcome === 'resolved') {
      steps.push({ at: final, action: 'follow_up', input: effect, actorId: coordinator, ref: ref() });
      steps.push({ at: second, action: 'resolve', input: { ...effect, outcome: item.resolutionOutcome }, actorId: coordinator, ref: ref() });
    }
    if (outcome === 'carry_over') steps.push({ at: final, action: 'unschedule', input: effect, actorId: coordinator, ref: ref() });
    if (outcome === 'withdrawn') {
      steps.push({ at: final, action: 'unschedule', input: effect, actorId: coordinator, ref: ref() });
      steps.push({ at: second, action: 'withdraw_proposal', input: effect, actorId: coordinator, ref: ref() });
    }
    return steps;
  }

  function plan(windows: readonly WarningWindow[]): ReadonlyMap<number, readonly MeetingStep[]> {
    const used = new Set<number>();
    const waiting = (w: WarningWindow) => w.until >= seedAt && w.later.every((x) => x.action === 'level_change' || x.action === 'assign_leader');
    // Proposed ones first (they are what the pool holds), then by pool order.
    const candidates = windows
      .filter((w) => !w.scripted && inLanzhou(w.caseIndex))
      .sort((a, b) => Number(b.state === 'proposed') - Number(a.state === 'proposed') || levelRank(b.level) - levelRank(a.level) || b.score - a.score || (a.raisedAt < b.raisedAt ? -1 : 1));
    const steps = new Map<number, MeetingStep[]>();
    const add = (caseIndex: number, more: MeetingStep[]) => steps.set(caseIndex, [...(steps.get(caseIndex) ?? []), ...more]);
    /** Waiting before the agenda was built (a day more for the proposal), and still after the meeting was done with it. */
    const fits = (w: WarningWindow, m: PlannedMeeting) => w.from < plusMinutes(m.buildAt, -24 * 60 - 5) && (m.finalizeAt ? w.until > plusMinutes(m.finalizeAt, 60) : waiting(w));

    // A warning no meeting reached twice: on the first two agendas of 审执联席会议, carried over each time, and on the next one.
    const te = meetings.filter((m) => m.kind === 'trial_enforcement');
    for (const w of candidates) {
      if (!fits(w, te[0]!) || !waiting(w)) continue;
      const items = te.map((m) => warningItem(m, w, m.state === 'minutes_final' ? 'carry_over' : undefined));
      const chained = te.flatMap((m, i) => stepsFor(m, items[i]!, 0, undefined).filter((x) => i === 0 || x.action !== 'propose'));
      if (!passes(w, chained, {})) continue;
      used.add(w.caseIndex);
      te.forEach((m, i) => m.items.push(items[i]!));
      add(w.caseIndex, chained);
      break;
    }

    for (const m of meetings) {
      const wanted = CALENDAR[meetings.indexOf(m)]!.items;
      for (const w of candidates) {
        const n = m.items.length;
        if (n >= wanted) break;
        if (used.has(w.caseIndex) || !fits(w, m)) continue;
        const outcome = m.state === 'minutes_final' ? outcomeFor(m, w) : undefined;
        if (outcome === null) continue;
        const item = warningItem(m, w, outcome);
        if (!passes(w, stepsFor(m, item, n, 1), { outcome: item.resolutionOutcome })) continue;
        used.add(w.caseIndex);
        m.items.push(item);
      }
    }

    // Standard items of the regular meetings first; decisions numbered in agenda order; each item's steps with its number.
    for (const m of meetings) {
      const warnings = m.items;
      const standard: PlannedItem[] =
        m.kind === 'case_coordination'
          ? []
          : [
              { ref: ref(), id: newId(), kind: 'data_report', presenter: 'petition', minutes: 10, decision: m.state === 'minutes_final' ? DECISION.dataReport : undefined },
              {
                ref: ref(),
                id: newId(),
                kind: 'previous_actions',
                presenter: 'coordinator',
                minutes: 10,
                decision: m.state === 'minutes_final' && m !== meetings.find((x) => x.kind === m.kind) ? DECISION.previousActions : undefined,
              },
            ];
      m.items = [...standard, ...warnings];
      const numbers = new Map(numberDecisions(m.items.map((i) => ({ id: i.id, kind: i.kind, decision: i.decision }))).map((i) => [i.id, i.decisionNo]));
      warnings.forEach((item, n) => {
        if (!steps.get(item.caseIndex!)?.some((x) => x.ref === item.ref)) add(item.caseIndex!, stepsFor(m, item, n, numbers.get(item.id) ?? undefined));
      });
    }

    // The pool keeps a few: warnings the office proposes for the next meetings in the last days.
    const stillProposed = windows.filter((w) => w.state === 'proposed' && waiting(w) && !used.has(w.caseIndex)).length;
    let topUp = Math.max(0, 4 - stillProposed);
    for (const w of candidates) {
      if (topUp === 0) break;
      if (used.has(w.caseIndex) || w.state !== 'acknowledged' || !waiting(w) || w.from >= at(addDays(ctx.today, -4), 9 * 60)) continue;
      const step: MeetingStep = { at: at(addDays(ctx.today, -3), 10 * 60 + topUp), action: 'propose', input: { note: '拟提交下次联席会议研究' }, actorId: officer, ref: ref() };
      if (!passes(w, [step], {})) continue;
      used.add(w.caseIndex);
      add(w.caseIndex, [step]);
      topUp--;
    }
    return steps;
  }

  /** The outcome a past meeting gives a warning, or null when none keeps its later course valid. */
  function outcomeFor(m: PlannedMeeting, w: WarningWindow): ItemOutcome | null {
    const tryOutcome = (outcome: ItemOutcome, resolution?: ResolutionOutcome) => {
      const item = warningItem(m, w, outcome, resolution);
      return passes(w, stepsFor(m, item, 0, 1), { outcome: resolution });
    };
    const recent = m === meetings.filter((x) => x.state === 'minutes_final').at(-1);
    // The latest past meeting resolves one: only a warning nothing happens to afterwards (no later scoring either).
    if (recent && !m.items.some((i) => i.outcome === 'resolved') && w.later.length === 0 && !w.seedChanged && w.lastScoringAt < m.finalizeAt! && tryOutcome('resolved', 'mediated')) {
      return 'resolved';
    }
    if (m.kind === 'petition' && !meetings.some((x) => x.items.some((i) => i.outcome === 'withdrawn')) && tryOutcome('withdrawn')) return 'withdrawn';
    for (const outcome of ['follow_up', 'carry_over', 'withdrawn'] as const) if (tryOutcome(outcome)) return outcome;
    return null;
  }

  function warningItem(m: PlannedMeeting, w: WarningWindow, outcome?: ItemOutcome, resolution?: ResolutionOutcome): PlannedItem {
    const c = ctx.cases[w.caseIndex]!;
    const enforcement = c.category === 'enforcement';
    const decision =
      outcome === 'follow_up' ? (enforcement ? DECISION.enforcement : DECISION.trial) : outcome === 'resolved' ? DECISION.resolved : outcome === 'withdrawn' ? DECISION.withdrawn : undefined;
    return {
      ref: ref(),
      id: m.items.find((i) => i.caseIndex === w.caseIndex)?.id ?? newId(),
      kind: 'warning',
      caseIndex: w.caseIndex,
      window: w,
      outcome,
      resolutionOutcome: outcome === 'resolved' ? (resolution ?? 'mediated') : undefined,
      decision,
      presenter: c.judge && inLanzhou(w.caseIndex) ? c.judge : 'petition',
      minutes: 20,
    };
  }

  /** Every row of the meetings, once the history says which warning each step moved. */
  function rows(warningOf: ReadonlyMap<string, string>): SeedTable[] {
    const ids = makeIds(ctx.seed ^ 0x5a11e75);
    const courtId = ctx.courtId(COURT);
    const meetingRows: SeedRow[] = [];
    const items: SeedRow[] = [];
    const decisions: SeedRow[] = [];
    const attendance: SeedRow[] = [];
    const actionItems: SeedRow[] = [];
    const meetingOfItem = new Map<SeedRow, PlannedMeeting>();
    const notifications: SeedRow[] = [];
    const amendments: SeedRow[] = [];
    const carried: SeedRow[] = [];
    const carryOvers = new Map<string, number>();
    const notify = (userId: string, kind: string, meetingId: string | null, itemId: string | null, key: string, createdAt: string, readAt: string | null) =>
      notifications.push({ user_id: userId, kind, meeting_id: meetingId, action_item_id: itemId, dedupe_key: key, created_at: createdAt, read_at: readAt });
    const members = (division: string, courtOfItem: number) =>
      ctx.usernames.filter((u) => ctx.userOf(u).courtId === courtOfItem && divisionOfText(ctx.userOf(u).division) === division).map(ctx.uid);
    let itemCount = 0;

    for (const m of meetings) {
      const startsAt = at(m.day, START_MINUTES);
      const version = 1 + m.items.length + (m.publishAt ? 1 : 0) + (m.finalizeAt ? 1 + m.items.length : 0);
      meetingRows.push({
        id: m.id,
        court_id: courtId,
        kind: m.kind,
        title: suggestTitle(m.kind, startsAt, 'zh-CN'),
        state: m.state,
        starts_at: startsAt,
        planned_minutes: PLANNED_MINUTES,
        place: '第三会议室（审判综合楼四楼）',
        video_link: m.kind === 'case_coordination' ? 'https://meet.court.example/lz-01' : '',
        chair_id: ctx.uid('leader'),
        coordinator_id: coordinator,
        divisions_json: JSON.stringify(m.kind === 'petition' ? ['filing', 'petition', 'civil_1', 'enforcement'] : ['filing', 'civil_1', 'enforcement', 'petition', 'trial_management']),
        outside_units_json: JSON.stringify(m.kind === 'case_coordination' ? OUTSIDE_UNITS.slice(0, 1) : OUTSIDE_UNITS),
        cancel_reason: null,
        published_at: m.publishAt,
        held_at: m.recordAt,
        finalized_at: m.finalizeAt,
        cancelled_at: null,
        version,
        created_at: plusMinutes(m.buildAt, -60),
        updated_at: m.finalizeAt ?? m.publishAt ?? m.buildAt,
      });
      m.items.forEach((item, i) => {
        const warningId = item.kind === 'warning' ? warningOf.get(item.ref) : null;
        if (item.kind === 'warning' && !warningId) throw new Error(`meeting ${m.day}: no warning moved by ${item.ref}`);
        items.push({
          id: item.id,
          meeting_id: m.id,
          kind: item.kind,
          position: i + 1,
          warning_id: warningId ?? null,
          presenter_id: ctx.uid(item.presenter),
          minutes: item.minutes,
          open: m.state === 'minutes_final' ? 0 : 1,
          version: 2,
          created_at: m.buildAt,
          updated_at: m.buildAt,
        });
        if (item.outcome === 'carry_over' && warningId) carryOvers.set(warningId, (carryOvers.get(warningId) ?? 0) + 1);
        if (!m.recordAt || !m.finalizeAt || (!item.decision && item.kind !== 'warning')) return;
        decisions.push({
          agenda_item_id: item.id,
          meeting_id: m.id,
          text: item.decision ?? '',
          leader_id: item.kind === 'warning' && (item.outcome === 'follow_up' || item.outcome === 'resolved') ? ctx.uid('leader') : null,
          outcome: item.kind === 'warning' ? (item.outcome ?? 'follow_up') : null,
          resolution_outcome: item.resolutionOutcome ?? null,
          version: 1,
          recorded_by: coordinator,
          created_at: plusMinutes(m.recordAt, 5 + i * 7),
          updated_at: plusMinutes(m.recordAt, 5 + i * 7),
        });
        // Action items: the case's people on a followed-up warning; the management office on the figures.
        const c = item.caseIndex !== undefined ? ctx.cases[item.caseIndex]! : null;
        const texts: { text: string; ownerId: string | null; division: string | null; ownerCourt: number }[] = [];
        if (c && item.outcome === 'follow_up') {
          const kind = c.category === 'enforcement' ? 'enforcement' : 'trial';
          texts.push({ text: ACTIONS[kind][0], ownerId: c.judge ? ctx.uid(c.judge) : null, division: c.judge ? null : kind === 'enforcement' ? 'enforcement' : 'civil_1', ownerCourt: c.courtId });
          if (item.outcome === 'follow_up') texts.push({ text: i % 2 ? ACTIONS[kind][1] : ACTIONS.office, ownerId: null, division: kind === 'enforcement' ? 'enforcement' : 'petition', ownerCourt: kind === 'enforcement' ? c.courtId : courtId });
        }
        if (item.kind === 'data_report') texts.push({ text: ACTIONS.management, ownerId: null, division: 'trial_management', ownerCourt: courtId });
        for (const a of texts) {
          const id = ids();
          const createdAt = plusMinutes(m.recordAt, 30 + itemCount++);
          const row: SeedRow = {
            id,
            meeting_id: m.id,
            agenda_item_id: item.id,
            warning_id: warningId ?? null,
            court_id: courtId,
            text: a.text,
            owner_court_id: a.ownerCourt,
            owner_division: a.division,
            owner_id: a.ownerId,
            due_on: a.division === 'trial_management' ? addDays(m.day, 15) : defaultDueDay(startsAt),
            state: 'open',
            note: null,
            reason: null,
            closed_at: null,
            closed_by: null,
            overdue_at: null,
            version: 1,
            created_by: coordinator,
            created_at: createdAt,
            updated_at: createdAt,
          };
          actionItems.push(row);
          meetingOfItem.set(row, m);
        }
      });
      if (m.recordAt) {
        const present = [ctx.userOf('leader').displayName, ctx.userOf('coordinator').displayName, ctx.userOf('petition').displayName, ...ATTENDEES];
        present.forEach((name) => attendance.push({ meeting_id: m.id, name, present: 1 }));
        attendance.push({ meeting_id: m.id, name: '孙强（兰州市信访局，请假）', present: 0 });
      }
    }

    // How the action items fared: most done within their period; one of the first meeting's still open
    // (overdue, listed on two later agendas); of the others the oldest still open are overdue, one cancelled.
    const doneNotes = ['已组织双方调解并达成初步方案，当事人情绪平稳。', '已完成财产核查，形成书面报告报执行局。', '已回访当事人，未发现新的信访苗头。'];
    actionItems.forEach((a, i) => {
      const m = meetingOfItem.get(a)!;
      const due = a.due_on as string;
      const firstOfAll = m === meetings[0] && a.owner_division !== null && a.owner_division !== 'trial_management';
      const keepOpen = firstOfAll || i % 4 === 1 || due >= ctx.today;
      if (!keepOpen && i % 7 === 5) {
        Object.assign(a, { state: 'cancelled', reason: '案件已移送上级法院处理，本项不再督办。', closed_at: at(addDays(m.day, 12), 10 * 60), closed_by: coordinator, version: 2 });
      } else if (!keepOpen) {
        const doneDay = addDays(m.day, 8 + (i % 15));
        const closedAt = at(doneDay < ctx.today ? doneDay : addDays(ctx.today, -1), 15 * 60 + (i % 50));
        Object.assign(a, { state: 'done', note: doneNotes[i % doneNotes.length], closed_at: closedAt, closed_by: a.owner_id ?? coordinator, version: 2, updated_at: closedAt });
      }
      const run = at(addDays(due, 1), 2 * 60, 5);
      if (a.state === 'open' && run < seedAt) a.overdue_at = run;
    });
    // A warning whose action items are all done stays in follow-up: its page asks the office to resolve it.
    const followed = meetings.slice(1).flatMap((m) => m.items.filter((i) => i.outcome === 'follow_up' && i.window && i.window.later.length === 0));
    const prompt = followed[0];
    if (prompt) {
      for (const a of actionItems.filter((x) => x.agenda_item_id === prompt.id && x.state !== 'done')) {
        const closedAt = at(addDays(meetingOfItem.get(a)!.day, 10), 16 * 60);
        Object.assign(a, { state: 'done', note: doneNotes[0], reason: null, closed_at: closedAt, closed_by: a.owner_id ?? coordinator, overdue_at: null, version: 2, updated_at: closedAt });
      }
    }

    // The open items of earlier meetings each later agenda listed when it was published.
    for (const m of meetings.filter((x) => x.publishAt)) {
      for (const a of actionItems) {
        const from = meetingOfItem.get(a)!;
        if (from.kind !== m.kind || from.day >= m.day) continue;
        if ((a.created_at as string) < m.publishAt! && (a.closed_at === null || (a.closed_at as string) > m.publishAt!)) carried.push({ meeting_id: m.id, action_item_id: a.id as string });
      }
    }

    // Notifications as the app would have written them: the published agenda, assignments, and the daily run's.
    const upcoming = meetings.find((m) => m.state === 'published');
    if (upcoming) {
      const recipients = publishRecipients(
        {
          chairId: ctx.uid('leader'),
          items: upcoming.items.map((i) => ({ presenterId: ctx.uid(i.presenter), judgeId: i.caseIndex !== undefined && ctx.cases[i.caseIndex]!.judge ? ctx.uid(ctx.cases[i.caseIndex]!.judge!) : null, ownerId: i.window?.ownerId ?? null })),
        },
        coordinator,
      );
      for (const u of recipients) notify(u, 'meeting_published', upcoming.id, null, notificationKey.published(upcoming.id, u), upcoming.publishAt!, null);
    }
    for (const a of actionItems) {
      const owners = a.owner_id ? [a.owner_id as string] : members(a.owner_division as string, a.owner_court_id as number);
      const due = a.due_on as string;
      for (const u of owners) {
        const read = a.state !== 'open' || addDays(shanghaiDay(a.created_at as string), 20) < ctx.today;
        notify(u, 'action_item_assigned', null, a.id as string, notificationKey.assigned(a.id as string, u, 1), a.created_at as string, read ? plusMinutes(a.created_at as string, 90) : null);
        if (a.state === 'open' && a.overdue_at) notify(u, 'action_item_overdue', null, a.id as string, notificationKey.overdue(a.id as string, u, due), a.overdue_at as string, null);
        const soonFrom = addDays(due, -3);
        if (a.state === 'open' && due >= addDays(ctx.today, -1) && soonFrom <= addDays(ctx.today, -1)) {
          notify(u, 'action_item_due_soon', null, a.id as string, notificationKey.dueSoon(a.id as string, u, due), at(addDays(ctx.today, -1), 2 * 60, 5), null);
        }
      }
    }

    // A correction of the first minutes.
    const first = meetings.find((m) => m.state === 'minutes_final');
    if (first?.finalizeAt) amendments.push({ meeting_id: first.id, text: '第二项处置意见中“十五日内”更正为“十日内”。', created_by: coordinator, created_at: plusMinutes(first.finalizeAt, 3 * 24 * 60) });

    return [
      { table: 'meetings', rows: meetingRows },
      { table: 'agenda_items', rows: items },
      { table: 'decisions', rows: decisions },
      { table: 'attendance', rows: attendance },
      { table: 'action_items', rows: actionItems },
      { table: 'carried_action_items', rows: carried },
      { table: 'minutes_amendments', rows: amendments },
      { table: 'notifications', rows: notifications.filter((n) => (n.created_at as string) < seedAt).sort((a, b) => ((a.created_at as string) < (b.created_at as string) ? -1 : 1)) },
      { table: 'warnings', rows: [...carryOvers].map(([id, n]) => ({ id, carry_overs: n })), updateBy: 'id' },
    ];
  }

  return { plan, rows };
}
