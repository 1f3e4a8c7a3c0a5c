import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFacts } from '../../src/domain/case-facts.ts';
import { compileRuleSet, evaluate } from '../../src/domain/rules/index.ts';
import { DEFAULT_RULE_SET } from '../../src/domain/rules/default-rule-set.ts';
import { shanghaiDay } from '../../src/domain/time.ts';
import { api, insertCase, seedWorld, userId } from '../helpers.ts';

/**
 * A burst of changes to one case at the same moment: the latest assessment must count every
 * change that was stored, the warning must agree with it, nobody may get a 5xx, and a request
 * that carried no version never gets a 409 for someone else's write.
 */
const FACTORS = [
  'GROUP_DISPUTE',
  'ILLEGAL_FUNDRAISING',
  'WAGE_ARREARS',
  'LAND_REQUISITION',
  'THREAT_EXTREME',
  'THREAT_PETITION',
  'PRIOR_PETITION',
  'MEDIA_ATTENTION',
  'DEATH_OR_SERIOUS_INJURY',
  'EXTREME_EMOTION',
  'VULNERABLE_PARTY',
  'ECONOMIC_HARDSHIP',
  'ENFORCEMENT_IMPOSSIBLE',
  'PROCEDURE_COMPLAINT',
  'COMPLEX_OR_NEW_TYPE',
  'UNREALISTIC_DEMAND',
];
const rules = compileRuleSet(DEFAULT_RULE_SET);
let serial = 7000;

async function newCase(): Promise<string> {
  return insertCase(`（2026）甘0102民初${serial++}号`, { judgeId: userId('judge'), partyCount: 2, filedOn: shanghaiDay() });
}

async function activeFactors(caseId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT factor_code FROM flags WHERE case_id = ? AND withdrawn_at IS NULL ORDER BY factor_code')
    .bind(caseId)
    .all<{ factor_code: string }>();
  return results.map((r) => r.factor_code);
}

/** The stored assessment and warning agree with a fresh evaluation of the stored flags. */
async function expectConsistent(caseId: string) {
  const active = await activeFactors(caseId);
  const c = await env.DB.prepare('SELECT category, stage, party_count, amount_in_dispute, filed_on, closed_on, score, level FROM cases WHERE id = ?')
    .bind(caseId)
    .first<{ category: 'civil'; stage: 'trial'; party_count: number; amount_in_dispute: number; filed_on: string; closed_on: string | null; score: number; level: string }>();
  const facts = caseFacts(
    {
      category: c!.category,
      stage: c!.stage,
      partyCount: c!.party_count,
      amountInDispute: c!.amount_in_dispute,
      filedOn: c!.filed_on,
      closedOn: c!.closed_on,
      activeFactors: active,
      hasVulnerableParty: false,
      petitions12m: 0,
      petitions7d: 0,
    },
    shanghaiDay(),
  );
  const expected = evaluate(rules, facts);
  const assessment = (await api('GET', `/cases/${caseId}/assessment`, { as: 'petition' })).body;
  const stored = await env.DB.prepare('SELECT a.facts_json FROM assessments a JOIN cases c ON c.assessment_id = a.id WHERE c.id = ?').bind(caseId).first<{ facts_json: string }>();
  expect(JSON.parse(stored!.facts_json).flags).toEqual([...active].sort());
  expect({ score: assessment.score, level: assessment.level }).toEqual({ score: expected.score, level: expected.level });
  expect({ score: c!.score, level: c!.level }).toEqual({ score: expected.score, level: expected.level });
  const warning = await env.DB.prepare("SELECT level, score FROM warnings WHERE case_id = ? AND state NOT IN ('resolved', 'dismissed')").bind(caseId).first<{ level: string; score: number }>();
  if (expected.warn) expect(warning).toEqual({ level: expected.level, score: expected.score });
  return { active, expected };
}

beforeAll(seedWorld);

describe('a burst of flags on one case', () => {
  it('20 flags at once (16 factors, judge and petition office alternating): the assessment counts all 16, red, and nobody gets a 5xx', async () => {
    const caseId = await newCase();
    const requests = Array.from({ length: 20 }, (_, i) =>
      api('POST', `/cases/${caseId}/flags`, { as: i % 2 === 0 ? 'judge' : 'petition', json: { factor: FACTORS[i % FACTORS.length], note: `第${i + 1}条` } }),
    );
    const answers = await Promise.all(requests);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(16);
    // The four repeated factors are refused because the factor is active, not because of a race.
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.error.message).toContain('已在本案标记');
    }
    const { active, expected } = await expectConsistent(caseId);
    expect(active).toHaveLength(16);
    expect(expected.level).toBe('red');
    // Every factor's points (THREAT_EXTREME forces red instead): 5+5+4+4+3+3+3+3+2+2+2+2+2+2+1.
    expect(expected.score).toBe(43);
    // The open warning is red, so its review is due one day after it was raised.
    const w = await env.DB.prepare('SELECT level, raised_at, due_at FROM warnings WHERE case_id = ?').bind(caseId).first<{ level: string; raised_at: string; due_at: string }>();
    expect(w!.level).toBe('red');
    expect(Date.parse(w!.due_at) - Date.parse(w!.raised_at)).toBe(24 * 3600 * 1000);
  });

  it('adds and withdrawals mixed at once: the assessment counts exactly the flags still active', async () => {
    const caseId = await newCase();
    const first = FACTORS.slice(0, 8);
    const flagIds: string[] = [];
    for (const factor of first) flagIds.push((await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor } })).body.flag.id);
    const burst = [
      ...flagIds.slice(0, 6).map((id, i) => api('DELETE', `/cases/${caseId}/flags/${id}`, { as: i % 2 ? 'petition' : 'judge', json: { note: '情况已消除' } })),
      ...FACTORS.slice(8, 16).map((factor, i) => api('POST', `/cases/${caseId}/flags`, { as: i % 2 ? 'judge' : 'petition', json: { factor } })),
    ];
    const answers = await Promise.all(burst);
    expect(answers.map((a) => a.status)).toEqual([...Array(6).fill(200), ...Array(8).fill(201)]);
    const { active } = await expectConsistent(caseId);
    expect(active).toEqual([...first.slice(6), ...FACTORS.slice(8, 16)].sort());
  });

  it('a warning raised by the burst is raised once', async () => {
    const caseId = await newCase();
    const answers = await Promise.all(
      ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION', 'MEDIA_ATTENTION', 'EXTREME_EMOTION'].map((factor, i) =>
        api('POST', `/cases/${caseId}/flags`, { as: i % 2 ? 'judge' : 'petition', json: { factor } }),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const warnings = await env.DB.prepare('SELECT count(*) AS n FROM warnings WHERE case_id = ?').bind(caseId).first<{ n: number }>();
    expect(warnings!.n).toBe(1);
    const raised = await env.DB.prepare("SELECT count(*) AS n FROM warning_events e JOIN warnings w ON w.id = e.warning_id WHERE w.case_id = ? AND e.kind = 'raised'")
      .bind(caseId)
      .first<{ n: number }>();
    expect(raised!.n).toBe(1);
    await expectConsistent(caseId);
  });
});
