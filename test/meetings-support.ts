/** Setting up meetings for tests: proposed warnings, meetings in each state, through the app's own API. */
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { api, flagCase, insertFreshCase, userId } from './helpers.ts';

/**
 * A fresh case of the judge (城关区法院) flagged red, its warning acknowledged and proposed by the petition
 * office (`officer`: one whose scope holds the case's court, 'petition' by default).
 */
export async function proposedWarning(
  where: { courtCode?: string; typeCode?: string; judge?: string; officer?: string } = {},
): Promise<{ caseId: string; warningId: string; version: number; caseNumber: string }> {
  const officer = where.officer ?? 'petition';
  const judge = where.judge ?? (where.typeCode === '执' ? 'enforcer' : 'judge');
  const { id: caseId, number } = await insertFreshCase({ courtCode: where.courtCode, typeCode: where.typeCode }, { judgeId: userId(judge), partyCount: 12 });
  const flagged = await flagCase(caseId, ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'], judge === 'enforcer' ? 'enforcer' : where.judge ?? 'judge');
  const warningId = flagged.body.assessment.warningId as string;
  let w = await api('GET', `/warnings/${warningId}`, { as: officer });
  w = await api('POST', `/warnings/${warningId}/actions`, { as: officer, json: { action: 'acknowledge', version: w.body.version } });
  if (w.status !== 200) throw new Error(`acknowledge: ${w.status} ${JSON.stringify(w.body)}`);
  w = await api('POST', `/warnings/${warningId}/actions`, { as: officer, json: { action: 'propose', version: w.body.version, note: '建议提请联席会议研究' } });
  if (w.status !== 200) throw new Error(`propose: ${w.status} ${JSON.stringify(w.body)}`);
  return { caseId, warningId, version: w.body.version, caseNumber: number };
}

/** An instant `minutes` from now (negative: in the past), as the API takes it. */
export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

export interface MeetingOptions {
  kind?: 'trial_enforcement' | 'petition' | 'case_coordination';
  startsAt?: string;
  as?: string;
  title?: string;
}

/** A draft meeting of 兰州中院 (the coordinator's court), chaired by the High Court's leader; starts an hour ago unless told. */
export async function draftMeeting(opts: MeetingOptions = {}): Promise<{ id: string; version: number; body: any }> {
  const res = await api('POST', '/meetings', {
    as: opts.as ?? 'coordinator',
    json: {
      kind: opts.kind ?? 'case_coordination',
      ...(opts.title ? { title: opts.title } : {}),
      scheduledAt: opts.startsAt ?? inMinutes(-60),
      plannedMinutes: 90,
      place: '第三会议室',
      chairId: userId('leader'),
      participants: { divisions: ['filing', 'enforcement'], outsideUnits: ['城关区委政法委'] },
    },
  });
  if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, version: res.body.version, body: res.body };
}

/** A draft with the given warnings on its agenda (added by the meeting's coordinator). */
export async function meetingWith(warningIds: string[], opts: MeetingOptions = {}): Promise<{ id: string; body: any }> {
  const m = await draftMeeting(opts);
  let body = m.body;
  for (const warningId of warningIds) {
    const res = await api('POST', `/meetings/${m.id}/agenda`, { as: opts.as ?? 'coordinator', json: { warningId } });
    if (res.status !== 201) throw new Error(`add ${warningId}: ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body;
  }
  return { id: m.id, body };
}

/** A published meeting (started an hour ago unless told) with the warnings on its agenda. */
export async function publishedMeeting(warningIds: string[], opts: MeetingOptions = {}): Promise<{ id: string; body: any }> {
  const m = await meetingWith(warningIds, opts);
  const res = await api('POST', `/meetings/${m.id}/publish`, { as: opts.as ?? 'coordinator' });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: m.id, body: res.body };
}

/** The agenda item of a warning in a meeting's answer. */
export function itemOf(meeting: any, warningId: string): any {
  const item = meeting.agenda.find((i: any) => i.warning?.id === warningId);
  if (!item) throw new Error(`no item for ${warningId}`);
  return item;
}

export async function warningRow(id: string): Promise<{ state: string; version: number; leader_id: string | null; carry_overs: number; outcome: string | null }> {
  const row = await env.DB.prepare('SELECT state, version, leader_id, carry_overs, outcome FROM warnings WHERE id = ?').bind(id).first<any>();
  if (!row) throw new Error(`no warning ${id}`);
  return row;
}

/** Rows a request wrote: counts of the tables a refusal must leave alone. */
export async function snapshot(): Promise<Record<string, number>> {
  const tables = ['meetings', 'agenda_items', 'decisions', 'attendance', 'action_items', 'minutes_amendments', 'notifications', 'warning_events', 'audit_log', 'carried_action_items'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  const versions = await env.DB.prepare('SELECT coalesce(sum(version), 0) AS v FROM meetings').first<{ v: number }>();
  const warnings = await env.DB.prepare('SELECT coalesce(sum(version), 0) AS v FROM warnings').first<{ v: number }>();
  const items = await env.DB.prepare('SELECT coalesce(sum(version), 0) AS v FROM action_items').first<{ v: number }>();
  out.meetingVersions = versions!.v;
  out.warningVersions = warnings!.v;
  out.itemVersions = items!.v;
  return out;
}

/** A refusal writes nothing: every table a meeting touches, and every version, as before. */
export async function refusedWithoutWrites(request: () => Promise<{ status: number; body: any }>, status: number) {
  const before = await snapshot();
  const res = await request();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(await snapshot()).toEqual(before);
  return res;
}
