/**
 * The demo's scoring and warning history, replayed through the app's own warning lifecycle
 * (src/domain/warnings/lifecycle.ts), so that every warning row and timeline entry is one the app
 * would have written.
 *
 * The app has scored every case of the demo from its registration on, under the default rule set:
 * - on registration (`case.create`, by the user who registered it), on each flag added or withdrawn
 *   (`flag.add` / `flag.withdraw`, by that user), and through the daily run on the days a
 *   `daysPending` rule may change (`daily`, its re-score just after 02:00) — each assessment goes
 *   through onAssessment, which raises, re-levels or reopens the case's warning;
 * - the daily run at 02:00 also escalates an open red warning past its deadline (escalateOverdue)
 *   to the court above;
 * - the people of the demo act on the warnings as office.ts plans it, through transition.
 * The seed itself scores every case once more at 00:00 on `today` (cause `seed`): each case's
 * current assessment, and the end of the history. It changes nothing, unless a case crosses a
 * `daysPending` boundary on `today` itself.
 *
 * Stored are the current assessment of every case and, for a case whose latest flag changed its
 * score, the assessment from just before that flag; the other assessments live on in the
 * warnings' timelines (score, cause).
 */
import { caseKind } from '../../src/domain/roles.ts';
import { caseFacts, type CaseFactsInput } from '../../src/domain/case-facts.ts';
import type { CaseCategory } from '../../src/domain/case-number.ts';
import type { CaseStage } from '../../src/domain/cases.ts';
import { petitionFacts } from '../../src/domain/petitions/case-facts.ts';
import { daysPendingBoundaries, petitionWindowDaysBack } from '../../src/domain/rules/boundaries.ts';
import { DEFAULT_RULE_SET, compileRuleSet, evaluate, matchedRuleIds, type Evaluation, type Facts } from '../../src/domain/rules/index.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from '../../src/domain/time.ts';
import {
  EVENT_OF_ACTION,
  escalateOverdue,
  isClosed,
  onAssessment,
  transition,
  type ActionInput,
  type TimelineEntry,
  type Warning,
  type WarningChange,
} from '../../src/domain/warnings/lifecycle.ts';
import type { WarningAction } from '../../src/domain/warnings/state-machine.ts';
import { DAILY_RESCORE_SECONDS, DAILY_RUN_MINUTES, at, later, nextDailyRun } from './clock.ts';
import { chooseSlips, makeOffice, type OfficeContext, type Opened, type Opening, type ScriptedStep, type Step } from './office.ts';
import { makeRng } from './random.ts';

export const DEFAULT_RULE_SET_ID = 'ruleset-default-v1';
export const DEFAULT_RULE_SET_VERSION = 1;

export const COMPILED_DEFAULT = compileRuleSet(DEFAULT_RULE_SET);
const DAILY_BOUNDARIES = daysPendingBoundaries(DEFAULT_RULE_SET);
const PETITION_WINDOWS = petitionWindowDaysBack(DEFAULT_RULE_SET);

type Row = Record<string, string | number | null>;

/** A case as the history needs it (from its rows). */
export interface Subject {
  id: string;
  caseNumber: string;
  courtId: number;
  /** The court's place in the tree ('/1/2/3/'), stored on its warnings for the queue. */
  courtPath: string;
  category: CaseCategory;
  stage: CaseStage;
  filedOn: string;
  closedOn: string | null;
  partyCount: number;
  amount: number;
  vulnerable: boolean;
  createdAt: string;
  createdBy: string | null;
  /** Each at its own instant, after the case was registered; a withdrawal after its flag. */
  flags: { factor: string; createdAt: string; createdBy: string; withdrawnAt: string | null; withdrawnBy: string | null }[];
  /** Its linked petitions, each registered with the case linked at its own instant, after the case. */
  petitions: { receivedOn: string; createdAt: string; createdBy: string | null }[];
  /** A worked example's course through the petition office, instead of a drawn one. */
  script?: readonly ScriptedStep[];
  /** Nobody at its own court reviews its warning. */
  neglected?: true;
}

interface Moment {
  at: string;
  cause: string;
  actorId: string | null;
  seed?: true;
}

interface Scored {
  moment: Moment;
  facts: Facts;
  evaluation: Evaluation;
}

/**
 * The facts at an instant: the flags active then, the petitions registered by then (counted in
 * their windows as of the day), the case open until the day it closed.
 */
function factsAt(s: Subject, day: string, active: (f: Subject['flags'][number]) => boolean, registered: (p: Subject['petitions'][number]) => boolean): Facts {
  const closed = s.closedOn !== null && s.closedOn <= day;
  const input: CaseFactsInput = {
    category: s.category,
    stage: closed || s.stage !== 'closed' ? s.stage : s.category === 'enforcement' ? 'enforcement' : 'trial',
    partyCount: s.partyCount,
    amountInDispute: s.amount,
    filedOn: s.filedOn,
    closedOn: closed ? s.closedOn : null,
    activeFactors: s.flags.filter(active).map((f) => f.factor),
    hasVulnerableParty: s.vulnerable,
    ...petitionFacts(s.petitions.filter(registered).map((p) => p.receivedOn), day),
  };
  return caseFacts(input, day);
}

function score(s: Subject, m: Moment, today: string): Scored {
  const facts = m.seed
    ? factsAt(s, today, (f) => f.withdrawnAt === null, () => true)
    : factsAt(s, shanghaiDay(m.at), (f) => f.createdAt <= m.at && !(f.withdrawnAt !== null && f.withdrawnAt <= m.at), (p) => p.createdAt <= m.at);
  return { moment: m, facts, evaluation: evaluate(COMPILED_DEFAULT, facts) };
}

/** When the app scored the case, oldest first; the seed's own scoring last. */
function momentsOf(s: Subject, seedAt: string): Moment[] {
  const moments: Moment[] = [{ at: s.createdAt, cause: 'case.create', actorId: s.createdBy }];
  for (const f of s.flags) {
    moments.push({ at: f.createdAt, cause: 'flag.add', actorId: f.createdBy });
    if (f.withdrawnAt !== null) moments.push({ at: f.withdrawnAt, cause: 'flag.withdraw', actorId: f.withdrawnBy });
  }
  for (const p of s.petitions) moments.push({ at: p.createdAt, cause: 'petition.link', actorId: p.createdBy });
  // The daily run re-scores the open cases whose daysPending crosses a boundary today, and those
  // whose petitions leave the 7- or 365-day window today (services/rescore.ts casesCrossingToday).
  const runDays = new Set([
    ...DAILY_BOUNDARIES.map((d) => addDays(s.filedOn, d)),
    // (a petition is found by the run only once it is registered)
    ...s.petitions.flatMap((p) => PETITION_WINDOWS.map((d) => addDays(p.receivedOn, d)).filter((day) => at(day, DAILY_RUN_MINUTES) > p.createdAt)),
  ]);
  for (const day of runDays) {
    const run = at(day, DAILY_RUN_MINUTES, DAILY_RESCORE_SECONDS);
    if (run > s.createdAt && run < seedAt && (s.closedOn === null || day <= s.closedOn)) moments.push({ at: run, cause: 'daily', actorId: null });
  }
  moments.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  moments.forEach((m, i) => {
    if (i > 0 && m.at === moments[i - 1]!.at) throw new Error(`${s.caseNumber}: two scorings at ${m.at}`);
  });
  return [...moments, { at: seedAt, cause: 'seed', actorId: null, seed: true }];
}

export interface CaseHistory {
  scored: Scored[];
  /** The case's warnings as they are now, oldest first. */
  warnings: Warning[];
  /** Their timeline entries in the order they were written. */
  timeline: { warningId: string; entry: TimelineEntry }[];
  /** Each time a warning became open and waited for the office. */
  openings: Opening[];
  /** The meeting steps applied, and to which warning. */
  applied: { ref: string; warningId: string }[];
}

export interface HistoryContext {
  today: string;
  seed: number;
  newId: () => string;
  officerOf(courtId: number): string | null;
  parentOf(courtId: number): number | null;
  leaderId: string;
  /**
   * Joint meetings (meetings.ts): given where each warning waited for a meeting in a first
   * replay, the steps meetings take on them (propose, schedule, the outcome), per case.
   */
  planMeetings?: (windows: readonly WarningWindow[]) => ReadonlyMap<number, readonly MeetingStep[]>;
}

/** A step a joint meeting takes on the case's current warning; `ref` names it for the meeting's rows. */
export interface MeetingStep {
  at: string;
  action: Extract<WarningAction, 'propose' | 'schedule' | 'unschedule' | 'follow_up' | 'resolve' | 'withdraw_proposal' | 'assign_leader'>;
  input: ActionInput;
  actorId: string;
  ref: string;
}

/** A stretch of time a warning spent acknowledged or proposed: where a meeting could take it up. */
export interface WarningWindow {
  caseIndex: number;
  state: 'acknowledged' | 'proposed';
  from: string;
  /** When it left that state (its next change of state), or the seed's scoring. */
  until: string;
  /** Everything that happens to it after `from`, in order, as actions of the state machine. */
  later: { at: string; action: WarningAction }[];
  level: Warning['level'];
  score: number;
  raisedAt: string;
  leaderId: string | null;
  ownerId: string | null;
  /** The case's last scoring before the seed's own (a meeting closing the warning must come after it). */
  lastScoringAt: string;
  /** Whether the seed's own scoring changed the warning. */
  seedChanged: boolean;
  scripted: boolean;
}

const ACTION_OF_EVENT = new Map(Object.entries(EVENT_OF_ACTION).map(([action, kind]) => [kind as string, action as WarningAction]));

/**
 * Replays one case: its scorings, the daily runs that could escalate its open red warning, and
 * the office's steps, in the order they happened, each through the lifecycle.
 */
export function replayCase(
  s: Subject,
  index: number,
  ctx: HistoryContext,
  slips: ReadonlySet<string> = new Set(),
  meetingSteps: readonly MeetingStep[] = [],
): CaseHistory {
  const seedAt = seedAtOf(ctx.today);
  const moments = momentsOf(s, seedAt);
  const taken = new Set(moments.map((m) => m.at));
  // A meeting's steps never at the instant of a scoring either, and in their own order.
  const extras = meetingSteps.map((x) => ({ ...x })).sort((a, b) => (a.at < b.at ? -1 : 1));
  for (const x of extras) {
    while (taken.has(x.at)) x.at = new Date(Date.parse(x.at) + 1000).toISOString();
    taken.add(x.at);
  }
  const applied: { ref: string; warningId: string }[] = [];
  // Each case draws from its own stream, so that one case's history never shifts another's.
  const officeCtx: OfficeContext = { rng: makeRng((ctx.seed ^ 0x0ff1ce) + index * 7919), today: ctx.today, seedAt, officerOf: ctx.officerOf, parentOf: ctx.parentOf, leaderId: ctx.leaderId };
  const office = makeOffice(officeCtx, { closedOn: s.closedOn, script: s.script, neglected: s.neglected ?? false, slips });
  const openings: (Opening & { warningId: string })[] = [];

  const warnings = new Map<string, Warning>();
  const timeline: CaseHistory['timeline'] = [];
  const scored: Scored[] = [];
  let steps: Step[] = [];
  let clock = '';

  const current = () => [...warnings.values()].find((w) => !isClosed(w.state)) ?? null;
  const lastClosed = () =>
    [...warnings.values()].filter((w) => isClosed(w.state)).sort((a, b) => ((a.closedAt ?? '') < (b.closedAt ?? '') ? 1 : -1))[0] ?? null;
  const apply = (change: WarningChange) => {
    warnings.set(change.after.id, change.after);
    if (change.event) timeline.push({ warningId: change.after.id, entry: change.event });
  };
  const plan = (w: Warning, now: string, opened: Opened) => {
    openings.push({ caseIndex: index, warningId: w.id, at: now, opened, level: w.level, dueAt: w.dueAt, courtId: w.courtId, scripted: !!s.script, slipped: false });
    steps = steps.filter((x) => x.warningId !== w.id);
    let previous = now;
    for (const x of office.plan(w, now, opened)) {
      if (x.at <= previous) throw new Error(`${s.caseNumber}: ${x.action} planned at ${x.at}, not after ${previous}`);
      // Never at the instant of a scoring: the order must be the same on replay.
      while (taken.has(x.at)) x.at = new Date(Date.parse(x.at) + 1000).toISOString();
      if (x.at >= seedAt) break;
      taken.add(x.at);
      steps.push(x);
      previous = x.at;
    }
    steps.sort((a, b) => (a.at < b.at ? -1 : 1));
  };
  /** The daily run that finds the open red warning overdue, if one comes before the seed's scoring. */
  const escalationRun = (): string | null => {
    const w = current();
    if (!w || w.state !== 'open' || w.level !== 'red' || !w.dueAt || ctx.parentOf(w.courtId) === null) return null;
    const run = nextDailyRun(later(w.dueAt, clock));
    return run < seedAt ? run : null;
  };

  for (const m of moments) {
    for (;;) {
      const run = escalationRun();
      const next = steps[0];
      const extra = extras[0];
      const firstAt = [next?.at, extra?.at].filter((x): x is string => x !== undefined).sort()[0];
      if (run && run < m.at && (!firstAt || run < firstAt)) {
        const w = current()!;
        const change = escalateOverdue(w, ctx.parentOf(w.courtId), run);
        if (!change) throw new Error(`${s.caseNumber}: the run at ${run} found nothing to escalate`);
        apply(change);
        clock = run;
        plan(change.after, run, 'escalated');
        continue;
      }
      if (extra && extra.at < m.at && (!next || extra.at < next.at)) {
        extras.shift();
        const w = current();
        if (!w) throw new Error(`${s.caseNumber}: meeting step ${extra.action} at ${extra.at} with no open warning`);
        const moved = transition(w, extra.action, extra.input, extra.at, extra.actorId);
        if (!moved.ok) throw new Error(`${s.caseNumber}: meeting step ${extra.action} on a ${w.state} warning at ${extra.at}: ${moved.error}`);
        apply(moved.change);
        applied.push({ ref: extra.ref, warningId: w.id });
        clock = extra.at;
        continue;
      }
      if (next && next.at < m.at) {
        steps.shift();
        const w = warnings.get(next.warningId)!;
        const moved = transition(w, next.action, next.input, next.at, next.actorId);
        if (!moved.ok) throw new Error(`${s.caseNumber}: ${next.action} on a ${w.state} warning at ${next.at}: ${moved.error}`);
        apply(moved.change);
        clock = next.at;
        continue;
      }
      break;
    }
    const result = score(s, m, ctx.today);
    scored.push(result);
    const change = onAssessment({
      caseId: s.id,
      courtId: s.courtId,
      open: current(),
      lastClosed: lastClosed(),
      level: result.evaluation.level,
      score: result.evaluation.score,
      warn: result.evaluation.warn,
      at: m.at,
      actorId: m.actorId,
      cause: m.cause,
      ruleSetVersion: DEFAULT_RULE_SET_VERSION,
      newId: ctx.newId,
    });
    clock = m.at;
    if (!change) continue;
    apply(change);
    const kind = change.event?.kind;
    if (kind === 'raised') plan(change.after, m.at, 'raised');
    else if (kind === 'auto_reopened') plan(change.after, m.at, 'reopened');
    else if (kind === 'level_changed' && change.after.state === 'open') plan(change.after, m.at, 'relevelled');
  }
  if (steps.length) throw new Error(`${s.caseNumber}: a step after the seed's scoring`);
  if (extras.length) throw new Error(`${s.caseNumber}: a meeting step after the seed's scoring`);
  for (const o of openings) {
    const w = warnings.get(o.warningId)!;
    const escalated = timeline.some((t) => t.warningId === w.id && t.entry.kind === 'escalated' && t.entry.at > o.at);
    o.slipped = escalated || (w.state === 'open' && w.dueAt !== null && w.dueAt < seedAt);
  }
  return { scored, warnings: [...warnings.values()], timeline, openings, applied };
}

/** Where each warning of a replayed case waited, acknowledged or proposed, and what happened to it next. */
function windowsOf(history: CaseHistory, caseIndex: number, s: Subject, seedAt: string): WarningWindow[] {
  const windows: WarningWindow[] = [];
  const seedScoring = history.scored[history.scored.length - 1]!;
  const lastScoringAt = history.scored.length > 1 ? history.scored[history.scored.length - 2]!.moment.at : s.createdAt;
  for (const w of history.warnings) {
    const entries = history.timeline.filter((t) => t.warningId === w.id).map((t) => t.entry);
    entries.forEach((e, i) => {
      if ((e.toState !== 'acknowledged' && e.toState !== 'proposed') || e.fromState === e.toState) return;
      const rest = entries.slice(i + 1);
      const leaving = rest.findIndex((x) => x.toState !== null && x.toState !== e.toState);
      const later = rest.flatMap((x) => {
        const action = ACTION_OF_EVENT.get(x.kind);
        return action ? [{ at: x.at, action }] : [];
      });
      windows.push({
        caseIndex,
        state: e.toState,
        from: e.at,
        until: leaving < 0 ? seedAt : rest[leaving]!.at,
        later,
        level: w.level,
        score: w.score,
        raisedAt: w.raisedAt,
        leaderId: w.leaderId,
        ownerId: w.ownerId,
        lastScoringAt,
        seedChanged: entries.some((x) => x.at === seedScoring.moment.at),
        scripted: !!s.script,
      });
    });
  }
  return windows;
}

const seedAtOf = (today: string) => shanghaiDayStart(today).toISOString();

export interface HistoryRows {
  assessments: Row[];
  caseAssessments: Row[];
  warnings: Row[];
  events: Row[];
  /** Which warning each meeting step moved (MeetingStep.ref → warning id). */
  meetingRefs: Map<string, string>;
}

/** Replays every case and renders the rows: assessments, the cases' current ones, warnings, timelines. */
export function historyRows(subjects: readonly Subject[], ctx: HistoryContext): HistoryRows {
  // A first replay (with ids of its own) shows what the office let slip by chance; a few more slips
  // are chosen so that the queue shows some whatever the day, and the second replay is the history.
  let probes = 0;
  const probe = { ...ctx, newId: () => `probe-${++probes}` };
  const openings = subjects.flatMap((s, index) => replayCase(s, index, probe).openings);
  const slips = chooseSlips({ rng: makeRng(ctx.seed ^ 0x51195), seedAt: seedAtOf(ctx.today), officerOf: ctx.officerOf, parentOf: ctx.parentOf }, openings);

  // Where meetings could take warnings up, from a replay with those slips, and what they do to them.
  let meetingSteps: ReadonlyMap<number, readonly MeetingStep[]> = new Map();
  if (ctx.planMeetings) {
    let probes2 = 0;
    const probe2 = { ...ctx, newId: () => `probe2-${++probes2}` };
    const seedAt = seedAtOf(ctx.today);
    meetingSteps = ctx.planMeetings(subjects.flatMap((s, index) => windowsOf(replayCase(s, index, probe2, slips.get(index)), index, s, seedAt)));
  }

  const out: HistoryRows = { assessments: [], caseAssessments: [], warnings: [], events: [], meetingRefs: new Map() };
  const entries: { warningId: string; entry: TimelineEntry; order: number }[] = [];
  subjects.forEach((s, index) => {
    const { scored, warnings, timeline, applied } = replayCase(s, index, ctx, slips.get(index), meetingSteps.get(index));
    for (const a of applied) out.meetingRefs.set(a.ref, a.warningId);

    // The assessment from just before the latest flag, when that flag moved the score.
    const latestFlag = scored.findLastIndex((x) => x.moment.cause === 'flag.add');
    const before = latestFlag > 0 ? scored[latestFlag - 1]! : null;
    const now = scored[scored.length - 1]!;
    for (const x of before && before.evaluation.score !== scored[latestFlag]!.evaluation.score ? [before, now] : [now]) {
      const id = ctx.newId();
      out.assessments.push({
        id,
        case_id: s.id,
        rule_set_id: DEFAULT_RULE_SET_ID,
        rule_set_version: DEFAULT_RULE_SET_VERSION,
        score: x.evaluation.score,
        level: x.evaluation.level,
        warn: x.evaluation.warn ? 1 : 0,
        facts_json: JSON.stringify(x.facts),
        matched_json: JSON.stringify(matchedRuleIds(x.evaluation)),
        // Traces are rebuilt when read (migration 0009).
        trace_json: '',
        cause: x.moment.cause,
        job_id: null,
        assessed_at: x.moment.at,
      });
      if (x === now) out.caseAssessments.push({ id: s.id, assessment_id: id, score: x.evaluation.score, level: x.evaluation.level });
    }

    for (const w of warnings) out.warnings.push(warningRow(w, s));
    timeline.forEach((t, order) => entries.push({ ...t, order }));
  });

  // Timeline ids in the order things happened, as the app's AUTOINCREMENT would have given them.
  entries.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.warningId === b.warningId ? a.order - b.order : 0));
  out.events = entries.map(({ warningId, entry: e }, i) => ({
    id: i + 1,
    warning_id: warningId,
    at: e.at,
    actor_id: e.actorId,
    kind: e.kind,
    from_state: e.fromState,
    to_state: e.toState,
    from_level: e.fromLevel,
    to_level: e.toLevel,
    note: e.note,
    data_json: JSON.stringify(e.data),
  }));
  return out;
}

/** A warning as the warnings table stores it (db/warnings.ts writes the same columns). */
function warningRow(w: Warning, s: Subject): Row {
  return {
    id: w.id,
    case_id: w.caseId,
    court_id: w.courtId,
    case_court_id: s.courtId,
    case_path: s.courtPath,
    case_kind: caseKind(s.category),
    state: w.state,
    level: w.level,
    score: w.score,
    owner_id: w.ownerId,
    leader_id: w.leaderId,
    raised_at: w.raisedAt,
    due_at: w.dueAt,
    escalated_at: w.escalatedAt,
    escalations: w.escalations,
    outcome: w.outcome,
    reason: w.reason,
    closed_at: w.closedAt,
    level_at_close: w.levelAtClose,
    version: w.version,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
  };
}
