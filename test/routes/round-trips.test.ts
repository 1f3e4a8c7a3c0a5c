import { beforeAll, describe, expect, it } from 'vitest';
import { api, insertCase, seedWorld, userId } from '../helpers.ts';
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

describe('pages stay within 3 round trips, sign-in included', () => {
  it.each([
    ['the judge’s case list', '/cases', 'judge'],
    ['a case search', '/cases?q=借贷&stage=trial', 'petition'],
    ['the warning queue', '/warnings', 'petition'],
    ['the queue, overdue red, page 2', '/warnings?status=all&level=red&overdue=1&page=2', 'petition'],
    ['the rule sets', '/admin/rulesets', 'admin'],
    ['the users', '/admin/users', 'admin'],
    ['the audit trail', '/audit', 'leader'],
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
