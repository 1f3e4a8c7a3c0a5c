import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, insertFreshCase, seedWorld, userId } from '../helpers.ts';

/**
 * The queue's tab counts come from counters that triggers keep beside the warnings (migration
 * 0008): after warnings are raised, re-levelled, acted on, escalated, dismissed and reopened, the
 * counters equal a direct count, and the queue's tabs show them.
 */
beforeAll(seedWorld);

async function direct(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT case_court_id AS court, case_kind AS kind, state, level, count(*) AS n FROM warnings GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
  ).all<Record<string, unknown>>();
  return results.map((r) => JSON.stringify(r));
}

async function counters(): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT court_id AS court, kind, state, level, n FROM warning_counts WHERE n > 0 ORDER BY 1, 2, 3, 4').all<Record<string, unknown>>();
  return results.map((r) => JSON.stringify(r));
}

describe('the warning counters', () => {
  it('equal a direct count after a mix of changes, and the queue’s tabs show them', async () => {
    const raised: { id: string; caseId: string }[] = [];
    for (const [court, factor] of [['甘0102', 'GROUP_DISPUTE'], ['甘0103', 'WAGE_ARREARS'], ['甘0102', 'THREAT_PETITION'], ['甘0502', 'GROUP_DISPUTE']] as const) {
      const { id } = await insertFreshCase({ courtCode: court }, { judgeId: court === '甘0502' ? userId('judge2') : court === '甘0102' ? userId('judge') : userId('judge0103') });
      const res = await api('POST', `/cases/${id}/flags`, { as: 'petition', json: { factor } });
      if (res.status !== 201) {
        // 甘0502 is outside the petition office's scope: its judge flags it.
        const own = await api('POST', `/cases/${id}/flags`, { as: 'judge2', json: { factor } });
        raised.push({ id: own.body.assessment.warningId, caseId: id });
      } else raised.push({ id: res.body.assessment.warningId, caseId: id });
    }
    // A level change, an acknowledgement, an escalation, a dismissal and a reopening.
    await api('POST', `/cases/${raised[0]!.caseId}/flags`, { as: 'judge', json: { factor: 'THREAT_EXTREME' } });
    const w = async (i: number) => (await api('GET', `/warnings/${raised[i]!.id}`, { as: 'petition' })).body;
    await api('POST', `/warnings/${raised[1]!.id}/actions`, { as: 'petition', json: { action: 'acknowledge', version: (await w(1)).version } });
    await api('POST', `/warnings/${raised[2]!.id}/actions`, { as: 'petition', json: { action: 'escalate', version: (await w(2)).version } });
    const dismissed = await api('POST', `/warnings/${raised[1]!.id}/actions`, { as: 'petition', json: { action: 'dismiss', version: (await w(1)).version, reason: '误报' } });
    expect(dismissed.status).toBe(200);
    await api('POST', `/warnings/${raised[1]!.id}/actions`, { as: 'petition', json: { action: 'reopen', version: dismissed.body.version } });

    expect(await counters()).toEqual(await direct());

    const queue = (await api('GET', '/warnings?status=all', { as: 'petition' })).body;
    const { results } = await env.DB.prepare("SELECT state, count(*) AS n FROM warnings WHERE case_path >= '/1/2/' AND case_path < '/1/20' GROUP BY state").all<{
      state: string;
      n: number;
    }>();
    for (const r of results) expect(queue.counts[r.state], r.state).toBe(r.n);
    expect(queue.total).toBe(results.reduce((n, r) => n + r.n, 0));
  });
});
