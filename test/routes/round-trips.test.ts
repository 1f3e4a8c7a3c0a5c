import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, insertCase, seedWorld, userId } from '../helpers.ts';
import { draftMeeting, inMinutes, itemOf, meetingWith, proposedWarning, publishedMeeting } from '../meetings-support.ts';
import { roundTrips } from '../round-trips.ts';

/**
 * The round-trip budget (D1 is across the network): every page GET at most 3 round trips
 * including sign-in, every write at most 5 including the re-render. Counted with a wrapper
 * around the D1 binding, so a feature that adds a query to a hot path fails here.
 */
const PAGE_BUDGET = 3;
const WRITE_BUDGET = 5;

let serial = 4000;
async function caseWithWarning(): Promise<{ caseId: string; warningId: string; version: number }> {
  const caseId = await insertCase(`（2026）甘0102民初${serial++}号`, { judgeId: userId('judge') });
  await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'THREAT_PETITION' } });
  const res = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' } });
  const w = await api('GET', `/warnings/${res.body.assessment.warningId}`, { as: 'petition' });
  return { caseId, warningId: w.body.id, version: w.body.version };
}

beforeAll(seedWorld);

let petitionSerial = 0;
/** A petition of 甘01's office, linked to a case when given. */
async function registerPetition(caseNumber?: string): Promise<{ id: string; version: number }> {
  const res = await api('POST', '/petitions', {
    as: 'petition',
    json: { channel: 'visit', receivedOn: '2026-01-05', courtId: 2, persons: 1, petitionerName: `往返某${++petitionSerial}`, complaintType: 'judgment', ...(caseNumber ? { caseNumber } : {}) },
  });
  return { id: res.body.petition.id, version: res.body.petition.version };
}

describe('pages stay within 3 round trips, sign-in included', () => {
  it.each([
    ['the judge’s case list', '/cases', 'judge'],
    ['a case search', '/cases?q=借贷&stage=trial', 'petition'],
    ['the warning queue', '/warnings', 'petition'],
    ['the queue, overdue red, page 2', '/warnings?status=all&level=red&overdue=1&page=2', 'petition'],
    ['the rule sets', '/admin/rulesets', 'admin'],
    ['the users', '/admin/users', 'admin'],
    ['the audit trail', '/audit', 'leader'],
    ['the petition register', '/petitions', 'petition'],
    ['the register, filtered', '/petitions?channel=visit&linked=unlinked&from=2026-01-01&to=2026-12-31&complaintType=judgment&page=2', 'petition'],
    ['the registration form', '/petitions/new', 'petition'],
    ['the statistics', '/stats?from=2018-01-01&to=2018-09-30', 'leader'],
    ['the statistics of a court below', '/stats?courtId=2', 'leader'],
    ['the statistics’ print view', '/stats/print', 'coordinator'],
    ['the statistics CSV', '/stats.csv', 'leader'],
    ['the backtest', '/backtest', 'admin'],
    ['the statistics API', '/api/v1/stats?from=2025-01-01&to=2025-12-31', 'leader'],
    ['the backtest API', '/api/v1/backtest', 'leader'],
    ['the register API', '/api/v1/petitions?linked=linked', 'petition'],
  ])('%s', async (_name, path, as) => {
    const res = await roundTrips(path, { as });
    expect(res.status).toBe(200);
    expect(res.trips).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('a case page and a warning page', async () => {
    const { caseId, warningId } = await caseWithWarning();
    for (const path of [`/cases/${caseId}`, `/warnings/${warningId}`]) {
      const res = await roundTrips(path, { as: 'petition' });
      expect(res.status, path).toBe(200);
      expect(res.trips, path).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });

  it('a petition’s page, its edit form, and the API’s petition', async () => {
    const { id } = await registerPetition();
    for (const path of [`/petitions/${id}`, `/petitions/${id}/edit`, `/api/v1/petitions/${id}`]) {
      const res = await roundTrips(path, { as: 'petition' });
      expect(res.status, path).toBe(200);
      expect(res.trips, path).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });

  it('the API reads', async () => {
    const { caseId, warningId } = await caseWithWarning();
    for (const path of ['/api/v1/cases', `/api/v1/cases/${caseId}`, `/api/v1/cases/${caseId}/assessment`, '/api/v1/warnings', `/api/v1/warnings/${warningId}`, '/api/v1/me']) {
      const res = await roundTrips(path, { as: 'petition' });
      expect(res.status, path).toBe(200);
      expect(res.trips, path).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });
});

describe('writes stay within 5 round trips, the re-render included', () => {
  it('flagging a case with htmx, and withdrawing the flag', async () => {
    const caseId = await insertCase(`（2026）甘0102民初${serial++}号`, { judgeId: userId('judge') });
    const add = await roundTrips(`/cases/${caseId}/flags`, { as: 'judge', method: 'POST', htmx: true, form: { factor: 'WAGE_ARREARS', note: '拖欠工资' } });
    expect(add.status).toBe(200);
    expect(add.body).toContain('拖欠劳动报酬');
    expect(add.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const flagId = /flag-([0-9a-f-]{36})/.exec(add.body)![1]!;
    const withdraw = await roundTrips(`/cases/${caseId}/flags/${flagId}/withdraw`, { as: 'judge', method: 'POST', htmx: true, form: { note: '已支付' } });
    expect(withdraw.status).toBe(200);
    expect(withdraw.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });

  it('flagging through the API', async () => {
    const caseId = await insertCase(`（2026）甘0102民初${serial++}号`, { judgeId: userId('judge') });
    const res = await roundTrips(`/api/v1/cases/${caseId}/flags`, { as: 'judge', method: 'POST', json: { factor: 'GROUP_DISPUTE' } });
    expect(res.status).toBe(201);
    expect(res.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });

  it('acting on a warning with htmx and through the API', async () => {
    const { warningId, version } = await caseWithWarning();
    const page = await roundTrips(`/warnings/${warningId}/actions`, {
      as: 'petition',
      method: 'POST',
      htmx: true,
      form: { action: 'acknowledge', version: String(version), note: '已联系' },
    });
    expect(page.status).toBe(200);
    expect(page.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const res = await roundTrips(`/api/v1/warnings/${warningId}/actions`, { as: 'petition', method: 'POST', json: { action: 'propose', version: version + 1 } });
    expect(res.status).toBe(200);
    expect(res.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });

  it('registering a petition linked to a case (API and form), editing and linking it, deleting one', async () => {
    const caseNumber = `（2026）甘0102民初${serial++}号`;
    await insertCase(caseNumber, { judgeId: userId('judge') });
    const api1 = await roundTrips('/api/v1/petitions', {
      as: 'petition',
      method: 'POST',
      json: { channel: 'letter', receivedOn: '2026-01-06', courtId: 2, persons: 1, petitionerName: '往返甲', complaintType: 'judgment', caseNumber },
    });
    expect(api1.status).toBe(201);
    expect(api1.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const form = await roundTrips('/petitions', {
      as: 'petition',
      method: 'POST',
      form: { channel: 'letter', receivedOn: '2026-03-20', courtId: '2', persons: '1', petitionerName: '往返乙', complaintType: 'judgment', state: 'registered', caseNumber },
    });
    expect(form.status).toBe(303);
    expect(form.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const loose = await registerPetition();
    const link = await roundTrips(`/petitions/${loose.id}/link`, { as: 'petition', method: 'POST', form: { version: String(loose.version), caseNumber } });
    expect(link.status).toBe(303);
    expect(link.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const patch = await roundTrips(`/api/v1/petitions/${loose.id}`, { as: 'petition', method: 'PATCH', json: { version: loose.version + 1, receivedOn: '2026-01-02' } });
    expect(patch.status).toBe(200);
    expect(patch.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const del = await roundTrips(`/petitions/${loose.id}/delete`, { as: 'petition', method: 'POST', form: { version: String(loose.version + 2) } });
    expect(del.status).toBe(303);
    expect(del.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });

  it('signing in reads the throttle and the user together, then writes once; a refusal too', async () => {
    const ok = await roundTrips('/login', { method: 'POST', form: { username: 'judge', password: 'demo1234' } });
    expect(ok.status).toBe(303);
    expect(ok.trips).toBe(2);
    const refused = await roundTrips('/login', { method: 'POST', form: { username: 'nobody', password: 'demo1234' } });
    expect(refused.status).toBe(401);
    expect(refused.trips).toBe(2);
  });

  it('registering a case through the API and the form', async () => {
    const json = { caseNumber: `（2026）甘0102民初${serial++}号`, cause: '劳务合同纠纷', stage: 'trial', filedAt: '2026-11-01', parties: [] };
    const res = await roundTrips('/api/v1/cases', { as: 'judge', method: 'POST', json });
    expect(res.status).toBe(201);
    expect(res.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const form = await roundTrips('/cases', {
      as: 'judge',
      method: 'POST',
      form: { caseNumber: `（2026）甘0102民初${serial++}号`, cause: '劳务合同纠纷', stage: 'trial', filedAt: '2026-11-01' },
    });
    expect(form.status).toBe(303);
    expect(form.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });
});

describe('the meeting pages and writes keep the budget', () => {
  it('pages: the landing, a draft, a published and a final meeting, print views, 我的督办事项, the leader’s desk, the inbox', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const draft = await meetingWith([a.warningId], { kind: 'trial_enforcement' });
    const held = await publishedMeeting([b.warningId], { kind: 'petition' });
    const item = itemOf(held.body, b.warningId);
    await api('POST', `/meetings/${held.id}/agenda/${item.id}/decision`, { as: 'coordinator', json: { text: '组织调解' } });
    await api('POST', `/meetings/${held.id}/agenda/${item.id}/action-items`, { as: 'coordinator', json: { text: '回访', ownerId: userId('judge') } });
    const published = await publishedMeeting([], { kind: 'trial_enforcement', startsAt: inMinutes(600) }).catch(() => null);
    for (const [path, as] of [
      ['/meetings', 'coordinator'],
      ['/meetings?level=red&kind=trial', 'coordinator'],
      [`/meetings/${draft.id}`, 'coordinator'],
      [`/meetings/${held.id}`, 'coordinator'],
      [`/meetings/${held.id}`, 'judge'],
      ...(published ? [[`/meetings/${published.id}`, 'leader']] : []),
      [`/meetings/${draft.id}/print`, 'coordinator'],
      [`/meetings/${held.id}/minutes/print`, 'petition'],
      ['/action-items', 'judge'],
      ['/action-items?view=scope&state=open', 'coordinator'],
      ['/leader', 'leader'],
      ['/notifications', 'judge'],
      ['/api/v1/meetings', 'coordinator'],
      [`/api/v1/meetings/${held.id}`, 'coordinator'],
      ['/api/v1/action-items?mine=1', 'judge'],
      ['/api/v1/notifications', 'judge'],
    ] as [string, string][]) {
      const res = await roundTrips(path, { as });
      expect(res.status, path).toBe(200);
      expect(res.trips, `${path} as ${as}`).toBeLessThanOrEqual(PAGE_BUDGET);
    }
    await api('POST', `/meetings/${held.id}/finalize`, { as: 'coordinator' });
    const final = await roundTrips(`/meetings/${held.id}`, { as: 'coordinator' });
    expect(final.status).toBe(200);
    expect(final.trips).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('writes: adding and moving with htmx, a decision and an action item with htmx, completing an action item, publishing through the API', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await draftMeeting({ kind: 'trial_enforcement' });
    const add = await roundTrips(`/meetings/${m.id}/agenda`, { as: 'coordinator', method: 'POST', htmx: true, form: { warningId: a.warningId } });
    expect(add.status).toBe(200);
    expect(add.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    await api('POST', `/meetings/${m.id}/agenda`, { as: 'coordinator', json: { warningId: b.warningId } });
    const ib = itemOf((await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body, b.warningId);
    const move = await roundTrips(`/meetings/${m.id}/agenda/${ib.id}/move`, { as: 'coordinator', method: 'POST', htmx: true, form: { direction: 'up' } });
    expect(move.status).toBe(200);
    expect(move.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const publish = await roundTrips(`/api/v1/meetings/${m.id}/publish`, { as: 'coordinator', method: 'POST', json: {} });
    expect(publish.status).toBe(200);
    expect(publish.trips).toBeLessThanOrEqual(WRITE_BUDGET);

    const w = await proposedWarning();
    const held = await publishedMeeting([w.warningId], { startsAt: inMinutes(-60 * 24) });
    const item = itemOf(held.body, w.warningId);
    const decision = await roundTrips(`/meetings/${held.id}/agenda/${item.id}/decision`, { as: 'coordinator', method: 'POST', htmx: true, form: { text: '组织调解', outcome: 'follow_up' } });
    expect(decision.status).toBe(200);
    expect(decision.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const action = await roundTrips(`/meetings/${held.id}/agenda/${item.id}/action-items`, {
      as: 'coordinator',
      method: 'POST',
      htmx: true,
      form: { text: '回访当事人', ownerId: userId('judge'), dueOn: addDays(shanghaiDay(), 10) },
    });
    expect(action.status).toBe(200);
    expect(action.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const id = /id="ai-([0-9a-f-]{36})"/.exec(action.body)![1]!;
    const complete = await roundTrips(`/action-items/${id}/complete`, { as: 'judge', method: 'POST', htmx: true, form: { version: '1', note: '已回访' } });
    expect(complete.status).toBe(200);
    expect(complete.trips).toBeLessThanOrEqual(WRITE_BUDGET);
    const finalize = await roundTrips(`/api/v1/meetings/${held.id}/finalize`, { as: 'coordinator', method: 'POST', json: {} });
    expect(finalize.status).toBe(200);
    expect(finalize.trips).toBeLessThanOrEqual(WRITE_BUDGET);
  });
});
