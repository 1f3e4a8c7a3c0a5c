import { applyD1Migrations, createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.tsx';
import type { Level } from '../src/domain/levels.ts';
import { DEFAULT_RULE_SET, compileRuleSet, evaluate, explain, type Explanation, type Facts, type Trace } from '../src/domain/rules/index.ts';
import { DEMO_PASSWORD, buildDemoSeed, type SeedRows } from '../scripts/seed/demo.ts';
import { ORIGIN } from './helpers.ts';
import { insertSeedRows } from './support/demo-db.ts';

/**
 * Migration 0009 on a database made by the migrations before it: the demo data as `npm start` loaded
 * it then (every assessment with its trace stored) keeps its rows, gains the matched rules' ids, loses
 * the stored traces — and the app explains every case as it did.
 */
const db = env.LEGACY_DB;
const TODAY = '2026-11-28';
const app = createApp();
const compiled = compileRuleSet(DEFAULT_RULE_SET);

interface LegacyAssessment {
  id: string;
  case_id: string;
  rule_set_version: number;
  score: number;
  level: Level;
  warn: number;
  facts_json: string;
  trace_json: string;
  cause: string;
  assessed_at: string;
}

/** The demo rows as the seed wrote them before 0009: each assessment with its full trace, no matched ids. */
function legacyRows(seed: SeedRows): SeedRows {
  return seed.map((t) =>
    t.table !== 'assessments'
      ? t
      : {
          ...t,
          rows: t.rows.map(({ matched_json: _matched, ...row }) => ({
            ...row,
            trace_json: JSON.stringify(evaluate(compiled, JSON.parse(row.facts_json as string) as Facts).trace),
          })),
        },
  );
}

async function all<T>(sql: string): Promise<T[]> {
  return (await db.prepare(sql).all<T>()).results;
}

async function fetchLegacy(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }), { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function signIn(username: string): Promise<string> {
  const res = await fetchLegacy('/login', {
    method: 'POST',
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
  });
  expect(res.status).toBe(303);
  return /(__Host-session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}

let before: LegacyAssessment[];
/** Each case's current assessment before the migration: its stored trace and what it said. */
let current: Map<string, { trace: Trace; zh: Explanation; en: Explanation }>;
let cookie: string;
let coordinator: string;

beforeAll(async () => {
  await applyD1Migrations(
    db,
    env.TEST_MIGRATIONS.filter((m) => m.name < '0009'),
  );
  expect(await all(`SELECT name FROM pragma_table_info('assessments') WHERE name = 'matched_json'`)).toEqual([]);
  await insertSeedRows(legacyRows(await buildDemoSeed({ today: TODAY })), db);
  before = await all<LegacyAssessment>('SELECT * FROM assessments ORDER BY id');
  current = new Map();
  for (const a of await all<LegacyAssessment>('SELECT a.* FROM assessments a JOIN cases c ON c.assessment_id = a.id')) {
    const trace = JSON.parse(a.trace_json) as Trace;
    const result = { score: a.score, level: a.level, warn: a.warn === 1, trace };
    current.set(a.case_id, { trace, zh: explain(result, 'zh-CN'), en: explain(result, 'en') });
  }
  // Everything up to 0009 is recorded as applied: this applies 0009 alone.
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
  cookie = await signIn('leader');
  coordinator = await signIn('coordinator');
}, 120_000);

describe('migration 0009 moves the stored assessments', () => {
  it('keeps every row, backfills the matched rules from the traces and empties the traces', async () => {
    expect(before.length).toBeGreaterThan(300);
    const after = await all<LegacyAssessment & { matched_json: string }>('SELECT * FROM assessments ORDER BY id');
    expect(after.map(({ matched_json: _m, trace_json: _t, ...rest }) => rest)).toEqual(before.map(({ trace_json: _t, ...rest }) => rest));
    for (const [i, a] of after.entries()) {
      const trace = JSON.parse(before[i]!.trace_json) as Trace;
      expect(JSON.parse(a.matched_json), a.id).toEqual(trace.rules.filter((r) => r.matched).map((r) => r.id));
      expect(a.trace_json).toBe('');
    }
    // Forced levels, several rules and none at all are among them.
    expect(after.some((a) => a.matched_json === '[]')).toBe(true);
    expect(after.some((a) => JSON.parse(a.matched_json).length >= 3)).toBe(true);
    expect(after.some((a) => a.matched_json.includes('threat-extreme'))).toBe(true);
  });

  it('the case API and the case page explain each case as before, with the same trace', async () => {
    const ids = [...current.keys()].sort();
    // Cases with one matched rule, several, a forced level, and none.
    const matched = (id: string) => current.get(id)!.trace.rules.filter((r) => r.matched);
    const sample = [
      ...ids.filter((id) => matched(id).length === 1).slice(0, 10),
      ...ids.filter((id) => matched(id).length >= 3).slice(0, 10),
      ...ids.filter((id) => matched(id).some((r) => r.level !== undefined)).slice(0, 10),
      ...ids.filter((id) => matched(id).length === 0).slice(0, 5),
    ];
    expect(sample.length).toBeGreaterThanOrEqual(30);
    for (const id of sample) {
      const was = current.get(id)!;
      const res = await fetchLegacy(`/api/v1/cases/${id}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { assessment: { explanation: Explanation; trace: Trace } };
      expect(body.assessment.explanation, id).toEqual(was.zh);
      expect(body.assessment.trace, id).toEqual(JSON.parse(JSON.stringify(was.trace)));
    }
    for (const id of sample.slice(0, 10)) {
      const html = await (await fetchLegacy(`/cases/${id}`, { headers: { cookie } })).text();
      const was = current.get(id)!.zh;
      for (const line of [was.summary, ...was.sentences]) expect(html, id).toContain(line);
    }
    const en = await fetchLegacy(`/api/v1/cases/${sample[0]}`, { headers: { cookie, 'accept-language': 'en' } });
    expect(((await en.json()) as { assessment: { explanation: Explanation } }).assessment.explanation).toEqual(current.get(sample[0]!)!.en);
  }, 60_000);

  it('the agenda pool and the agendas give the same one-line explanation', async () => {
    const res = await fetchLegacy('/api/v1/meetings/pool', { headers: { cookie: coordinator } });
    expect(res.status).toBe(200);
    const pool = (await res.json()) as { items: { case: { id: string }; scoreLine: string | null }[] };
    const meetings = await all<{ id: string }>('SELECT DISTINCT meeting_id AS id FROM agenda_items WHERE warning_id IS NOT NULL');
    const items = [...pool.items];
    for (const m of meetings) {
      const answer = await fetchLegacy(`/api/v1/meetings/${m.id}`, { headers: { cookie: coordinator } });
      if (answer.status === 200) items.push(...((await answer.json()) as { agenda: typeof pool.items }).agenda.filter((i) => i.case));
    }
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((i) => i.scoreLine)).toBe(true);
    for (const item of items) expect(item.scoreLine, item.case.id).toBe(current.get(item.case.id)!.zh.text || null);
  }, 60_000);
});
