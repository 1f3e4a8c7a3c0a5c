import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/db/query.ts';
import { caseFactsQuery, rangeEndsQuery } from '../src/db/scoring.ts';
import { CHUNK, chunkKey, layOutRanges, RANGES_PER_PLAN, splitRange, type RescoreMessage } from '../src/services/job-queue.ts';
import { insertFreshCase, seedWorld, userId } from './helpers.ts';

/**
 * How a job over the open cases is laid out: the planning message walks the index of open cases
 * once and lays out ranges of CHUNK cases; a range works on at most CHUNK of them.
 */
beforeAll(seedWorld);

const plan = (after = ''): RescoreMessage & { step: 'plan' } => ({ kind: 'rescore', jobId: 'j', step: 'plan', after });
const ids = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);

/** What rangeEndsQuery answers for these sorted open ids after `after`. */
function found(open: string[], after = '') {
  const window = open.filter((id) => id > after).slice(0, CHUNK * RANGES_PER_PLAN + 1);
  return { ends: window.filter((_, i) => (i + 1) % CHUNK === 0), seen: window.length };
}

describe('laying out ranges', () => {
  it('nothing for no open cases', () => {
    expect(layOutRanges(plan(), { ends: [], seen: 0 })).toEqual([]);
  });

  it('a window that is not full: ranges of CHUNK, the last one open to the end', () => {
    const open = ids(120);
    const out = layOutRanges(plan(), found(open));
    expect(out.map((o) => o.body)).toEqual([
      { kind: 'rescore', jobId: 'j', step: 'range', after: '', until: open[49] },
      { kind: 'rescore', jobId: 'j', step: 'range', after: open[49], until: open[99] },
      { kind: 'rescore', jobId: 'j', step: 'range', after: open[99], until: null },
    ]);
    expect(out.map((o) => o.key)).toEqual(out.map((o) => chunkKey(o.body)));
    // exactly two chunks' worth: no empty range after the last
    expect(layOutRanges(plan(), found(ids(100))).map((o) => o.body)).toEqual([
      { kind: 'rescore', jobId: 'j', step: 'range', after: '', until: 'c00050' },
      { kind: 'rescore', jobId: 'j', step: 'range', after: 'c00050', until: null },
    ]);
  });

  it('a full window: RANGES_PER_PLAN ranges and the next planning message, 99 messages in all', () => {
    const open = ids(CHUNK * RANGES_PER_PLAN * 2 + 7);
    const first = layOutRanges(plan(), found(open));
    expect(first).toHaveLength(RANGES_PER_PLAN + 1);
    const last = first.at(-1)!.body;
    expect(last).toEqual({ kind: 'rescore', jobId: 'j', step: 'plan', after: open[CHUNK * RANGES_PER_PLAN - 1] });
    // Following the planning messages covers every open case once.
    const covered: string[] = [];
    let next: RescoreMessage | undefined = plan();
    while (next?.step === 'plan') {
      const out: { body: RescoreMessage }[] = layOutRanges(next, found(open, next.after));
      for (const { body } of out) {
        if (body.step === 'range') covered.push(...open.filter((id) => id > body.after && (body.until === null || id <= body.until)));
      }
      next = out.at(-1)?.body;
    }
    expect(covered).toEqual(open);
  });

  it('a range with more than CHUNK open cases (opened since) works on CHUNK and lays out the rest', () => {
    const range = { kind: 'rescore', jobId: 'j', step: 'range', after: 'a', until: 'z' } as const;
    const some = ids(CHUNK + 1).reverse();
    const split = splitRange(range, some);
    expect(split.ids).toEqual(ids(CHUNK));
    expect(split.next.map((n) => n.body)).toEqual([{ ...range, after: `c${String(CHUNK).padStart(5, '0')}` }]);
    expect(splitRange(range, ids(3)).next).toEqual([]);
  });
});

describe('the ranges in the database', () => {
  it('where ranges end, in id order, open cases only, in a scope', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await insertFreshCase({}, { id: `rng-${i}`, judgeId: userId('judge') })).id);
    await insertFreshCase({}, { id: 'rng-3a', stage: 'closed', closedOn: '2026-01-01', judgeId: userId('judge') });
    await insertFreshCase({ courtCode: '甘0502' }, { id: 'rng-4a', judgeId: userId('judge2') });
    const r = await run(env.DB, rangeEndsQuery(env.DB, { after: 'rng-', size: 2, count: 2 }));
    expect(r).toEqual({ ends: ['rng-1', 'rng-3'], seen: 5 });
    const scope = { sql: 'c.court_id = ?', binds: [3], singleCourt: true };
    const rest = await run(env.DB, rangeEndsQuery(env.DB, { after: 'rng-3', size: 2, count: 2, scope }));
    expect(rest).toEqual({ ends: ['rng-5'], seen: 3 });
    const facts = await run(env.DB, caseFactsQuery(env.DB, { after: 'rng-1', until: 'rng-4a', limit: 10 }));
    expect(facts.map((f) => f.id).sort()).toEqual(['rng-2', 'rng-3', 'rng-4', 'rng-4a']);
    const limited = await run(env.DB, caseFactsQuery(env.DB, { after: 'rng-1', until: null, limit: 2, scope }));
    expect(limited.map((f) => f.id).sort()).toEqual(['rng-2', 'rng-3']);
  });

  async function plan(range: Parameters<typeof caseFactsQuery>[1]): Promise<string> {
    const stmt = caseFactsQuery(env.DB, range).statement as unknown as { statement: string; params: unknown[] };
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${stmt.statement}`).bind(...stmt.params).all<{ detail: string }>();
    return results.map((r) => r.detail).join('\n');
  }

  it('a range walks an index of open cases in id order, not the table, and sorts nothing', async () => {
    const all = await plan({ after: 'a', until: 'b', limit: 51 });
    expect(all).toMatch(/SEARCH c USING COVERING INDEX cases_open_by_id \(id>\? AND id<\?\)/);
    const court = await plan({ after: 'a', until: null, limit: 51, scope: { sql: 'c.court_id = ?', binds: [3], singleCourt: true } });
    expect(court).toMatch(/SEARCH c USING COVERING INDEX cases_open_by_court \(court_id=\? AND id>\?\)/);
    const subtree = await plan({ after: 'a', until: null, limit: 51, scope: { sql: "c.court_id IN (SELECT id FROM courts WHERE path >= '/1/2/' AND path < '/1/20')", binds: [], singleCourt: false } });
    expect(subtree).toMatch(/SEARCH c USING COVERING INDEX cases_open_by_id \(id>\?\)/);
    for (const p of [all, court, subtree]) expect(p).not.toContain('TEMP B-TREE');
  });
});
