import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { backtestQueries } from '../src/db/backtest.ts';
import { caseFactsQuery } from '../src/db/scoring.ts';
import { casePetitionsQuery, listPetitions, openCasesWithPetitionsOnQuery, petitionQuery, repeatCandidatesQuery } from '../src/db/petitions.ts';
import { periodTalliesQueries } from '../src/db/stats.ts';
import { seedWorld } from './helpers.ts';

/**
 * The register's reads are served by indexes, never by scanning the petitions (or the roll-ups):
 * the query plans SQLite chooses for each, on the migrated schema.
 */
beforeAll(seedWorld);

async function plan(statement: D1PreparedStatement): Promise<string[]> {
  // The statement's own SQL and binds, asked for its plan.
  const s = statement as unknown as { statement: string; params: unknown[] };
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.statement}`)
    .bind(...s.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** A full scan of a big table: what no read may do. */
const fullScan = (details: string[]) => details.filter((d) => /^SCAN (petitions|p|q|petition_daily|petition_monthly)\b(?! USING)/.test(d));

const db = () => env.DB;

describe('the petition reads use their indexes', () => {
  const cases: [string, () => D1PreparedStatement][] = [
    ['the register, a subtree newest first', () => listPetitions(db(), { scopePath: '/1/2/', limit: 25, offset: 0 }).statement],
    ['the register, linked petitions', () => listPetitions(db(), { scopePath: '/1/2/', linked: 'linked', limit: 25, offset: 0 }).statement],
    ['the register of one court in a period', () => listPetitions(db(), { scopePath: '/1/2/', courtId: 3, from: '2018-01-01', to: '2018-03-31', limit: 25, offset: 0 }).statement],
    [
      'the register, every filter',
      () => listPetitions(db(), { scopePath: '/1/', channel: 'visit', from: '2018-01-01', to: '2018-03-31', linked: 'unlinked', complaintType: 'judgment', limit: 25, offset: 50 }).statement,
    ],
    ['a petition', () => petitionQuery(db(), 'x').statement],
    ['possible repeats', () => repeatCandidatesQuery(db(), { scopePath: '/1/2/', from: '2018-01-01', to: '2018-03-01', idNumber: '620102198001010011', caseId: 'c' }).statement],
    ['possible repeats by case number', () => repeatCandidatesQuery(db(), { scopePath: '/1/2/', from: '2018-01-01', to: '2018-03-01', idNumber: null, caseNumber: '（2018）甘0102民初1号' }).statement],
    ['a case’s petitions', () => casePetitionsQuery(db(), 'c').statement],
    ['the case facts (petition days)', () => caseFactsQuery(db(), ['a', 'b'], '2026-11-28').statement],
    ['the daily run', () => openCasesWithPetitionsOnQuery(db(), ['2026-11-21', '2025-11-28']).statement],
    ['the backtest’s petitions', () => backtestQueries(db(), { roles: ['leader'], courtPath: '/1/', courtId: 1 }, { filedBy: '2026-12-31', receivedBy: '2027-06-30', limit: 100 }).petitions.statement],
    ['statistics: cells', () => periodTalliesQueries(db(), 1, { from: '2018-01-15', to: '2018-09-20' }).cells.statement],
    ['statistics: months', () => periodTalliesQueries(db(), 1, { from: '2018-01-15', to: '2018-09-20' }).months.statement],
    ['statistics: lawyers and assistance', () => periodTalliesQueries(db(), 1, { from: '2018-01-15', to: '2018-09-20' }).extras.statement],
  ];
  it.each(cases)('%s', async (_name, statement) => {
    const details = await plan(statement());
    expect(details.length).toBeGreaterThan(0);
    expect(fullScan(details), details.join('\n')).toEqual([]);
  });

  it('the register, the case facts, the repeats and the daily run name their index; the register sorts no more than a page', async () => {
    const court = (await plan(listPetitions(db(), { scopePath: '/1/2/', courtId: 3, limit: 25, offset: 0 }).statement)).join('\n');
    expect(court).toContain('petitions_court_day');
    const scope = (await plan(listPetitions(db(), { scopePath: '/1/', limit: 25, offset: 0 }).statement)).join('\n');
    expect(scope).toContain('COVERING INDEX petitions_day');
    // Only the rowid tiebreak of equal instants is sorted before the page is cut; the join comes after.
    expect(scope).not.toMatch(/USE TEMP B-TREE FOR ORDER BY[\s\S]*SCAN pg/);
    expect((await plan(listPetitions(db(), { scopePath: '/1/', linked: 'linked', limit: 25, offset: 0 }).statement)).join('\n')).toContain('petitions_linked_day');
    expect((await plan(caseFactsQuery(db(), ['a'], '2026-11-28').statement)).join('\n')).toContain('petitions_case');
    expect((await plan(repeatCandidatesQuery(db(), { scopePath: '/1/', from: '2018-01-01', to: '2018-03-01', idNumber: '6201', caseId: 'c' }).statement)).join('\n')).toMatch(
      /petitions_petitioner[\s\S]*petitions_case|petitions_case[\s\S]*petitions_petitioner/,
    );
    expect((await plan(openCasesWithPetitionsOnQuery(db(), ['2026-11-21']).statement)).join('\n')).toContain('petitions_linked_day');
  });
});
