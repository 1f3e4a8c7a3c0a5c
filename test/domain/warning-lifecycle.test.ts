import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/domain/levels.ts';
import {
  EVENT_OF_ACTION,
  escalateOverdue,
  onAssessment,
  transition,
  type AssessmentOutcome,
  type TimelineEntry,
  type Warning,
} from '../../src/domain/warnings/lifecycle.ts';
import { WARNING_ACTIONS } from '../../src/domain/warnings/state-machine.ts';

// Shanghai 2026-11-20 10:15 and the instants around it; the review periods are 24 h per day.
const RAISED = '2026-11-20T02:15:00.000Z';
const LATER = '2026-11-21T06:40:00.000Z';
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

const BASIC_COURT = 17;
const INTERMEDIATE_COURT = 2;
const OFFICER = 'u-petition';
const LEADER = 'u-leader';
const JUDGE = 'u-judge';

/** An open red warning raised at RAISED, as the database would hold it; override what a test needs. */
function warning(changes: Partial<Warning> = {}): Warning {
  return {
    id: 'w1',
    caseId: 'c1',
    courtId: BASIC_COURT,
    state: 'open',
    level: 'red',
    score: 12,
    ownerId: null,
    leaderId: null,
    raisedAt: RAISED,
    dueAt: hoursAfter(RAISED, 24),
    escalatedAt: null,
    escalations: 0,
    outcome: null,
    reason: null,
    closedAt: null,
    levelAtClose: null,
    version: 3,
    createdAt: RAISED,
    updatedAt: RAISED,
    ...changes,
  };
}

function assessment(changes: Partial<AssessmentOutcome> = {}): AssessmentOutcome {
  return {
    caseId: 'c1',
    courtId: BASIC_COURT,
    open: null,
    lastClosed: null,
    level: 'yellow',
    score: 4,
    warn: true,
    at: LATER,
    actorId: JUDGE,
    cause: 'flag.add',
    ruleSetVersion: 2,
    newId: () => 'w-new',
    ...changes,
  };
}

/** A timeline entry with every field, the defaults being what an entry without them stores. */
function entry(e: Pick<TimelineEntry, 'at' | 'kind'> & Partial<TimelineEntry>): TimelineEntry {
  return { actorId: null, fromState: null, toState: null, fromLevel: null, toLevel: null, note: '', data: {}, ...e };
}

const why = (score: number) => ({ cause: 'flag.add', score, ruleSetVersion: 2 });

describe('onAssessment', () => {
  it.each([
    ['red', 24],
    ['orange', 72],
    ['yellow', 168],
  ] as const)('raises a %s warning at the case’s court, due %i hours later', (level, hours) => {
    let ids = 0;
    const change = onAssessment(assessment({ level, score: 9, newId: () => `w-${++ids}` }));
    expect(ids).toBe(1);
    expect(change).toEqual({
      before: null,
      after: {
        id: 'w-1',
        caseId: 'c1',
        courtId: BASIC_COURT,
        state: 'open',
        level,
        score: 9,
        ownerId: null,
        leaderId: null,
        raisedAt: LATER,
        dueAt: hoursAfter(LATER, hours),
        escalatedAt: null,
        escalations: 0,
        outcome: null,
        reason: null,
        closedAt: null,
        levelAtClose: null,
        version: 1,
        createdAt: LATER,
        updatedAt: LATER,
      },
      event: entry({ at: LATER, actorId: JUDGE, kind: 'raised', toState: 'open', toLevel: level, data: why(9) }),
    });
  });

  it('raises nothing below the warn line, and takes no id', () => {
    const newId = () => {
      throw new Error('no warning, no id');
    };
    expect(onAssessment(assessment({ level: 'blue', score: 2, warn: false, newId }))).toBeNull();
    expect(onAssessment(assessment({ level: 'none', score: 0, warn: false, newId }))).toBeNull();
  });

  it('writes a level change of the open warning to its timeline, and the deadline follows the level while open', () => {
    const open = warning({ level: 'yellow', score: 4, dueAt: hoursAfter(RAISED, 168) });
    const change = onAssessment(assessment({ open, level: 'red', score: 11 }));
    expect(change).toEqual({
      before: open,
      after: { ...open, level: 'red', score: 11, dueAt: hoursAfter(RAISED, 24), version: 4, updatedAt: LATER },
      event: entry({ at: LATER, actorId: JUDGE, kind: 'level_changed', fromLevel: 'yellow', toLevel: 'red', data: why(11) }),
    });
  });

  it('keeps a reviewed warning without a deadline when its level changes', () => {
    const reviewed = warning({ state: 'acknowledged', ownerId: OFFICER, dueAt: null });
    const change = onAssessment(assessment({ open: reviewed, level: 'orange', score: 8 }));
    expect(change?.after).toEqual({ ...reviewed, level: 'orange', score: 8, version: 4, updatedAt: LATER });
    expect(change?.event).toMatchObject({ kind: 'level_changed', fromLevel: 'red', toLevel: 'orange' });
  });

  it('does not close the open warning when the level falls below the warn line: the deadline goes with a level that has none', () => {
    const open = warning({ level: 'yellow', score: 3, dueAt: hoursAfter(RAISED, 168) });
    const change = onAssessment(assessment({ open, level: 'blue', score: 2, warn: false, cause: 'flag.withdraw' }));
    expect(change?.after).toEqual({ ...open, level: 'blue', score: 2, dueAt: null, version: 4, updatedAt: LATER });
    expect(change?.event).toEqual(
      entry({ at: LATER, actorId: JUDGE, kind: 'level_changed', fromLevel: 'yellow', toLevel: 'blue', data: { cause: 'flag.withdraw', score: 2, ruleSetVersion: 2 } }),
    );
  });

  it('keeps a changed score at the same level quietly: a new row version, no timeline entry', () => {
    const open = warning();
    expect(onAssessment(assessment({ open, level: 'red', score: 15 }))).toEqual({
      before: open,
      after: { ...open, score: 15, version: 4, updatedAt: LATER },
      event: null,
    });
    expect(onAssessment(assessment({ open, level: 'red', score: 12 }))).toBeNull();
  });

  it('keeps the review period the office above was given when an escalated warning is re-scored', () => {
    const escalatedAt = hoursAfter(RAISED, 40);
    const escalated = warning({ courtId: INTERMEDIATE_COURT, escalatedAt, escalations: 1, dueAt: hoursAfter(escalatedAt, 24) });
    const at = hoursAfter(escalatedAt, 3);
    expect(onAssessment(assessment({ open: escalated, level: 'red', score: 14, at }))?.after).toMatchObject({ dueAt: hoursAfter(escalatedAt, 24), score: 14 });
    expect(onAssessment(assessment({ open: escalated, level: 'orange', score: 9, at }))?.after).toMatchObject({ dueAt: hoursAfter(escalatedAt, 72) });
  });

  it('reopens a dismissed warning only when the level rises above its level at dismissal, counting the review afresh', () => {
    const dismissed = warning({
      state: 'dismissed',
      level: 'orange',
      score: 7,
      ownerId: OFFICER,
      dueAt: null,
      reason: '风险已消除',
      closedAt: hoursAfter(RAISED, 5),
      levelAtClose: 'orange',
    });
    const newId = () => {
      throw new Error('a reopened warning keeps its id');
    };
    expect(onAssessment(assessment({ lastClosed: dismissed, level: 'orange', score: 9, newId }))).toBeNull();
    expect(onAssessment(assessment({ lastClosed: dismissed, level: 'yellow', score: 4, newId }))).toBeNull();
    expect(onAssessment(assessment({ lastClosed: dismissed, level: 'red', score: 11, newId }))).toEqual({
      before: dismissed,
      after: {
        ...dismissed,
        state: 'open',
        level: 'red',
        score: 11,
        raisedAt: LATER,
        dueAt: hoursAfter(LATER, 24),
        closedAt: null,
        levelAtClose: null,
        reason: null,
        version: 4,
        updatedAt: LATER,
      },
      event: entry({ at: LATER, actorId: JUDGE, kind: 'auto_reopened', fromState: 'dismissed', toState: 'open', fromLevel: 'orange', toLevel: 'red', data: why(11) }),
    });
  });

  it('raises a new warning after a resolved one only when the level is higher than at resolution', () => {
    const resolved = warning({ state: 'resolved', level: 'orange', dueAt: null, outcome: 'mediated', closedAt: hoursAfter(RAISED, 30), levelAtClose: 'orange' });
    expect(onAssessment(assessment({ lastClosed: resolved, level: 'orange', score: 10 }))).toBeNull();
    const change = onAssessment(assessment({ lastClosed: resolved, level: 'red', score: 11 }));
    expect(change?.before).toBeNull();
    expect(change?.after).toMatchObject({ id: 'w-new', state: 'open', level: 'red', version: 1, raisedAt: LATER, dueAt: hoursAfter(LATER, 24) });
    expect(change?.event).toMatchObject({ kind: 'raised', toLevel: 'red' });
  });
});

describe('transition', () => {
  const AT = hoursAfter(RAISED, 3);

  it('acknowledges: names the owner, ends the review period, and writes the owner’s id', () => {
    const w = warning();
    const moved = transition(w, 'acknowledge', { ownerId: OFFICER, note: '  已联系承办法官。 ' }, AT, OFFICER);
    expect(moved).toEqual({
      ok: true,
      change: {
        before: w,
        after: { ...w, state: 'acknowledged', ownerId: OFFICER, dueAt: null, version: 4, updatedAt: AT },
        event: entry({ at: AT, actorId: OFFICER, kind: 'acknowledged', fromState: 'open', toState: 'acknowledged', note: '已联系承办法官。', data: { ownerId: OFFICER } }),
      },
    });
    expect(transition(w, 'acknowledge', { ownerId: ' ' }, AT, OFFICER)).toEqual({ ok: false, error: 'owner_required' });
  });

  it('assigns an owner without accepting the warning: it stays open and due', () => {
    const w = warning();
    const moved = transition(w, 'assign', { ownerId: 'u-other' }, AT, OFFICER);
    expect(moved.ok && moved.change.after).toEqual({ ...w, ownerId: 'u-other', version: 4, updatedAt: AT });
    expect(moved.ok && moved.change.event).toEqual(entry({ at: AT, actorId: OFFICER, kind: 'assigned', fromState: 'open', toState: 'open', data: { ownerId: 'u-other' } }));
  });

  it('names the leader in charge by id', () => {
    const w = warning({ state: 'acknowledged', ownerId: OFFICER, dueAt: null });
    const moved = transition(w, 'assign_leader', { leaderId: LEADER }, AT, LEADER);
    expect(moved.ok && moved.change.after).toEqual({ ...w, leaderId: LEADER, version: 4, updatedAt: AT });
    expect(moved.ok && moved.change.event).toEqual(
      entry({ at: AT, actorId: LEADER, kind: 'leader_assigned', fromState: 'acknowledged', toState: 'acknowledged', data: { leaderId: LEADER } }),
    );
    expect(transition(w, 'assign_leader', {}, AT, LEADER)).toEqual({ ok: false, error: 'leader_required' });
  });

  it('proposes an acknowledged warning for a meeting and withdraws the proposal', () => {
    const w = warning({ state: 'acknowledged', ownerId: OFFICER, dueAt: null });
    const proposed = transition(w, 'propose', { note: '建议提请联席会议研究' }, AT, OFFICER);
    expect(proposed.ok && proposed.change.after).toEqual({ ...w, state: 'proposed', version: 4, updatedAt: AT });
    expect(proposed.ok && proposed.change.event).toEqual(
      entry({ at: AT, actorId: OFFICER, kind: 'proposed', fromState: 'acknowledged', toState: 'proposed', note: '建议提请联席会议研究' }),
    );
    if (!proposed.ok) return;
    const back = transition(proposed.change.after, 'withdraw_proposal', {}, LATER, OFFICER);
    expect(back.ok && back.change.after).toEqual({ ...w, version: 5, updatedAt: LATER });
    expect(back.ok && back.change.event).toMatchObject({ kind: 'proposal_withdrawn', fromState: 'proposed', toState: 'acknowledged' });
  });

  it('escalates an open warning to the court above: no owner, a fresh review period, the court’s id on the timeline', () => {
    const w = warning({ ownerId: OFFICER, escalations: 0 });
    const moved = transition(w, 'escalate', { parentCourtId: INTERMEDIATE_COURT, note: '需上级法院协调' }, AT, OFFICER);
    expect(moved).toEqual({
      ok: true,
      change: {
        before: w,
        after: { ...w, courtId: INTERMEDIATE_COURT, ownerId: null, escalatedAt: AT, escalations: 1, dueAt: hoursAfter(AT, 24), version: 4, updatedAt: AT },
        event: entry({ at: AT, actorId: OFFICER, kind: 'escalated', fromState: 'open', toState: 'open', note: '需上级法院协调', data: { courtId: INTERMEDIATE_COURT } }),
      },
    });
  });

  it('escalates an acknowledged warning without giving it a deadline again', () => {
    const w = warning({ state: 'acknowledged', ownerId: OFFICER, dueAt: null, escalations: 1 });
    const moved = transition(w, 'escalate', { parentCourtId: 1 }, AT, OFFICER);
    expect(moved.ok && moved.change.after).toEqual({ ...w, courtId: 1, ownerId: null, escalatedAt: AT, escalations: 2, version: 4, updatedAt: AT });
  });

  it('refuses to escalate from the top court with no_court_above', () => {
    expect(transition(warning({ courtId: 1 }), 'escalate', { parentCourtId: null }, AT, OFFICER)).toEqual({ ok: false, error: 'no_court_above' });
    expect(transition(warning({ courtId: 1 }), 'escalate', {}, AT, OFFICER)).toEqual({ ok: false, error: 'no_court_above' });
  });

  it('dismisses only with a reason, and closes: the reason is the note, the level at closing is kept', () => {
    const w = warning({ level: 'orange', dueAt: hoursAfter(RAISED, 72) });
    expect(transition(w, 'dismiss', {}, AT, OFFICER)).toEqual({ ok: false, error: 'reason_required' });
    expect(transition(w, 'dismiss', { reason: '   ' }, AT, OFFICER)).toEqual({ ok: false, error: 'reason_required' });
    const moved = transition(w, 'dismiss', { reason: ' 经核查无信访苗头 ' }, AT, OFFICER);
    expect(moved).toEqual({
      ok: true,
      change: {
        before: w,
        after: { ...w, state: 'dismissed', dueAt: null, closedAt: AT, levelAtClose: 'orange', reason: '经核查无信访苗头', outcome: null, version: 4, updatedAt: AT },
        event: entry({ at: AT, actorId: OFFICER, kind: 'dismissed', fromState: 'open', toState: 'dismissed', note: '经核查无信访苗头' }),
      },
    });
  });

  it('resolves only with an outcome, keeping the note as the reason and the outcome code on the timeline', () => {
    const w = warning({ state: 'proposed', ownerId: OFFICER, dueAt: null });
    expect(transition(w, 'resolve', { note: '已调解' }, AT, OFFICER)).toEqual({ ok: false, error: 'outcome_required' });
    expect(transition(w, 'resolve', { outcome: 'settled' as never }, AT, OFFICER)).toEqual({ ok: false, error: 'outcome_required' });
    const moved = transition(w, 'resolve', { outcome: 'mediated', note: '达成和解协议并已履行' }, AT, OFFICER);
    expect(moved).toEqual({
      ok: true,
      change: {
        before: w,
        after: { ...w, state: 'resolved', closedAt: AT, levelAtClose: 'red', outcome: 'mediated', reason: '达成和解协议并已履行', version: 4, updatedAt: AT },
        event: entry({ at: AT, actorId: OFFICER, kind: 'resolved', fromState: 'proposed', toState: 'resolved', note: '达成和解协议并已履行', data: { outcome: 'mediated' } }),
      },
    });
  });

  it('reopens a closed warning: the closing fields cleared, the review period counted from now', () => {
    const w = warning({ state: 'resolved', ownerId: OFFICER, dueAt: null, outcome: 'petition_ceased', reason: '息诉', closedAt: AT, levelAtClose: 'red' });
    const moved = transition(w, 'reopen', { note: '当事人再次到院' }, LATER, OFFICER);
    expect(moved).toEqual({
      ok: true,
      change: {
        before: w,
        after: { ...w, state: 'open', outcome: null, reason: null, closedAt: null, levelAtClose: null, raisedAt: LATER, dueAt: hoursAfter(LATER, 24), version: 4, updatedAt: LATER },
        event: entry({ at: LATER, actorId: OFFICER, kind: 'reopened', fromState: 'resolved', toState: 'open', note: '当事人再次到院' }),
      },
    });
  });

  it('moves a warning through a meeting: scheduled, taken off, followed up, with the meeting’s ids', () => {
    const proposed = warning({ state: 'proposed', ownerId: OFFICER, dueAt: null });
    const scheduled = transition(proposed, 'schedule', { meetingId: 'm1', agendaItemId: 'a1' }, AT, 'u-coordinator');
    expect(scheduled.ok && scheduled.change.event).toEqual(
      entry({ at: AT, actorId: 'u-coordinator', kind: 'scheduled', fromState: 'proposed', toState: 'scheduled', data: { meetingId: 'm1', agendaItemId: 'a1' } }),
    );
    if (!scheduled.ok) return;
    const onAgenda = scheduled.change.after;
    expect(onAgenda).toEqual({ ...proposed, state: 'scheduled', version: 4, updatedAt: AT });
    const off = transition(onAgenda, 'unschedule', { meetingId: 'm1', agendaItemId: 'a1' }, LATER, 'u-coordinator');
    expect(off.ok && off.change.after).toMatchObject({ state: 'proposed', version: 5 });
    const followed = transition(onAgenda, 'follow_up', { meetingId: 'm1', agendaItemId: 'a1', decisionNo: 0 }, LATER, 'u-coordinator');
    expect(followed.ok && followed.change.event).toMatchObject({ kind: 'followed_up', toState: 'in_followup', data: { meetingId: 'm1', agendaItemId: 'a1', decisionNo: 0 } });
    // While on the agenda the meeting decides: no resolving around it.
    expect(transition(onAgenda, 'resolve', { outcome: 'mediated' }, LATER, OFFICER)).toEqual({ ok: false, error: 'forbidden' });
    expect(followed.ok && transition(followed.change.after, 'resolve', { outcome: 'mediated' }, LATER, OFFICER).ok).toBe(true);
  });

  it.each([
    ['open', 'propose'],
    ['open', 'resolve'],
    ['open', 'reopen'],
    ['acknowledged', 'acknowledge'],
    ['proposed', 'escalate'],
    ['scheduled', 'dismiss'],
    ['resolved', 'assign'],
    ['dismissed', 'propose'],
    ['acknowledged', 'schedule'],
    ['open', 'follow_up'],
  ] as const)('refuses %s → %s as forbidden, whatever the input', (state, action) => {
    const input = { ownerId: OFFICER, leaderId: LEADER, reason: '理由', outcome: 'mediated' as const, parentCourtId: INTERMEDIATE_COURT };
    expect(transition(warning({ state }), action, input, LATER, OFFICER)).toEqual({ ok: false, error: 'forbidden' });
  });

  it('names the timeline entry of every action', () => {
    expect(Object.keys(EVENT_OF_ACTION).sort()).toEqual([...WARNING_ACTIONS].sort());
    expect(new Set(Object.values(EVENT_OF_ACTION)).size).toBe(WARNING_ACTIONS.length);
  });
});

describe('escalateOverdue', () => {
  const due = hoursAfter(RAISED, 24);
  const RUN = '2026-11-21T18:00:00.000Z'; // 02:00 Shanghai on the day after the deadline

  it('moves an open red warning past its deadline to the court above, with a fresh day, no owner and no actor', () => {
    const w = warning({ ownerId: OFFICER });
    expect(escalateOverdue(w, INTERMEDIATE_COURT, RUN)).toEqual({
      before: w,
      after: { ...w, courtId: INTERMEDIATE_COURT, ownerId: null, escalatedAt: RUN, escalations: 1, dueAt: hoursAfter(RUN, 24), version: 4, updatedAt: RUN },
      event: entry({ at: RUN, kind: 'escalated', fromState: 'open', toState: 'open', data: { courtId: INTERMEDIATE_COURT, overdue: true, dueAt: due } }),
    });
  });

  it('does not escalate at the deadline instant itself, only after it', () => {
    expect(escalateOverdue(warning(), INTERMEDIATE_COURT, due)).toBeNull();
    expect(escalateOverdue(warning(), INTERMEDIATE_COURT, hoursAfter(due, 1 / 3600))?.after.courtId).toBe(INTERMEDIATE_COURT);
  });

  it.each<[string, Partial<Warning>]>([
    ['orange', { level: 'orange' as Level, dueAt: hoursAfter(RAISED, 72) }],
    ['acknowledged', { state: 'acknowledged', ownerId: OFFICER, dueAt: null }],
    ['proposed', { state: 'proposed', dueAt: null }],
    ['not yet due', { dueAt: hoursAfter(RUN, 1) }],
  ])('leaves a warning that is %s where it is', (_, changes) => {
    expect(escalateOverdue(warning(changes), INTERMEDIATE_COURT, RUN)).toBeNull();
  });

  it('has nowhere to send an overdue red warning of the top court', () => {
    expect(escalateOverdue(warning({ courtId: 1 }), null, RUN)).toBeNull();
  });

  it('escalates again from the court above once its fresh day has passed too', () => {
    const first = escalateOverdue(warning(), INTERMEDIATE_COURT, RUN)!.after;
    const nextRun = hoursAfter(RUN, 24);
    expect(escalateOverdue(first, 1, nextRun)).toBeNull();
    const second = escalateOverdue(first, 1, hoursAfter(nextRun, 24));
    expect(second?.after).toMatchObject({ courtId: 1, escalations: 2, escalatedAt: hoursAfter(nextRun, 24) });
    expect(second?.event?.data).toEqual({ courtId: 1, overdue: true, dueAt: hoursAfter(RUN, 24) });
  });
});
