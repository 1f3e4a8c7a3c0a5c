import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, insertWageCase, seedWorld, TRIAL_RULE_SET, WAGE_CASE_FLAGS } from '../helpers.ts';

// Activating a rule set changes how every case of the file is scored from then on, so it has a file
// (and a D1) of its own: the tests of scoring-api.test.ts keep the default rules, whatever the order.
beforeAll(seedWorld);

describe('activating a rule set through the API', () => {
  const doc = TRIAL_RULE_SET;

  it('creates a draft, edits it with the revision it saw (409 when stale), simulates, activates through the queue', async () => {
    const wages = await insertWageCase(WAGE_CASE_FLAGS);
    const created = await api('POST', '/rulesets', { as: 'admin', json: { ...doc, note: '试行' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 2, revision: 1 });
    const id = created.body.id;

    const edited = await api('PUT', `/rulesets/${id}`, { as: 'admin', json: { ...doc, revision: 1 } });
    expect(edited.status).toBe(200);
    expect(edited.body.revision).toBe(2);
    const stale = await api('PUT', `/rulesets/${id}`, { as: 'admin', json: { ...doc, name: '旧的', revision: 1 } });
    expect(stale.status).toBe(409);
    expect((await api('GET', `/rulesets/${id}`, { as: 'admin' })).body.name).toBe('试行规则');

    const one = await api('GET', `/rulesets/${id}`, { as: 'admin' });
    expect(one.body.diffFromActive.added.map((r: { id: string }) => r.id)).toEqual(['group', 'threat']);

    const started = await api('POST', `/rulesets/${id}/simulate`, { as: 'admin' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', ruleSet: { id, revision: 2 }, result: null });
    let sim = started;
    await expect
      .poll(async () => (sim = await api('GET', `/rulesets/simulations/${started.body.id}`, { as: 'admin' })).body.status, { timeout: 10_000, interval: 200 })
      .toBe('done');
    expect(sim.body.result.casesEvaluated).toBeGreaterThan(0);
    // The wage case: red under the default rules (14), 13 under the draft (group 5 + threat 8) → red too.
    const totalBefore = Object.values(sim.body.result.levelsBefore as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(totalBefore).toBe(sim.body.result.casesEvaluated);
    expect(sim.body.done).toBe(sim.body.result.casesEvaluated);

    const activated = await api('POST', `/rulesets/${id}/activate`, { as: 'admin', json: { revision: 2 } });
    expect(activated.status).toBe(202);
    expect(activated.body.ruleSet.status).toBe('active');
    expect(activated.body.job.total).toBeGreaterThan(0);
    const list = await api('GET', '/rulesets', { as: 'admin' });
    expect(list.body.ruleSets.filter((r: { status: string }) => r.status === 'active')).toHaveLength(1);
    expect(list.body.ruleSets.find((r: { version: number }) => r.version === 1).status).toBe('retired');

    // The queue consumer re-scores the open cases with the new rules.
    const jobId = activated.body.job.id;
    await expect
      .poll(async () => (await api('GET', `/rulesets/jobs/${jobId}`, { as: 'admin' })).body.finishedAt, { timeout: 10_000, interval: 200 })
      .not.toBeNull();
    const a = await api('GET', `/cases/${wages}/assessment`, { as: 'judge' });
    expect(a.body).toMatchObject({ ruleSetVersion: 2, score: 13, level: 'red', cause: 'ruleset_activation' });
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM assessments WHERE job_id = ?').bind(jobId).first<{ n: number }>();
    expect(rows?.n).toBe(activated.body.job.total);
    // the simulation and the job each take a planning message and a range through the queue
  }, 30_000);
});
