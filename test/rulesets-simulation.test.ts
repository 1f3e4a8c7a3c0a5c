import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFacts } from '../src/domain/case-facts.ts';
import { compileRuleSet, type RuleSet } from '../src/domain/rules/index.ts';
import { DEFAULT_RULE_SET } from '../src/domain/rules/default-rule-set.ts';
import { emptyTally, shownChanges, SIMULATION_CHANGES_SHOWN, tallyCases } from '../src/domain/rules/simulation.ts';
import { caseScope } from '../src/db/scope.ts';
import { CHUNK, current, type QueueMessage } from '../src/services/job-queue.ts';
import { activeRuleSet, loadScoringState } from '../src/services/scoring.ts';
import { simulationStep } from '../src/services/simulations.ts';
import { api, count, insertFreshCase, seedWorld, userId } from './helpers.ts';
import { countingDb, roundTrips } from './round-trips.ts';

beforeAll(seedWorld);

function collectingQueue() {
  const sent: QueueMessage[] = [];
  return { sent, sendBatch: async (msgs: Iterable<MessageSendRequest<QueueMessage>>) => void sent.push(...[...msgs].map((m) => m.body)) };
}

/** Delivers what was sent until nothing is left, each message `times` times in a row; the most one delivery cost. */
async function drain(queue: ReturnType<typeof collectingQueue>, times: number) {
  const cost = { deliveries: 0, maxTrips: 0, maxStatements: 0 };
  while (queue.sent.length) {
    const msg = current(queue.sent.shift()!);
    if (msg.kind !== 'simulation') throw new Error('a simulation sends simulation messages');
    for (let i = 0; i < times; i++) {
      const counted = countingDb(env.DB);
      await simulationStep(counted.db, queue, msg);
      cost.deliveries++;
      cost.maxTrips = Math.max(cost.maxTrips, counted.trips());
      cost.maxStatements = Math.max(cost.maxStatements, counted.statements());
    }
  }
  return cost;
}

/** Three more points for every case: most cases move up a level or two, more of them than the list shows. */
const HEAVIER = {
  ...DEFAULT_RULE_SET,
  name: '每案加三分',
  rules: [...DEFAULT_RULE_SET.rules, { id: 'every-case', label: '每案三分', when: { fact: 'partyCount', op: '>=', value: 0 }, points: 3 }],
} as RuleSet;

describe('simulating a draft over more open cases than one chunk', () => {
  it('stores, chunk by chunk, the same result as evaluating every case of the scope at once, also when every message is delivered twice', async () => {
    // The petition office of 兰州中院 (court 2) sees 甘0102; 甘0502 and closed cases are not evaluated.
    for (let i = 0; i < 4 * CHUNK + 30; i++) await insertFreshCase({}, { judgeId: userId('judge'), partyCount: 2 + (i % 12) });
    for (let i = 0; i < 4; i++) {
      const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
      expect((await api('POST', `/cases/${id}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' } })).status).toBe(201);
    }
    for (let i = 0; i < 6; i++) await insertFreshCase({ courtCode: '甘0502' }, { judgeId: userId('judge2') });
    for (let i = 0; i < 3; i++) await insertFreshCase({}, { judgeId: userId('judge'), stage: 'closed', closedOn: '2026-01-05' });
    const draft = await api('POST', '/rulesets', { as: 'admin', json: HEAVIER });
    // the other test of the file may have added its case first
    const inScope = await count('cases', "stage <> 'closed' AND court_id IN (SELECT id FROM courts WHERE path LIKE '/1/2/%')");
    expect(inScope).toBeGreaterThanOrEqual(4 * CHUNK + 34);
    const assessments = await count('assessments');
    const warnings = await count('warnings');

    const queue = collectingQueue();
    const started = await roundTrips(`/api/v1/rulesets/${draft.body.id}/simulate`, { as: 'petition', method: 'POST', queue });
    expect(started.status).toBe(202);
    // read the set and the active one; write the simulation (its total counted in the same batch) and its audit row
    expect(started.trips).toBeLessThanOrEqual(3);
    const sim = JSON.parse(started.body);
    expect(sim).toMatchObject({ status: 'running', done: 0, total: inScope, result: null, ruleSet: { id: draft.body.id, revision: 1 } });
    expect(queue.sent).toHaveLength(1);

    const cost = await drain(queue, 2);
    console.log(`simulation: request ${started.trips} round trips, ${started.statements} statements; a queue message at most ${cost.maxTrips} round trips, ${cost.maxStatements} statements`);
    expect(cost.maxTrips).toBe(2);
    expect(cost.maxStatements).toBeLessThan(20);

    const shown = await api('GET', `/rulesets/simulations/${sim.id}`, { as: 'petition' });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ status: 'done', done: inScope, total: inScope });

    // Every open case of the scope evaluated at once, under the active set and the draft.
    const petition = { roles: ['petition_officer' as const], courtId: 2, courtPath: '/1/2/' };
    const scope = caseScope(petition);
    const { results } = await env.DB.prepare(`SELECT c.id FROM cases c WHERE c.stage <> 'closed' AND ${scope.sql}`).bind(...scope.binds).all<{ id: string }>();
    const active = await activeRuleSet(env.DB);
    const day = sim.day as string;
    const state = await loadScoringState(env.DB, results.map((r) => r.id), active, day);
    const direct = tallyCases(
      emptyTally(),
      [...state.cases.values()].map((c) => {
        const open = state.warnings.get(c.id)?.open ?? null;
        return { id: c.id, caseNumber: c.caseNumber, facts: caseFacts(c, day), openWarning: open ? { id: open.id, state: open.state } : null };
      }),
      active.compiled,
      compileRuleSet(HEAVIER),
    );
    expect(direct.casesChanged).toBeGreaterThan(SIMULATION_CHANGES_SHOWN);
    expect(direct.openWarningsChanged).toBeGreaterThan(0);
    expect(shown.body.result).toEqual({
      ruleSet: { id: draft.body.id, version: draft.body.version },
      against: { id: active.id, version: active.version },
      casesEvaluated: direct.casesEvaluated,
      levelsBefore: direct.levelsBefore,
      levelsAfter: direct.levelsAfter,
      casesChanged: direct.casesChanged,
      openWarningsChanged: direct.openWarningsChanged,
      newWarnings: direct.newWarnings,
      changes: shownChanges(direct.changes),
    });
    // nothing but the simulation was written
    expect(await count('assessments')).toBe(assessments);
    expect(await count('warnings')).toBe(warnings);
    expect(await count('audit_log', "action = 'ruleset.simulate' AND entity_id = ?", draft.body.id)).toBe(1);

    // Another user's simulation is not found (it lists cases of its author's scope).
    expect((await api('GET', `/rulesets/simulations/${sim.id}`, { as: 'admin' })).status).toBe(404);
   }, 60_000);

  it('through the queue: the page shows the progress, then the result', async () => {
    await insertFreshCase({}, { judgeId: userId('judge'), partyCount: 150 });
    const draft = await api('POST', '/rulesets', { as: 'admin', json: HEAVIER });
    const id = draft.body.id as string;
    const started = await roundTrips(`/admin/rulesets/${id}/simulate`, { as: 'admin', method: 'POST', form: {}, htmx: true });
    expect(started.status).toBe(200);
    expect(started.body).toMatch(/^<section id="rs-simulation"/);
    expect(started.trips).toBeLessThanOrEqual(5);
    let section = started.body;
    await expect
      .poll(
        async () => {
          section = (await roundTrips(`/admin/rulesets/${id}/simulation`, { as: 'admin', htmx: true })).body;
          return section.includes('rs-sim-counts');
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    expect(section).not.toContain('hx-trigger="every 2s"');
    expect(section).toContain('hx-swap-oob="true"');
    const page = await roundTrips(`/admin/rulesets/${id}`, { as: 'admin' });
    expect(page.body).toContain('rs-sim-counts');
  });
});
