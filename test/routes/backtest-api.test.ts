import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../src/domain/rules/default-rule-set.ts';
import { api, insertFreshCase, page, seedWorld, signIn, userId } from '../helpers.ts';

beforeAll(async () => {
  await seedWorld();
  await signIn('petition', 'leader', 'coordinator', 'judge', 'admin');
});

/** A flag as it was set (and withdrawn) back then: the backtest reads the instants, not today's state. */
async function flagBackThen(caseId: string, factor: string, at: string, withdrawnAt: string | null = null) {
  await env.DB.prepare(
    'INSERT INTO flags (id, case_id, factor_code, note, created_by, created_at, withdrawn_by, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
    .bind(crypto.randomUUID(), caseId, factor, '', userId('judge'), at, withdrawnAt ? userId('judge') : null, withdrawnAt)
    .run();
}

async function petitionOn(caseNumber: string, receivedOn: string) {
  const res = await api('POST', '/petitions', {
    as: 'petition',
    json: { channel: 'visit', receivedOn, courtId: 2, persons: 1, petitionerName: '回测某', complaintType: 'judgment', caseNumber },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}

/** Three cases of 2012 (a leap year): warned then petitioned, warned but withdrawn before its petition, warned and never petitioned. */
async function year2012() {
  const filed = { filedOn: '2012-01-01', judgeId: userId('judge') };
  const warned = await insertFreshCase({ year: 2012 }, filed);
  const withdrawn = await insertFreshCase({ year: 2012 }, filed);
  const quiet = await insertFreshCase({ year: 2012 }, filed);
  // 01:00 UTC is 09:00 in Shanghai: the flags count from 1 February.
  await flagBackThen(warned.id, 'GROUP_DISPUTE', '2012-02-01T01:00:00Z');
  await flagBackThen(withdrawn.id, 'GROUP_DISPUTE', '2012-02-01T01:00:00Z', '2012-03-01T01:00:00Z');
  await flagBackThen(quiet.id, 'GROUP_DISPUTE', '2012-02-01T01:00:00Z');
  await petitionOn(warned.number, '2012-04-10');
  await petitionOn(withdrawn.number, '2012-04-10');
  return { warned, withdrawn, quiet };
}

const perCase = (r: { perCase: { caseNumber: string }[] }, n: string) => r.perCase.find((c) => c.caseNumber === n);

describe('backtesting a rule set over what happened', () => {
  it('replays the cases as of their history: recall with the lead time, precision, each rule — through GET /api/v1/backtest', async () => {
    const { warned, withdrawn, quiet } = await year2012();
    const res = await api('GET', '/backtest?from=2012-01-01&to=2012-12-31', { as: 'petition' });
    expect(res.status).toBe(200);
    const r = res.body.result;
    expect(r.ruleSet).toMatchObject({ id: 'ruleset-default-v1', status: 'active' });
    expect(r.cases).toBe(3);
    // 1 February → 10 April 2012 is 69 days; the withdrawn flag does not count for its petition.
    expect(r.recall).toEqual({ petitioned: 2, warnedBefore: 1, rate: 0.5, medianLeadDays: 69 });
    expect(perCase(r, warned.number)).toMatchObject({ firstPetition: '2012-04-10', warnedSince: '2012-02-01', leadDays: 69 });
    expect(perCase(r, withdrawn.number)).toMatchObject({ warnedSince: null, leadDays: null, firstWarnInPeriod: '2012-02-01', petitionFollowed: true });
    expect(perCase(r, quiet.number)).toMatchObject({ firstPetition: null, petitionFollowed: false });
    expect(r.precision).toEqual({ warned: 3, petitionFollowed: 2, undecided: 0, rate: 2 / 3 });
    expect(r.rules.find((x: { id: string }) => x.id === 'group-dispute')).toMatchObject({ fired: 3, firedThenPetition: 2, firedNoPetition: 1 });
    expect(res.body.comparison).toBeNull();
  });

  it('judges a draft against the active set over the same histories, never from stored assessments', async () => {
    const { warned } = await year2013();
    const draft = structuredClone(DEFAULT_RULE_SET) as typeof DEFAULT_RULE_SET & { name: string };
    draft.name = '去掉群体性纠纷加分的草案';
    for (const rule of draft.rules) if (rule.id === 'group-dispute') (rule as { points?: number }).points = 0;
    const created = await api('POST', '/rulesets', { as: 'admin', json: draft });
    expect(created.status).toBe(201);
    const res = await api('GET', `/backtest?ruleSetId=${created.body.id}&compareWith=ruleset-default-v1&from=2013-01-01&to=2013-12-31`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.result.ruleSet).toMatchObject({ id: created.body.id, status: 'draft' });
    expect(res.body.result.recall).toMatchObject({ petitioned: 1, warnedBefore: 0 });
    expect(res.body.comparison.against.recall).toMatchObject({ petitioned: 1, warnedBefore: 1 });
    expect(res.body.comparison.onlyAgainst).toEqual([warned.number]);
    expect(res.body.comparison.onlyThis).toEqual([]);

    const { status, html } = await page(`/backtest?ruleSetId=${created.body.id}&compareWith=ruleset-default-v1&from=2013-01-01&to=2013-12-31`, 'admin');
    expect(status).toBe(200);
    expect(html).toContain('去掉群体性纠纷加分的草案（第 2 版，草案）');
    expect(html).toContain('默认规则（第 1 版，现行）');
    expect(html).toContain(warned.number);
    const draftPage = await page(`/admin/rulesets/${created.body.id}`, 'admin');
    expect(draftPage.html).toContain(`/backtest?ruleSetId=${created.body.id}&amp;compareWith=ruleset-default-v1`);
  });

  it('403 for judges and coordinators; 404 for an unknown rule set; 422 names the field of a bad period', async () => {
    for (const as of ['judge', 'coordinator']) {
      expect((await api('GET', '/backtest', { as })).status, as).toBe(403);
      expect((await page('/backtest', as)).status, as).toBe(403);
    }
    for (const as of ['admin', 'petition', 'leader']) expect((await api('GET', '/backtest?from=2012-01-01&to=2012-12-31', { as })).status, as).toBe(200);
    expect((await api('GET', '/backtest?ruleSetId=nope', { as: 'admin' })).status).toBe(404);
    expect((await api('GET', '/backtest?compareWith=nope', { as: 'admin' })).status).toBe(404);
    const bad = await api('GET', '/backtest?from=2012-05-01&to=2012-01-01', { as: 'admin' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toEqual(['to']);
  });
});

/** One case of 2013: flagged with a group dispute in March, petitioned in May. */
async function year2013() {
  const warned = await insertFreshCase({ year: 2013 }, { filedOn: '2013-01-01', judgeId: userId('judge') });
  await flagBackThen(warned.id, 'GROUP_DISPUTE', '2013-03-01T01:00:00Z');
  await petitionOn(warned.number, '2013-05-10');
  return { warned };
}
