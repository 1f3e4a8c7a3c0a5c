import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_STATES, WARNING_STATES } from '../src/domain/warnings/state-machine.ts';
import { searchCases } from '../src/db/cases.ts';
import { countWarningsByState, listWarnings, type WarningSort } from '../src/db/warnings.ts';
import type { Actor } from '../src/domain/roles.ts';
import { seedWorld } from './helpers.ts';

/**
 * The queue and the case list are walks of an index in the page's order: no temporary sort of the
 * scope (which grows with the data), whatever the tab, sort or filter; the tab counts read the
 * counters. Checked on the query plans SQLite chooses on the migrated schema.
 */
beforeAll(seedWorld);

async function plan(statement: D1PreparedStatement): Promise<string> {
  const s = statement as unknown as { statement: string; params: unknown[] };
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.statement}`)
    .bind(...s.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join('\n');
}

/**
 * A queue page's plan in two parts: the walk that finds the page's rowids on an index, and the
 * page's own rows joined to their case, courts and people (by key, then sorted: 25 rows).
 */
function pagePlan(p: string): { walk: string; rows: string } {
  const at = p.indexOf('SCAN page');
  expect(at).toBeGreaterThan(0);
  return { walk: p.slice(0, at), rows: p.slice(at + 'SCAN page'.length) };
}

const office: Pick<Actor, 'roles' | 'courtPath' | 'courtId'> = { roles: ['petition_officer'], courtPath: '/1/2/', courtId: 2 };
const judge: Pick<Actor, 'roles' | 'courtPath' | 'courtId'> = { roles: ['trial_judge'], courtPath: '/1/2/3/', courtId: 3 };
const now = new Date().toISOString();

describe('the queue walks an index in its order', () => {
  const tabs: [string, readonly (typeof WARNING_STATES)[number][] | undefined][] = [
    ['active', ACTIVE_STATES],
    ['all', undefined],
    ...WARNING_STATES.map((s) => [s, [s]] as [string, readonly (typeof WARNING_STATES)[number][]]),
  ];
  const sorts: WarningSort[] = ['level', 'score', 'age', 'due'];
  for (const [tab, states] of tabs) {
    for (const sort of sorts) {
      it(`${tab}, by ${sort}, page 50`, async () => {
        const { walk, rows } = pagePlan(await plan(listWarnings(env.DB, office, { states, sort, now, limit: 25, offset: 1225 }).statement));
        expect(walk).not.toContain('TEMP B-TREE');
        expect(walk).toMatch(/SCAN w USING (COVERING )?INDEX warnings_(state_)?by_|SEARCH w USING (COVERING )?INDEX warnings_state_by_/);
        // The 1,225 entries before the page are skipped on the index: only the page's rows are read and joined.
        expect(rows).toMatch(/^\s*SEARCH w USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(rows).not.toMatch(/SCAN|AUTOMATIC/);
      });
    }
  }

  it('with the level and kind filters too', async () => {
    const { walk } = pagePlan(await plan(listWarnings(env.DB, office, { states: ACTIVE_STATES, level: 'red', kind: 'trial', sort: 'level', now, limit: 25, offset: 0 }).statement));
    expect(walk).not.toContain('TEMP B-TREE');
  });

  it("a judge's queue is its court's warnings in order", async () => {
    const { walk } = pagePlan(await plan(listWarnings(env.DB, judge, { states: ACTIVE_STATES, sort: 'level', now, limit: 25, offset: 0 }).statement));
    expect(walk).not.toContain('TEMP B-TREE');
  });

  it('the tab counts add up the counters of the scope’s courts, and count filtered tabs on an index', async () => {
    expect(await plan(countWarningsByState(env.DB, office, { now }).statement)).toMatch(/SEARCH wc USING PRIMARY KEY/);
    const filtered = await plan(countWarningsByState(env.DB, office, { now, overdue: true }).statement);
    expect(filtered).not.toMatch(/SCAN w(?! USING)/);
  });
});

describe('the case list walks an index in its order', () => {
  it('the default list of a subtree, page 50', async () => {
    const { rows } = searchCases(env.DB, office, { limit: 20, offset: 980 });
    const p = await plan(rows.statement);
    expect(p).not.toContain('TEMP B-TREE');
  });

  it("a judge's list", async () => {
    const { rows } = searchCases(env.DB, judge, { limit: 20, offset: 0 });
    expect(await plan(rows.statement)).not.toContain('TEMP B-TREE');
  });
});
