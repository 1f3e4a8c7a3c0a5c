/**
 * How the people of the demo work on warnings: a petition office that reviews most warnings
 * within their deadline (the earlier the more urgent), dismisses a few at once, lets a few slip,
 * and then follows each through — the leader named for most red ones, some proposed for a joint
 * meeting, most closed in the weeks after, a closed case's warning soon after the case.
 *
 * A red warning left unreviewed is escalated by the daily run (history.ts) and taken up by the
 * office above the next morning; that only happens where the office above has a petition officer
 * in the demo and the run falls before the data's "now", so that nothing is left overdue that the
 * app would already have moved. Each plan is drawn when a warning becomes open and waits for the
 * office; the replay draws a new one when the warning's deadline moves.
 */
import type { Level } from '../../src/domain/levels.ts';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import type { ActionInput, Warning } from '../../src/domain/warnings/lifecycle.ts';
import type { ResolutionOutcome, WarningAction } from '../../src/domain/warnings/state-machine.ts';
import { at, earlier, instantBetween, later, morningTime, nextDailyRun, officeTime, officeTimeBetween, plusDays, plusMinutes } from './clock.ts';
import type { Rng } from './random.ts';

export type PersonAction = Exclude<WarningAction, 'auto_reopen' | 'level_change'>;

/** A person's action on a warning, planned for an instant. */
export interface Step {
  at: string;
  warningId: string;
  action: PersonAction;
  input: ActionInput;
  actorId: string;
}

/** How a warning came to wait for the office. */
export type Opened = 'raised' | 'reopened' | 'relevelled' | 'escalated';

/** A worked example's fixed course: each step on a day before today, at a time of day (minutes). */
export interface ScriptedStep {
  daysAgo: number;
  minutes: number;
  action: 'acknowledge' | 'assign_leader' | 'propose';
  note?: string;
}

export interface OfficeContext {
  rng: Rng;
  today: string;
  /** The seed's own scoring: nothing happens from then on. */
  seedAt: string;
  /** The petition officer who handles a court's warnings, when the demo has one. */
  officerOf(courtId: number): string | null;
  parentOf(courtId: number): number | null;
  leaderId: string;
}

export interface Office {
  /** The steps the office takes on a warning that has just become open at `now`, all before the seed's scoring. */
  plan(w: Warning, now: string, opened: Opened): Step[];
}

/** Red warnings left to the daily run, where it can escalate them; other levels reviewed late. */
const P_LATE_RED = 0.25;
const P_LATE = 0.1;
const P_DISMISS_ON_REVIEW: Readonly<Record<Level, number>> = { red: 0, orange: 0.05, yellow: 0.15, blue: 0.5, none: 0.5 };
const P_LEADER: Readonly<Record<Level, number>> = { red: 0.7, orange: 0.3, yellow: 0.05, blue: 0, none: 0 };
const P_PROPOSE: Readonly<Record<Level, number>> = { red: 0.5, orange: 0.4, yellow: 0.1, blue: 0, none: 0 };

const ACK_NOTES = [
  '已联系承办法官了解案情，安排专人跟进。',
  '已电话联系当事人，做好释法析理和情绪疏导工作。',
  '已调阅卷宗，会同承办庭研判风险。',
  '',
];
const TAKE_UP_NOTES = [
  '下级法院逾期未研判，已接收并当日联系承办法官核实情况。',
  '已接收上报的红色预警，安排专人跟进，督促承办法院做好稳控。',
];
const PROPOSE_NOTES = [
  '当事人诉求涉及劳动、住建等多个部门，建议提请联席会议协调处理。',
  '风险等级较高，单靠法院难以化解，建议提请联席会议研究化解方案。',
  '需协调属地政府和相关部门共同做好稳控，建议提请联席会议研究。',
];
const DISMISS_ON_REVIEW = ['经核查，当事人已服判息诉，无信访苗头。', '经与承办法官核实，相关风险情形已不存在。'];
const DISMISS_LATER = ['经多次回访，当事人情绪平稳，风险已消除。', '经与承办法官核实，相关风险情形已不存在。'];
const DISMISS_CLOSED_CASE = '案件已审结，经回访当事人情绪平稳，风险已消除。';
const RESOLVE_NOTES: Readonly<Record<Exclude<ResolutionOutcome, 'other'>, string>> = {
  petition_ceased: '经多次释法明理，当事人表示服判息诉，已签署息诉罢访承诺书。',
  mediated: '经组织双方调解，达成和解协议并已履行完毕。',
  judicial_assistance: '已为当事人办理司法救助，当事人表示不再信访。',
  terminated_lawfully: '信访事项已依法终结，已与属地做好稳控衔接。',
};
const OUTCOMES: readonly (readonly [keyof typeof RESOLVE_NOTES, number])[] = [
  ['petition_ceased', 5],
  ['mediated', 3],
  ['judicial_assistance', 1],
  ['terminated_lawfully', 1],
];

/**
 * The office of one case. `slips` are the instants at which a warning became open that the office
 * lets slip: nobody reviews it, so the daily run escalates it if red, or it is overdue now. A
 * `neglected` case's warning is never reviewed at its own court, only once escalated.
 */
export function makeOffice(
  ctx: OfficeContext,
  c: { closedOn: string | null; script?: readonly ScriptedStep[]; neglected: boolean; slips: ReadonlySet<string> },
): Office {
  return {
    plan(w, now, opened) {
      // A worked example follows its script whatever happens: what is still to come of it.
      if (c.script) return scripted(ctx, w, c.script).filter((s) => s.at > now);
      if (opened !== 'escalated' && (c.neglected || c.slips.has(now))) return [];
      const officer = ctx.officerOf(w.courtId);
      const steps = officer ? planFor(ctx, c.closedOn, w, officer, now, opened) : [];
      const cut = steps.findIndex((s) => s.at >= ctx.seedAt);
      return cut < 0 ? steps : steps.slice(0, cut);
    },
  };
}

function step(w: Warning, at: string, action: PersonAction, actorId: string, input: ActionInput = {}): Step {
  return { at, warningId: w.id, action, input, actorId };
}

function scripted(ctx: OfficeContext, w: Warning, script: readonly ScriptedStep[]): Step[] {
  const officer = ctx.officerOf(w.courtId)!;
  return script.map((s) => {
    const when = at(addDays(ctx.today, -s.daysAgo), s.minutes);
    if (s.action === 'assign_leader') return step(w, when, s.action, ctx.leaderId, { leaderId: ctx.leaderId });
    return step(w, when, s.action, officer, s.action === 'acknowledge' ? { ownerId: officer, note: s.note } : { note: s.note });
  });
}

function planFor(ctx: OfficeContext, closedOn: string | null, w: Warning, officer: string, now: string, opened: Opened): Step[] {
  const { rng } = ctx;
  if (opened === 'escalated') {
    // The office above takes it up the morning of the run that moved it.
    const t = morningTime(rng, shanghaiDay(now), 11 * 60 + 30);
    return [step(w, t, 'acknowledge', officer, { ownerId: officer, note: rng.pick(TAKE_UP_NOTES) }), ...followThrough(ctx, closedOn, w, officer, t)];
  }
  const t = reviewTime(ctx, w, now, opened);
  if (t === null) return [];
  if (rng.chance(P_DISMISS_ON_REVIEW[w.level])) return [step(w, t, 'dismiss', officer, { reason: rng.pick(DISMISS_ON_REVIEW) })];
  return [step(w, t, 'acknowledge', officer, { ownerId: officer, note: rng.pick(ACK_NOTES) }), ...followThrough(ctx, closedOn, w, officer, t)];
}

/** When the office reviews a warning that became open at `now`; null when it leaves it to the daily run. */
function reviewTime(ctx: OfficeContext, w: Warning, now: string, opened: Opened): string | null {
  const { rng, seedAt } = ctx;
  const due = w.dueAt;
  if (opened !== 'relevelled' && due) {
    const parent = ctx.parentOf(w.courtId);
    const runAfterDue = nextDailyRun(due);
    if (w.level === 'red') {
      if (parent !== null && ctx.officerOf(parent) && runAfterDue < seedAt && rng.chance(P_LATE_RED)) return null;
    } else if (rng.chance(P_LATE)) {
      return officeTime(rng, addDays(shanghaiDay(due), rng.int(1, 4)));
    }
  }
  // Overdue the moment its level rose: looked at before the next daily run.
  const end = !due ? plusDays(now, 7) : due > plusMinutes(now, 30) ? due : earlier(nextDailyRun(now), seedAt);
  if (end <= plusMinutes(now, 1)) return null;
  return officeTimeBetween(rng, now, end, w.level === 'red' ? 2 : 1) ?? instantBetween(rng, now, end);
}

/** After the review: the leader, a proposal, and for most warnings closing in the weeks after. */
function followThrough(ctx: OfficeContext, closedOn: string | null, w: Warning, officer: string, reviewedAt: string): Step[] {
  const { rng } = ctx;
  const steps: Step[] = [];
  let last = reviewedAt;
  const next = (minDays: number, maxDays: number, fromDay = shanghaiDay(last)): string => {
    for (let i = 0; i < 8; i++) {
      const t = officeTime(rng, addDays(fromDay, rng.int(minDays, maxDays)));
      if (t > last) return (last = t);
    }
    return (last = plusMinutes(last, rng.int(10, 90)));
  };
  if (!w.leaderId && rng.chance(P_LEADER[w.level])) steps.push(step(w, next(0, 2), 'assign_leader', ctx.leaderId, { leaderId: ctx.leaderId }));
  const proposed = rng.chance(P_PROPOSE[w.level]);
  if (proposed) steps.push(step(w, next(1, 6), 'propose', officer, { note: rng.pick(PROPOSE_NOTES) }));
  let closeAt: string | null = null;
  let reason: string | null = null;
  if (closedOn) {
    closeAt = next(1, 12, later(closedOn, shanghaiDay(last)));
    reason = DISMISS_CLOSED_CASE;
  } else if (rng.chance(proposed ? 0.6 : 0.8)) {
    // A proposal waits for a joint meeting; most are settled there within a quarter.
    closeAt = proposed ? next(20, 90) : next(7, 90);
    reason = rng.pick(DISMISS_LATER);
  }
  if (closeAt) {
    if (proposed || rng.chance(0.65)) {
      const outcome = rng.weighted(OUTCOMES);
      steps.push(step(w, closeAt, 'resolve', officer, { outcome, note: RESOLVE_NOTES[outcome] }));
    } else {
      steps.push(step(w, closeAt, 'dismiss', officer, { reason }));
    }
  }
  return steps;
}

/** A moment a warning became open and waited for the office, as a first replay saw it. */
export interface Opening {
  caseIndex: number;
  at: string;
  opened: Opened;
  level: Level;
  dueAt: string | null;
  courtId: number;
  scripted: boolean;
  /** Whether the warning was escalated by the daily run, or is overdue now, in that replay. */
  slipped: boolean;
}

/** How many recent slips the queue should show: red ones escalated in the last weeks, others overdue now. */
const RECENT_ESCALATIONS = 2;
const RECENT_DAYS = 60;
const OVERDUE_NOW = 3;
const OVERDUE_DAYS = 10;

/**
 * Which openings the office lets slip, on top of those it let slip by chance, so that the queue
 * shows a few of each kind whatever the day: red warnings raised in the last weeks that the daily
 * run could escalate to an office above that takes them up, and yellow or orange ones that fell
 * due in the last few days. Answers, per case, the instants of the openings to let slip.
 */
export function chooseSlips(ctx: Pick<OfficeContext, 'rng' | 'seedAt' | 'officerOf' | 'parentOf'>, openings: readonly Opening[]): Map<number, Set<string>> {
  const { rng, seedAt } = ctx;
  const recent = plusDays(seedAt, -RECENT_DAYS);
  const dueSince = plusDays(seedAt, -OVERDUE_DAYS);
  const eligible = openings.filter((o) => !o.scripted && (o.opened === 'raised' || o.opened === 'reopened') && o.dueAt !== null && ctx.officerOf(o.courtId));
  const escalatable = (o: Opening) => {
    const parent = ctx.parentOf(o.courtId);
    return parent !== null && ctx.officerOf(parent) !== null && nextDailyRun(o.dueAt!) < seedAt;
  };
  const reds = eligible.filter((o) => o.level === 'red' && o.at >= recent && escalatable(o));
  const others = eligible.filter((o) => o.level !== 'red' && o.dueAt! >= dueSince && o.dueAt! < seedAt);
  const slips = new Map<number, Set<string>>();
  const take = (pool: readonly Opening[], wanted: number) => {
    const fresh = pool.filter((o) => !o.slipped);
    for (let n = wanted - pool.filter((o) => o.slipped).length; n > 0 && fresh.length > 0; n--) {
      const o = fresh.splice(rng.int(0, fresh.length - 1), 1)[0]!;
      slips.set(o.caseIndex, (slips.get(o.caseIndex) ?? new Set()).add(o.at));
    }
  };
  take(reds, RECENT_ESCALATIONS);
  take(others, OVERDUE_NOW);
  return slips;
}
