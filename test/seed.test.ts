import { env } from 'cloudflare:test';
import { toWarning, type WarningRow as DbWarningRow } from '../src/db/warnings.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFacts } from '../src/domain/case-facts.ts';
import { parseCaseNumber } from '../src/domain/case-number.ts';
import type { CaseCategory } from '../src/domain/case-number.ts';
import type { CaseStage } from '../src/domain/cases.ts';
import { LEVELS, levelRank, type Level } from '../src/domain/levels.ts';
import { petitionFacts } from '../src/domain/petitions/case-facts.ts';
import { daysPendingBoundaries } from '../src/domain/rules/boundaries.ts';
import { DEFAULT_RULE_SET, compileRuleSet, evaluate, matchedRuleIds } from '../src/domain/rules/index.ts';
import { addDays, shanghaiDay, shanghaiDayStart, shanghaiIso } from '../src/domain/time.ts';
import { reviewDeadline } from '../src/domain/warnings/deadlines.ts';
import {
  EVENT_OF_ACTION,
  escalateOverdue,
  onAssessment,
  transition,
  type TimelineEntry,
  type Warning,
  type WarningChange,
} from '../src/domain/warnings/lifecycle.ts';
import type { ResolutionOutcome, WarningAction } from '../src/domain/warnings/state-machine.ts';
import { verifyPassword } from '../src/security/password.ts';
import { activeRuleSet, loadScoringState } from '../src/services/scoring.ts';
import {
  DEFAULT_RULE_SET_ID,
  DEFAULT_RULE_SET_VERSION,
  DEMO_PASSWORD,
  DEMO_USERS,
  WORKED_EXAMPLES,
  buildDemoSeed,
  type SeedRows,
} from '../scripts/seed/demo.ts';
import { GANSU_COURTS, courtByCode, courtPath } from '../scripts/seed/gansu-courts.ts';
import { MAX_STATEMENT_BYTES, renderSql, sqlLiteral } from '../scripts/seed/sql.ts';
import { api } from './helpers.ts';
import { insertSeedRows } from './support/demo-db.ts';

type PersonAction = Exclude<WarningAction, 'auto_reopen' | 'level_change'>;

const TODAY = '2026-11-28';
/** The seed scores every case at the start of `today` (Shanghai): "now" for the data. */
const SEEDED_AT = shanghaiDayStart(TODAY).toISOString();
let seed: SeedRows;

async function all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}

beforeAll(async () => {
  seed = await buildDemoSeed({ today: TODAY });
  await insertSeedRows(seed);
});

describe('courts', () => {
  it('has the High Court and 112 courts below it, 107 with a video reception room', async () => {
    const [row] = await all<{ total: number; below: number; video: number; high: number }>(
      `SELECT count(*) AS total, sum(level <> 'high') AS below,
              sum(level <> 'high' AND has_video_room = 1) AS video, sum(level = 'high') AS high FROM courts`,
    );
    expect(row).toEqual({ total: 113, below: 112, video: 107, high: 1 });
    const noRoom = await all<{ name: string }>(`SELECT name FROM courts WHERE has_video_room = 0 AND level <> 'high'`);
    expect(noRoom.every((c) => c.name.includes('林区'))).toBe(true);
  });

  it('has the required courts with their codes, names and paths', async () => {
    const rows = await all<{ code: string; name: string; level: string; path: string; parent: string | null }>(
      `SELECT c.code, c.name, c.level, c.path, p.code AS parent FROM courts c LEFT JOIN courts p ON p.id = c.parent_id
       WHERE c.code IN ('甘', '甘01', '甘0102', '甘0103', '甘0105', '甘05', '甘0502') ORDER BY c.id`,
    );
    expect(rows).toEqual([
      { code: '甘', name: '甘肃省高级人民法院', level: 'high', path: '/1/', parent: null },
      { code: '甘01', name: '兰州市中级人民法院', level: 'intermediate', path: '/1/2/', parent: '甘' },
      { code: '甘05', name: '天水市中级人民法院', level: 'intermediate', path: '/1/6/', parent: '甘' },
      { code: '甘0102', name: '兰州市城关区人民法院', level: 'basic', path: '/1/2/17/', parent: '甘01' },
      { code: '甘0103', name: '兰州市七里河区人民法院', level: 'basic', path: '/1/2/18/', parent: '甘01' },
      { code: '甘0105', name: '兰州市安宁区人民法院', level: 'basic', path: '/1/2/20/', parent: '甘01' },
      { code: '甘0502', name: '天水市秦州区人民法院', level: 'basic', path: '/1/6/34/', parent: '甘05' },
    ]);
  });

  it('hangs every basic court under an intermediate court and every intermediate court under 甘', async () => {
    const bad = await all<{ code: string }>(
      `SELECT c.code FROM courts c LEFT JOIN courts p ON p.id = c.parent_id
       WHERE (c.level = 'basic' AND (p.level IS NULL OR p.level <> 'intermediate'))
          OR (c.level = 'intermediate' AND (p.code IS NULL OR p.code <> '甘'))
          OR c.path <> coalesce(p.path, '/') || c.id || '/'`,
    );
    expect(bad).toEqual([]);
  });

  it('uses court codes that case numbers can carry', () => {
    for (const c of GANSU_COURTS) {
      const parsed = parseCaseNumber(`（2025）${c.code}民初1号`);
      expect(parsed.ok && parsed.value.courtCode, c.code).toBe(c.code);
    }
    expect(courtPath('甘0102')).toBe('/1/2/17/');
  });
});

describe('users', () => {
  it('creates each demo user with its role, court and the demo password', async () => {
    const rows = await all<{ username: string; code: string; roles: string; password_hash: string; display_name: string }>(
      `SELECT u.username, c.code, group_concat(r.role) AS roles, u.password_hash, u.display_name
       FROM users u JOIN courts c ON c.id = u.court_id JOIN user_roles r ON r.user_id = u.id GROUP BY u.id`,
    );
    const byName = new Map(rows.map((r) => [r.username, r]));
    const documented: [string, string, string][] = [
      ['judge', 'trial_judge', '甘0102'],
      ['enforcer', 'enforcement_judge', '甘0102'],
      ['petition', 'petition_officer', '甘01'],
      ['coordinator', 'coordinator', '甘01'],
      ['leader', 'leader', '甘'],
      ['admin', 'admin', '甘'],
      ['judge2', 'trial_judge', '甘0502'],
    ];
    for (const [username, role, code] of documented) {
      expect(byName.get(username), username).toMatchObject({ roles: role, code });
      expect(byName.get(username)?.display_name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
    expect(rows).toHaveLength(DEMO_USERS.length);
    expect(await verifyPassword(DEMO_PASSWORD, byName.get('judge')!.password_hash)).toBe(true);
  });
});

describe('cases', () => {
  interface CaseRow {
    id: string;
    case_number: string;
    court_code: string;
    year: number;
    type_code: string;
    serial: number;
    category: string;
    stage: string;
    filed_on: string;
    closed_on: string | null;
    party_count: number;
    listed: number;
  }
  const caseRows = () =>
    all<CaseRow>(
      `SELECT c.id, c.case_number, co.code AS court_code, c.year, c.type_code, c.serial, c.category, c.stage,
              c.filed_on, c.closed_on, c.party_count, (SELECT count(*) FROM parties p WHERE p.case_id = c.id) AS listed
       FROM cases c JOIN courts co ON co.id = c.court_id`,
    );

  it('has at least 300 cases at the 兰州 and 天水 courts', async () => {
    const rows = await caseRows();
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const lanzhou = courtPath('甘01');
    const tianshui = courtPath('甘05');
    const paths = await all<{ path: string; n: number }>(
      'SELECT co.path, count(*) AS n FROM cases c JOIN courts co ON co.id = c.court_id GROUP BY co.path',
    );
    expect(paths.every((p) => p.path.startsWith(lanzhou) || p.path.startsWith(tianshui))).toBe(true);
  });

  it('gives every case a number that parses to its own court, year, type, serial and category', async () => {
    for (const c of await caseRows()) {
      const parsed = parseCaseNumber(c.case_number);
      if (!parsed.ok) throw new Error(`${c.case_number}: ${parsed.error.part}`);
      expect(parsed.value, c.case_number).toMatchObject({
        normalized: c.case_number,
        courtCode: c.court_code,
        year: c.year,
        typeCode: c.type_code,
        serial: c.serial,
        category: c.category,
      });
    }
  });

  it('keeps dates, stages and party counts consistent', async () => {
    const examples = new Set<string>(Object.values(WORKED_EXAMPLES));
    for (const c of await caseRows()) {
      expect(c.filed_on <= TODAY, c.case_number).toBe(true);
      if (!examples.has(c.case_number)) expect(Number(c.filed_on.slice(0, 4)), c.case_number).toBe(c.year);
      expect(c.stage === 'closed', c.case_number).toBe(c.closed_on !== null);
      if (c.closed_on) expect(c.filed_on <= c.closed_on && c.closed_on <= TODAY, c.case_number).toBe(true);
      if (c.stage === 'enforcement') expect(c.category).toBe('enforcement');
      expect(c.listed, c.case_number).toBeGreaterThan(0);
      // A group case lists a few representatives of many; every other case lists all its parties.
      if (c.party_count !== c.listed) expect(c.party_count, c.case_number).toBeGreaterThanOrEqual(5);
    }
  });

  it('assigns cases to the demo judges of the right kind', async () => {
    const rows = await all<{ username: string; kind: string; n: number }>(
      `SELECT u.username, CASE WHEN c.category = 'enforcement' THEN 'enforcement' ELSE 'trial' END AS kind, count(*) AS n
       FROM cases c JOIN users u ON u.id = c.judge_id GROUP BY 1, 2`,
    );
    const n = (username: string, kind: string) => rows.find((r) => r.username === username && r.kind === kind)?.n ?? 0;
    expect(n('judge', 'trial')).toBeGreaterThanOrEqual(50);
    expect(n('enforcer', 'enforcement')).toBeGreaterThanOrEqual(25);
    expect(n('judge2', 'trial')).toBeGreaterThanOrEqual(10);
    expect(n('judge', 'enforcement') + n('enforcer', 'trial')).toBe(0);
  });
});

describe('the worked examples of domain.md §6', () => {
  async function example(caseNumber: string) {
    const [c] = await all<{ id: string; party_count: number; stage: string; cause: string; judge: string | null; filed_on: string; amount: number }>(
      `SELECT c.id, c.party_count, c.stage, c.cause, u.username AS judge, c.filed_on, c.amount_in_dispute AS amount
       FROM cases c LEFT JOIN users u ON u.id = c.judge_id WHERE c.case_number = ?`,
      caseNumber,
    );
    if (!c) throw new Error(`missing ${caseNumber}`);
    const flags = await all<{ factor_code: string; withdrawn_at: string | null }>(
      'SELECT factor_code, withdrawn_at FROM flags WHERE case_id = ? ORDER BY factor_code',
      c.id,
    );
    return { ...c, flags: flags.map((f) => f.factor_code), withdrawn: flags.filter((f) => f.withdrawn_at).length };
  }

  it('（2024）甘0102民初1234号: 36 migrant workers, three flags', async () => {
    const c = await example(WORKED_EXAMPLES.wages);
    expect(c).toMatchObject({ party_count: 36, stage: 'trial', cause: '追索劳动报酬纠纷', judge: 'judge', amount: 860000, withdrawn: 0 });
    expect(c.flags).toEqual(['GROUP_DISPUTE', 'THREAT_PETITION', 'WAGE_ARREARS']);
  });

  it('（2024）甘0102执3456号: disabled creditor, debtor has nothing', async () => {
    const c = await example(WORKED_EXAMPLES.enforcement);
    expect(c).toMatchObject({ party_count: 2, stage: 'enforcement', judge: 'enforcer', withdrawn: 0 });
    expect(c.flags).toEqual(['DEATH_OR_SERIOUS_INJURY', 'ECONOMIC_HARDSHIP', 'ENFORCEMENT_IMPOSSIBLE', 'VULNERABLE_PARTY']);
    const vulnerable = await all<{ n: number }>('SELECT count(*) AS n FROM parties WHERE case_id = ? AND vulnerable = 1', c.id);
    expect(vulnerable[0]?.n).toBe(1);
  });

  it('（2023）甘0103民初5678号: divorce, a threat of suicide', async () => {
    const c = await example(WORKED_EXAMPLES.divorce);
    expect(c).toMatchObject({ party_count: 2, cause: '离婚纠纷', withdrawn: 0 });
    expect(c.flags).toEqual(['THREAT_EXTREME']);
  });

  it('（2024）甘0105民初910号: property fee, no flags, filed 40 days ago', async () => {
    const c = await example(WORKED_EXAMPLES.propertyFee);
    expect(c).toMatchObject({ party_count: 2, stage: 'trial', cause: '物业服务合同纠纷', filed_on: addDays(TODAY, -40), flags: [] });
    expect(c.amount).toBeLessThan(10000);
  });

  it('leaves the other worked examples pending under 180 days, so their scores are the documented ones', async () => {
    for (const n of [WORKED_EXAMPLES.wages, WORKED_EXAMPLES.enforcement, WORKED_EXAMPLES.divorce]) {
      const c = await example(n);
      expect(c.filed_on > addDays(TODAY, -180), n).toBe(true);
    }
  });

  it('leaves unflagged open trial cases at 城关区法院 for a demo to flag', async () => {
    const rows = await all<{ n: number }>(
      `SELECT count(*) AS n FROM cases c JOIN courts co ON co.id = c.court_id
       WHERE co.code = '甘0102' AND c.stage = 'trial' AND c.category = 'civil'
         AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id)`,
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(3);
  });

  it('keeps the five recent ones quiet: below the warn line and without a warning, so a flag raises the first', async () => {
    const rows = await all<{ case_number: string; level: string; warnings: number }>(
      `SELECT c.case_number, c.level, (SELECT count(*) FROM warnings w WHERE w.case_id = c.id) AS warnings
       FROM cases c JOIN courts co ON co.id = c.court_id
       WHERE co.code = '甘0102' AND c.stage = 'trial' AND c.category = 'civil' AND c.filed_on IN (?, ?, ?, ?, ?)
         AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id)`,
      ...[6, 15, 22, 34, 48].map((ago) => addDays(TODAY, -ago)),
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) expect({ level: levelRank(r.level as Level) < levelRank('yellow'), warnings: r.warnings }, r.case_number).toEqual({ level: true, warnings: 0 });
  });
});

describe('flags', () => {
  it('flags about a quarter of the cases, never the same factor twice while active', async () => {
    const [row] = await all<{ cases: number; flagged: number; withdrawn: number }>(
      `SELECT (SELECT count(*) FROM cases) AS cases,
              (SELECT count(DISTINCT case_id) FROM flags) AS flagged,
              (SELECT count(*) FROM flags WHERE withdrawn_at IS NOT NULL) AS withdrawn`,
    );
    expect(row!.flagged / row!.cases).toBeGreaterThan(0.18);
    expect(row!.flagged / row!.cases).toBeLessThan(0.32);
    expect(row!.withdrawn).toBeGreaterThan(0);
    const dup = await all('SELECT case_id, factor_code FROM flags WHERE withdrawn_at IS NULL GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dup).toEqual([]);
  });

  it('records withdrawals completely and after the flag, and flags by users who may flag the case', async () => {
    const bad = await all(
      `SELECT f.id FROM flags f JOIN cases c ON c.id = f.case_id
       WHERE (f.withdrawn_at IS NULL) <> (f.withdrawn_by IS NULL) OR (f.withdrawn_at IS NULL) <> (f.withdraw_note IS NULL)
          OR f.withdrawn_at < f.created_at OR f.created_at < c.created_at OR f.note = ''`,
    );
    expect(bad).toEqual([]);
    const flaggers = await all<{ username: string }>(
      'SELECT DISTINCT u.username FROM flags f JOIN users u ON u.id = f.created_by JOIN cases c ON c.id = f.case_id WHERE u.id <> c.judge_id OR c.judge_id IS NULL',
    );
    expect(flaggers.map((u) => u.username)).toEqual(['petition']);
  });
});

/** A warning as the app stores it, with what the checks read of its case and court. */
interface WarningRow extends Omit<DbWarningRow, 'state'> {
  state: string;
  case_number: string;
  case_level: Level;
  case_score: number;
  court_code: string;
}
interface EventRow {
  id: number;
  warning_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  from_level: string | null;
  to_level: string | null;
  note: string;
  data_json: string | null;
}
const CLOSED = ['resolved', 'dismissed'];
const warningRows = () =>
  all<WarningRow>(
    `SELECT w.*, c.case_number, c.level AS case_level, c.score AS case_score, co.code AS court_code
     FROM warnings w JOIN cases c ON c.id = w.case_id JOIN courts co ON co.id = w.court_id ORDER BY w.created_at, w.id`,
  );
const userIdOf = (username: string) => seed.find((t) => t.table === 'users')!.rows.find((u) => u.username === username)!.id as string;

describe('assessments', () => {
  it('gives every case its current assessment under the default rule set, equal to a fresh evaluation of its facts', async () => {
    const rules = await activeRuleSet(env.DB);
    expect(rules).toMatchObject({ id: DEFAULT_RULE_SET_ID, version: DEFAULT_RULE_SET_VERSION });
    const ids = (await all<{ id: string }>('SELECT id FROM cases')).map((r) => r.id);
    const current = new Map(
      (
        await all<{ case_id: string; rule_set_id: string; rule_set_version: number; score: number; level: string; warn: number; facts_json: string; matched_json: string; trace_json: string; cause: string; job_id: string | null; assessed_at: string }>(
          'SELECT a.* FROM cases c JOIN assessments a ON a.id = c.assessment_id AND a.case_id = c.id',
        )
      ).map((a) => [a.case_id, a]),
    );
    expect(current.size).toBe(ids.length);
    // Petition facts as of the demo's day, whatever day the suite runs on.
    const cases = [...(await loadScoringState(env.DB, ids, undefined, TODAY)).cases.values()];
    expect(cases).toHaveLength(ids.length);
    for (const c of cases) {
      const facts = caseFacts(c, TODAY);
      const fresh = evaluate(rules.compiled, facts);
      const a = current.get(c.id)!;
      expect({ score: a.score, level: a.level, warn: a.warn, caseScore: c.score, caseLevel: c.level }, c.caseNumber).toEqual({
        score: fresh.score,
        level: fresh.level,
        warn: fresh.warn ? 1 : 0,
        caseScore: fresh.score,
        caseLevel: fresh.level,
      });
      expect(JSON.parse(a.facts_json), c.caseNumber).toEqual(facts);
      // The trace is rebuilt when read; the row keeps the matched rules' ids.
      expect(JSON.parse(a.matched_json), c.caseNumber).toEqual(matchedRuleIds(fresh));
      expect(a.trace_json, c.caseNumber).toBe('');
      expect(a, c.caseNumber).toMatchObject({ rule_set_id: DEFAULT_RULE_SET_ID, rule_set_version: 1, cause: 'seed', job_id: null, assessed_at: SEEDED_AT });
    }
  });

  it('keeps the current assessment the latest, and gives some flagged cases an earlier one', async () => {
    const later = await all(
      `SELECT c.case_number FROM cases c JOIN assessments a ON a.id = c.assessment_id
       WHERE EXISTS (SELECT 1 FROM assessments b WHERE b.case_id = c.id AND b.assessed_at >= a.assessed_at AND b.id <> a.id)`,
    );
    expect(later).toEqual([]);
    const [row] = await all<{ cases: number; earlier: number; flagged: number }>(
      `SELECT count(DISTINCT a.case_id) AS cases, count(*) AS earlier,
              sum(EXISTS (SELECT 1 FROM flags f WHERE f.case_id = a.case_id)) AS flagged
       FROM assessments a JOIN cases c ON c.id = a.case_id WHERE a.id <> c.assessment_id`,
    );
    expect(row!.earlier).toBe(row!.cases);
    expect(row!.cases).toBeGreaterThanOrEqual(3);
    expect(row!.flagged).toBe(row!.cases);
    const bad = await all(`SELECT id FROM assessments WHERE rule_set_id <> ? OR rule_set_version <> 1 OR job_id IS NOT NULL OR warn <> (level IN ('yellow', 'orange', 'red'))`, DEFAULT_RULE_SET_ID);
    expect(bad).toEqual([]);
  });

  it('scores the worked examples of domain.md §6 as documented, with their warnings', async () => {
    const rows = await all<{ case_number: string; score: number; level: string; state: string | null; w_level: string | null; w_score: number | null; warnings: number }>(
      `SELECT c.case_number, c.score, c.level, w.state, w.level AS w_level, w.score AS w_score,
              (SELECT count(*) FROM warnings x WHERE x.case_id = c.id) AS warnings
       FROM cases c LEFT JOIN warnings w ON w.case_id = c.id AND w.state NOT IN ('resolved', 'dismissed')
       WHERE c.case_number IN (?, ?, ?, ?)`,
      ...Object.values(WORKED_EXAMPLES),
    );
    const by = new Map(rows.map(({ case_number, ...r }) => [case_number, r]));
    expect(by.get(WORKED_EXAMPLES.wages)).toEqual({ score: 14, level: 'red', state: 'open', w_level: 'red', w_score: 14, warnings: 1 });
    expect(by.get(WORKED_EXAMPLES.enforcement)).toEqual({ score: 9, level: 'orange', state: 'proposed', w_level: 'orange', w_score: 9, warnings: 1 });
    expect(by.get(WORKED_EXAMPLES.divorce)).toEqual({ score: 0, level: 'red', state: 'acknowledged', w_level: 'red', w_score: 0, warnings: 1 });
    expect(by.get(WORKED_EXAMPLES.propertyFee)).toEqual({ score: 0, level: 'none', state: null, w_level: null, w_score: null, warnings: 0 });
  });

  it('stores only valid levels on cases, so every level filter finds its cases', async () => {
    const levels = await all<{ level: string | null; n: number; bad_score: number }>(
      'SELECT level, count(*) AS n, sum(score IS NULL OR score < 0) AS bad_score FROM cases GROUP BY level',
    );
    for (const l of levels) {
      expect(LEVELS, String(l.level)).toContain(l.level);
      expect(l.bad_score).toBe(0);
    }
    for (const level of LEVELS) expect(levels.find((l) => l.level === level)?.n ?? 0, level).toBeGreaterThan(0);
    // Through the case list's level filter, as the leader (who sees every court).
    for (const level of ['red', 'yellow'] as const) {
      const res = await api('GET', `/cases?level=${level}`, { as: 'leader' });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(levels.find((l) => l.level === level)!.n);
    }
  });
});

describe('warnings', () => {
  it('keeps at most one warning per case open', async () => {
    const dup = await all(`SELECT case_id FROM warnings WHERE state NOT IN ('resolved', 'dismissed') GROUP BY case_id HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });

  it('warns every case at or above yellow, and keeps open warnings in step with their case', async () => {
    const unwarned = await all(
      `SELECT case_number FROM cases c WHERE level IN ('yellow', 'orange', 'red') AND NOT EXISTS (SELECT 1 FROM warnings w WHERE w.case_id = c.id)`,
    );
    expect(unwarned).toEqual([]);
    const warnings = await warningRows();
    const events = await all<EventRow>('SELECT * FROM warning_events ORDER BY id');
    for (const w of warnings) {
      if (CLOSED.includes(w.state)) {
        // A case whose level rose above the level its last warning was closed at would have been warned again.
        const mine = warnings.filter((o) => o.case_id === w.case_id);
        const lastClosed = mine.filter((o) => CLOSED.includes(o.state)).sort((a, b) => (a.closed_at! < b.closed_at! ? 1 : -1))[0]!;
        if (lastClosed.id === w.id && !mine.some((o) => !CLOSED.includes(o.state))) {
          expect(levelRank(w.case_level) <= levelRank(w.level_at_close!), w.case_number).toBe(true);
        }
        continue;
      }
      expect({ level: w.level, score: w.score }, w.case_number).toEqual({ level: w.case_level, score: w.case_score });
      if (levelRank(w.case_level) < levelRank('yellow')) {
        // Raised earlier; the level dropped since (a withdrawn flag), which does not close it.
        const drop = events.filter((e) => e.warning_id === w.id && e.kind === 'level_changed').at(-1);
        expect(drop?.to_level, w.case_number).toBe(w.case_level);
      }
    }
  });

  it('keeps each warning at its case’s court unless escalated, due while open and from its raising or escalation', async () => {
    for (const w of await warningRows()) {
      const from = w.escalated_at && w.escalated_at > w.raised_at ? w.escalated_at : w.raised_at;
      const due = w.state === 'open' ? (reviewDeadline(w.level, from)?.toISOString() ?? null) : null;
      expect(w.due_at, w.case_number).toBe(due);
      if (!w.escalations) expect(w.court_code, w.case_number).toBe(courtCodeOfCase(w.case_number));
      if (w.state === 'resolved') expect(w.outcome && w.closed_at && w.level_at_close && w.reason, w.case_number).toBeTruthy();
      if (w.state === 'dismissed') expect(w.reason && w.closed_at && w.level_at_close && !w.outcome, w.case_number).toBeTruthy();
      if (!CLOSED.includes(w.state)) expect([w.closed_at, w.level_at_close, w.outcome], w.case_number).toEqual([null, null, null]);
      expect(w.updated_at < SEEDED_AT, w.case_number).toBe(true);
    }
  });

  it('gives every warning a timeline that starts with `raised` and leads to its state, level and people, by their ids', async () => {
    const warnings = await warningRows();
    const events = await all<EventRow>('SELECT * FROM warning_events ORDER BY id');
    const users = new Set((await all<{ id: string }>('SELECT id FROM users')).map((u) => u.id));
    for (const w of warnings) {
      const mine = events.filter((e) => e.warning_id === w.id);
      expect(mine[0], w.case_number).toMatchObject({ kind: 'raised', to_state: 'open', to_level: expect.any(String), at: w.created_at });
      let state = 'open';
      let level = mine[0]!.to_level;
      let owner: string | null = null;
      let leader: string | null = null;
      let court = courtByCode(courtCodeOfCase(w.case_number)).id;
      let opened = w.created_at;
      let closing: { outcome: string | null; reason: string } | null = null;
      for (const [i, e] of mine.entries()) {
        if (i > 0) expect(e.at > mine[i - 1]!.at, `${w.case_number} #${i}`).toBe(true);
        if (e.actor_id) expect(users.has(e.actor_id)).toBe(true);
        const data = JSON.parse(e.data_json ?? '{}') as Record<string, unknown>;
        if (i > 0 && e.from_state) {
          expect(e.from_state, `${w.case_number} ${e.kind}`).toBe(state);
          state = e.to_state!;
        }
        if (e.to_level) level = e.to_level;
        if (e.kind === 'auto_reopened' || e.kind === 'reopened') opened = e.at;
        if (e.kind === 'acknowledged') owner = data.ownerId as string;
        if (e.kind === 'leader_assigned') leader = data.leaderId as string;
        if (e.kind === 'escalated') {
          owner = null;
          court = data.courtId as number;
        }
        if (e.kind === 'resolved' || e.kind === 'dismissed') closing = { outcome: (data.outcome as string) ?? null, reason: e.note };
      }
      if (CLOSED.includes(w.state)) expect(closing, w.case_number).toEqual({ outcome: w.outcome, reason: w.reason });
      expect({ state, level, owner, leader, court, opened }, w.case_number).toEqual({
        state: w.state,
        level: w.level,
        owner: w.owner_id,
        leader: w.leader_id,
        court: w.court_id,
        opened: w.raised_at,
      });
      // One version per change: every timeline entry, plus score changes that write none.
      expect(w.version, w.case_number).toBeGreaterThanOrEqual(mine.length);
      expect(w.updated_at >= mine.at(-1)!.at, w.case_number).toBe(true);
    }
  });

  it('stores ids and codes in the timeline, never names', async () => {
    const events = await all<EventRow>('SELECT * FROM warning_events');
    const users = await all<{ id: string; display_name: string }>('SELECT id, display_name FROM users');
    const courts = await all<{ id: number; name: string; name_en: string }>('SELECT id, name, name_en FROM courts');
    const names = new Set([...users.map((u) => u.display_name), ...courts.flatMap((c) => [c.name, c.name_en])]);
    const KEYS = ['cause', 'score', 'ruleSetVersion', 'ownerId', 'leaderId', 'courtId', 'outcome', 'overdue', 'dueAt', 'meetingId', 'agendaItemId', 'decisionNo', 'itemOutcome'];
    const meetings = new Set((await all<{ id: string }>('SELECT id FROM meetings')).map((m) => m.id));
    const items = new Set((await all<{ id: string }>('SELECT id FROM agenda_items')).map((m) => m.id));
    const seen = new Set<string>();
    for (const e of events) {
      const data = JSON.parse(e.data_json!) as Record<string, unknown>;
      for (const [key, value] of Object.entries(data)) {
        seen.add(key);
        expect(KEYS, `${e.kind} ${key}`).toContain(key);
        expect(names.has(String(value)), `${e.kind} ${key}`).toBe(false);
      }
      if (data.ownerId !== undefined) expect(users.some((u) => u.id === data.ownerId)).toBe(true);
      if (data.leaderId !== undefined) expect(users.some((u) => u.id === data.leaderId)).toBe(true);
      if (data.courtId !== undefined) expect(courts.some((c) => c.id === data.courtId)).toBe(true);
      if (data.meetingId !== undefined) expect(meetings.has(data.meetingId as string), `${e.kind} meetingId`).toBe(true);
      if (data.agendaItemId !== undefined) expect(items.has(data.agendaItemId as string), `${e.kind} agendaItemId`).toBe(true);
    }
    expect([...seen].sort()).toEqual(['agendaItemId', 'cause', 'courtId', 'decisionNo', 'dueAt', 'itemOutcome', 'leaderId', 'meetingId', 'outcome', 'overdue', 'ownerId', 'ruleSetVersion', 'score']);
  });

  it('renders every timeline entry as a sentence on the warning page, with the names of the people and courts', async () => {
    const ids = (await all<{ id: string }>('SELECT id FROM warnings')).map((r) => r.id);
    const names = new Map((await all<{ id: string; display_name: string }>('SELECT id, display_name FROM users')).map((u) => [u.id, u.display_name]));
    const kinds = new Set<string>();
    for (const id of ids) {
      const res = await api('GET', `/warnings/${id}`, { as: 'leader' });
      expect(res.status).toBe(200);
      for (const e of res.body.timeline as { kind: string; text: string }[]) {
        kinds.add(e.kind);
        expect(e.text, e.kind).toBeTruthy();
        expect(e.text, e.kind).not.toMatch(/[{}]|，）|：$/);
        if (e.kind === 'acknowledged') expect([names.get(userIdOf('petition')), names.get(userIdOf('petition_05'))].some((n) => e.text.includes(n!)), e.text).toBe(true);
        if (e.kind === 'leader_assigned') expect(e.text).toContain(names.get(userIdOf('leader')));
        if (e.kind === 'escalated') expect(e.text).toMatch(/(兰州|天水)市中级人民法院/);
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['acknowledged', 'dismissed', 'escalated', 'leader_assigned', 'level_changed', 'proposed', 'raised', 'resolved']));
    // The same entry in English names the court in English, whatever language it was written in.
    const [escalated] = await all<{ warning_id: string }>(`SELECT warning_id FROM warning_events WHERE kind = 'escalated' LIMIT 1`);
    const en = await api('GET', `/warnings/${escalated!.warning_id}`, { as: 'leader', headers: { 'accept-language': 'en' } });
    expect((en.body.timeline as { kind: string; text: string }[]).find((e) => e.kind === 'escalated')?.text).toMatch(/Intermediate People's Court/);
  });
});

describe('the history lives in the present', () => {
  const DAY_MS = 24 * 3600_000;
  const daysBefore = (days: number) => new Date(Date.parse(SEEDED_AT) - days * DAY_MS).toISOString();
  const active = (ws: WarningRow[]) => ws.filter((w) => !CLOSED.includes(w.state));

  it('raises warnings over the past weeks, spread over days and office hours: never more than a few in one minute', async () => {
    const warnings = await warningRows();
    const perMinute = new Map<string, number>();
    for (const w of warnings) perMinute.set(w.created_at.slice(0, 16), (perMinute.get(w.created_at.slice(0, 16)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(3);
    const recent = warnings.filter((w) => w.created_at >= daysBefore(42));
    expect(recent.length).toBeGreaterThanOrEqual(10);
    expect(new Set(recent.map((w) => shanghaiDay(w.created_at))).size).toBeGreaterThanOrEqual(8);
    // A person's change raises it in office hours; the daily run's re-score just after 02:00.
    const raised = await all<EventRow>(`SELECT * FROM warning_events WHERE kind = 'raised'`);
    for (const e of raised) {
      const time = shanghaiIso(e.at).slice(11, 19);
      const cause = JSON.parse(e.data_json!).cause as string;
      if (cause === 'daily') expect(time, e.at).toBe('02:00:30');
      else expect(time >= '08:30:00' && time < '18:00:00', `${cause} ${e.at}`).toBe(true);
    }
  });

  it('reviews most warnings within their deadline: a few are due today, a few overdue', async () => {
    const warnings = await warningRows();
    const open = warnings.filter((w) => w.state === 'open');
    const overdue = open.filter((w) => w.due_at !== null && w.due_at < SEEDED_AT);
    const dueToday = open.filter((w) => w.due_at !== null && w.due_at >= SEEDED_AT && w.due_at < new Date(Date.parse(SEEDED_AT) + DAY_MS).toISOString());
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length / active(warnings).length).toBeLessThan(0.1);
    expect(dueToday.map((w) => w.case_number)).toContain(WORKED_EXAMPLES.wages);
    expect(open.length / active(warnings).length).toBeLessThan(0.3);
    // The rest of the queue is being worked on, and the past is mostly settled.
    const by = (state: string) => warnings.filter((w) => w.state === state).length;
    expect(by('acknowledged')).toBeGreaterThan(by('open'));
    expect(by('proposed')).toBeGreaterThanOrEqual(3);
    expect(by('resolved') + by('dismissed')).toBeGreaterThan(active(warnings).length);
    const petition = userIdOf('petition');
    const tianshui = userIdOf('petition_05');
    for (const w of warnings.filter((x) => ['acknowledged', 'proposed'].includes(x.state))) {
      expect(w.owner_id, w.case_number).toBe(courtPath(w.court_code).startsWith(courtPath('甘05')) ? tianshui : petition);
    }
    const { reviews } = await freshReplay();
    expect(reviews.inTime / (reviews.inTime + reviews.late)).toBeGreaterThan(0.85);
  });

  it('escalates every overdue red warning that has a court above, at the daily run after its deadline, and the office above takes it up', async () => {
    const warnings = await warningRows();
    const parents = new Map((await all<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM courts')).map((c) => [c.id, c.parent_id]));
    const overdueRed = warnings.filter((w) => w.state === 'open' && w.level === 'red' && w.due_at !== null && w.due_at < SEEDED_AT);
    expect(overdueRed.filter((w) => parents.get(w.court_id) !== null).map((w) => w.case_number)).toEqual([]);

    const escalations = await all<EventRow>(`SELECT * FROM warning_events WHERE kind = 'escalated' ORDER BY id`);
    expect(escalations.filter((e) => e.at >= daysBefore(60)).length).toBeGreaterThanOrEqual(1);
    const courtOf = new Map<string, number>();
    for (const e of escalations) {
      const data = JSON.parse(e.data_json!) as { courtId: number; overdue: boolean; dueAt: string };
      const w = warnings.find((x) => x.id === e.warning_id)!;
      const from = courtOf.get(w.id) ?? courtByCode(courtCodeOfCase(w.case_number)).id;
      expect(parents.get(from), w.case_number).toBe(data.courtId);
      courtOf.set(w.id, data.courtId);
      expect(data.overdue).toBe(true);
      expect(e.actor_id).toBeNull();
      // 02:00 Shanghai on the day after the deadline passed: the first daily run after it.
      expect(shanghaiIso(e.at).slice(11, 16), e.at).toBe('02:00');
      expect(e.at > data.dueAt && Date.parse(e.at) - Date.parse(data.dueAt) <= DAY_MS, e.at).toBe(true);
      const next = await all<EventRow>('SELECT * FROM warning_events WHERE warning_id = ? AND id > ? ORDER BY id LIMIT 1', e.warning_id, e.id);
      expect(next[0]?.kind).toBe('acknowledged');
      expect(shanghaiDay(next[0]!.at)).toBe(shanghaiDay(e.at));
    }
    // The app's own queue of overdue warnings agrees with the stored deadlines.
    const late = await api('GET', '/warnings?status=open&overdue=1', { as: 'leader' });
    expect(late.status).toBe(200);
    expect(late.body.total).toBe(warnings.filter((w) => w.state === 'open' && w.due_at !== null && w.due_at < new Date().toISOString()).length);
  });

  it('puts each worked example at a telling point of its course', async () => {
    const rows = await warningRows();
    const of = (n: string) => rows.find((w) => w.case_number === n && !CLOSED.includes(w.state))!;
    // Flagged yesterday, red, due for review today: nobody has looked at it yet.
    const wages = of(WORKED_EXAMPLES.wages);
    expect(wages).toMatchObject({ state: 'open', owner_id: null, court_code: '甘0102' });
    expect([shanghaiDay(wages.raised_at), shanghaiDay(wages.due_at!)]).toEqual([addDays(TODAY, -1), TODAY]);
    // Reviewed, re-levelled since, and proposed for a joint meeting with a leader in charge.
    expect(of(WORKED_EXAMPLES.enforcement)).toMatchObject({ state: 'proposed', owner_id: userIdOf('petition'), leader_id: userIdOf('leader') });
    // Reviewed within hours of the threat, a leader in charge the next day.
    const divorce = of(WORKED_EXAMPLES.divorce);
    expect(divorce).toMatchObject({ state: 'acknowledged', owner_id: userIdOf('petition'), leader_id: userIdOf('leader') });
    const events = await all<EventRow>('SELECT * FROM warning_events WHERE warning_id = ? ORDER BY id', divorce.id);
    expect(events.map((e) => e.kind)).toEqual(['raised', 'acknowledged', 'leader_assigned']);
    expect(Date.parse(events[1]!.at) - Date.parse(events[0]!.at)).toBeLessThan(6 * 3600_000);
  });

  it('is what a fresh replay of every case through the warning lifecycle writes: its scorings, the daily runs and the people’s actions', async () => {
    const { warnings, timelines } = await freshReplay();
    const stored = await all<DbWarningRow>('SELECT * FROM warnings ORDER BY id');
    expect(warnings.size).toBe(stored.length);
    expect(stored.map((w) => warnings.get(w.id))).toEqual(stored.map(toWarning));
    const events = await all<EventRow>('SELECT * FROM warning_events ORDER BY id');
    for (const w of stored) {
      const mine = events.filter((e) => e.warning_id === w.id).map(({ id: _id, warning_id: _w, data_json, ...e }) => ({ ...e, data: JSON.parse(data_json!) }));
      expect(mine, w.id).toEqual(
        timelines.get(w.id)!.map((e) => ({
          at: e.at,
          actor_id: e.actorId,
          kind: e.kind,
          from_state: e.fromState,
          to_state: e.toState,
          from_level: e.fromLevel,
          to_level: e.toLevel,
          note: e.note,
          data: e.data,
        })),
      );
    }
  });
});

describe('joint meetings of 兰州中院', () => {
  interface MeetingRow {
    id: string;
    kind: string;
    state: string;
    title: string;
    starts_at: string;
    court_code: string;
    published_at: string | null;
    finalized_at: string | null;
  }
  const meetings = () =>
    all<MeetingRow>('SELECT m.*, c.code AS court_code FROM meetings m JOIN courts c ON c.id = m.court_id ORDER BY m.starts_at');
  const itemsOf = (id: string) =>
    all<{ id: string; kind: string; warning_id: string | null; open: number; outcome: string | null; text: string | null }>(
      'SELECT ai.*, d.outcome, d.text FROM agenda_items ai LEFT JOIN decisions d ON d.agenda_item_id = ai.id WHERE ai.meeting_id = ? ORDER BY ai.position',
      id,
    );

  it('holds two past meetings of each kind with final minutes, one published in a few days and one draft, at 兰州中院', async () => {
    const rows = await meetings();
    expect(rows.every((m) => m.court_code === '甘01')).toBe(true);
    for (const kind of ['trial_enforcement', 'petition', 'case_coordination']) {
      const past = rows.filter((m) => m.kind === kind && m.state === 'minutes_final');
      expect(past, kind).toHaveLength(2);
      for (const m of past) {
        expect(m.starts_at < SEEDED_AT && m.finalized_at! > m.starts_at && m.finalized_at! < SEEDED_AT && m.published_at! < m.starts_at, m.title).toBe(true);
      }
    }
    const published = rows.filter((m) => m.state === 'published');
    const drafts = rows.filter((m) => m.state === 'draft');
    expect(published).toHaveLength(1);
    expect(drafts).toHaveLength(1);
    expect(published[0]!.starts_at > SEEDED_AT && published[0]!.published_at! < SEEDED_AT).toBe(true);
    expect(drafts[0]!.starts_at > published[0]!.starts_at).toBe(true);
    expect(published[0]!.title).toMatch(/^\d{4}年\d{1,2}月审执联席会议$/);
  });

  it('puts the standard items first on regular meetings, decides every item it followed up or resolved, and holds a warning on one open agenda at most', async () => {
    for (const m of await meetings()) {
      const items = await itemsOf(m.id);
      const kinds = items.map((i) => i.kind);
      if (m.kind === 'case_coordination') expect(kinds.every((k) => k === 'warning'), m.title).toBe(true);
      else expect(kinds.slice(0, 2), m.title).toEqual(['data_report', 'previous_actions']);
      expect(kinds.filter((k) => k === 'warning').length, m.title).toBeGreaterThan(0);
      expect(items.every((i) => i.open === (m.state === 'minutes_final' ? 0 : 1)), m.title).toBe(true);
      if (m.state === 'minutes_final') {
        for (const i of items.filter((x) => x.kind === 'warning')) {
          expect(i.outcome, m.title).not.toBeNull();
          if (i.outcome === 'follow_up' || i.outcome === 'resolved') expect(i.text, m.title).toBeTruthy();
        }
      }
    }
    const twice = await all<{ warning_id: string; n: number }>('SELECT warning_id, count(*) AS n FROM agenda_items WHERE open = 1 AND warning_id IS NOT NULL GROUP BY warning_id HAVING n > 1');
    expect(twice).toEqual([]);
    const onOpenAgendas = await all<{ state: string }>("SELECT w.state FROM agenda_items ai JOIN warnings w ON w.id = ai.warning_id WHERE ai.open = 1");
    expect(onOpenAgendas.every((w) => w.state === 'scheduled')).toBe(true);
    expect((await warningRows()).filter((w) => w.state === 'scheduled')).toHaveLength(onOpenAgendas.length);
  });

  it('writes each meeting’s steps to its warnings’ timelines: scheduled, then the outcome of the final minutes', async () => {
    const events = await all<EventRow>("SELECT * FROM warning_events WHERE json_extract(data_json, '$.meetingId') IS NOT NULL ORDER BY id");
    for (const m of (await meetings()).filter((x) => x.state === 'minutes_final')) {
      for (const item of (await itemsOf(m.id)).filter((i) => i.kind === 'warning')) {
        const mine = events.filter((e) => e.warning_id === item.warning_id && JSON.parse(e.data_json!).meetingId === m.id).map((e) => e.kind);
        const expected = { follow_up: ['followed_up'], resolved: ['followed_up', 'resolved'], carry_over: ['unscheduled'], withdrawn: ['unscheduled', 'proposal_withdrawn'] }[item.outcome as string]!;
        expect(mine[0], m.title).toBe('scheduled');
        expect(mine.filter((k) => k !== 'scheduled' && k !== 'leader_assigned'), m.title).toEqual(expected);
      }
    }
    const followed = events.find((e) => e.kind === 'followed_up')!;
    expect(JSON.parse(followed.data_json!).decisionNo).toBeGreaterThan(0);
    expect(followed.note).not.toBe('');
  });

  it('carries a warning over twice: two final meetings did not reach it, and it is on the published agenda', async () => {
    const [carried] = await all<{ id: string; carry_overs: number; state: string }>('SELECT id, carry_overs, state FROM warnings WHERE carry_overs > 0 ORDER BY carry_overs DESC');
    expect(carried).toMatchObject({ carry_overs: 2, state: 'scheduled' });
    const outcomes = await all<{ state: string; outcome: string | null }>(
      'SELECT m.state, d.outcome FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id LEFT JOIN decisions d ON d.agenda_item_id = ai.id WHERE ai.warning_id = ? ORDER BY m.starts_at',
      carried!.id,
    );
    expect(outcomes).toEqual([
      { state: 'minutes_final', outcome: 'carry_over' },
      { state: 'minutes_final', outcome: 'carry_over' },
      { state: 'published', outcome: null },
    ]);
  });

  it('follows up action items: some done, some overdue, one carried to two later agendas, owners told', async () => {
    const items = await all<{ id: string; state: string; due_on: string; overdue_at: string | null; closed_at: string | null; created_at: string; n: number }>(
      'SELECT ai.*, (SELECT count(*) FROM carried_action_items c WHERE c.action_item_id = ai.id) AS n FROM action_items ai',
    );
    expect(items.filter((a) => a.state === 'done').length).toBeGreaterThanOrEqual(3);
    expect(items.filter((a) => a.state === 'open' && a.due_on < TODAY).length).toBeGreaterThanOrEqual(2);
    expect(items.filter((a) => a.state === 'open' && a.due_on >= TODAY).length).toBeGreaterThanOrEqual(1);
    expect(items.some((a) => a.state === 'cancelled')).toBe(true);
    expect(Math.max(...items.map((a) => a.n))).toBe(2);
    for (const a of items) {
      expect(a.created_at < SEEDED_AT && (a.closed_at === null || (a.closed_at > a.created_at && a.closed_at < SEEDED_AT))).toBe(true);
      // Marked overdue by the daily run after its due day, when that run came before the data's "now".
      if (a.overdue_at) expect(a.state === 'open' && a.due_on < TODAY && a.overdue_at < SEEDED_AT).toBe(true);
    }
    const told = await all<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM notifications GROUP BY kind');
    expect(told.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['action_item_assigned', 'action_item_overdue', 'meeting_published']));
  });

  it('leaves a followed-up warning whose action items are all done, for the petition office to resolve', async () => {
    const rows = await all<{ id: string; open: number; done: number }>(
      `SELECT w.id, sum(ai.state = 'open') AS open, sum(ai.state = 'done') AS done
       FROM warnings w JOIN action_items ai ON ai.warning_id = w.id WHERE w.state = 'in_followup' GROUP BY w.id`,
    );
    expect(rows.some((r) => r.open === 0 && r.done > 0)).toBe(true);
    expect(rows.some((r) => r.open > 0)).toBe(true);
  });

  it('shows the meetings on the app’s pages: the coordinator’s landing and the published agenda with its carried-over item', async () => {
    const published = (await meetings()).find((m) => m.state === 'published')!;
    const landing = await api('GET', '/meetings', { as: 'coordinator' });
    expect(landing.status).toBe(200);
    expect(landing.body.items.map((m: { id: string }) => m.id)).toContain(published.id);
    const detail = await api('GET', `/meetings/${published.id}`, { as: 'coordinator' });
    expect(detail.status).toBe(200);
    expect(detail.body.agenda.some((i: { warning: { carryOvers: number } | null }) => i.warning?.carryOvers === 2)).toBe(true);
    expect(detail.body.previousActions.length).toBeGreaterThan(0);
  });
});

/**
 * Every case replayed afresh from its rows, independently of the seed's own replay: each scoring
 * the app made (registration, each flag added or withdrawn, the daily re-score on a day a
 * `daysPending` rule may change, the seed's own), the daily run's escalation at 02:00 every day,
 * and the people's actions as their timeline entries record them, each through the lifecycle.
 */
async function freshReplay() {
  const cases = await all<{
    id: string; case_number: string; court_id: number; category: CaseCategory; stage: CaseStage; filed_on: string; closed_on: string | null;
    party_count: number; amount_in_dispute: number; created_at: string; created_by: string | null; vulnerable: number;
  }>(`SELECT c.*, EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.vulnerable = 1) AS vulnerable FROM cases c`);
  const flags = await all<{ case_id: string; factor_code: string; created_at: string; created_by: string; withdrawn_at: string | null; withdrawn_by: string | null }>(
    'SELECT * FROM flags ORDER BY rowid',
  );
  const petitions = await all<{ case_id: string; received_on: string; created_at: string; created_by: string | null }>(
    'SELECT case_id, received_on, created_at, created_by FROM petitions WHERE case_id IS NOT NULL',
  );
  const stored = await all<{ id: string; case_id: string; created_at: string }>('SELECT id, case_id, created_at FROM warnings ORDER BY created_at');
  const events = await all<EventRow>('SELECT * FROM warning_events ORDER BY id');
  const parents = new Map((await all<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM courts')).map((c) => [c.id, c.parent_id]));
  const compiled = compileRuleSet(DEFAULT_RULE_SET);
  const boundaries = daysPendingBoundaries(DEFAULT_RULE_SET);
  const ACTION_OF = new Map(Object.entries(EVENT_OF_ACTION).map(([action, kind]) => [kind as string, action as PersonAction]));
  const dailyRun = (day: string) => new Date(shanghaiDayStart(day).getTime() + 2 * 3600_000).toISOString();

  const warnings = new Map<string, Warning>();
  const timelines = new Map<string, TimelineEntry[]>();
  const reviews = { inTime: 0, late: 0 };
  for (const c of cases) {
    const mine = flags.filter((f) => f.case_id === c.id);
    const linked = petitions.filter((p) => p.case_id === c.id);
    const ids = stored.filter((w) => w.case_id === c.id).map((w) => w.id);
    // A petition counts once registered (it was registered with the case linked), in its windows as of the day.
    const factsAt = (day: string, active: (f: (typeof mine)[number]) => boolean, registeredBy: string) => {
      const closed = c.closed_on !== null && c.closed_on <= day;
      return caseFacts(
        {
          category: c.category,
          stage: closed || c.stage !== 'closed' ? c.stage : c.category === 'enforcement' ? 'enforcement' : 'trial',
          partyCount: c.party_count,
          amountInDispute: c.amount_in_dispute,
          filedOn: c.filed_on,
          closedOn: closed ? c.closed_on : null,
          activeFactors: mine.filter(active).map((f) => f.factor_code),
          hasVulnerableParty: c.vulnerable === 1,
          ...petitionFacts(linked.filter((p) => p.created_at <= registeredBy).map((p) => p.received_on), day),
        },
        day,
      );
    };
    type Item = { at: string; cause: string; actorId: string | null } | { at: string; event: EventRow };
    const items: Item[] = [{ at: c.created_at, cause: 'case.create', actorId: c.created_by }];
    for (const f of mine) {
      items.push({ at: f.created_at, cause: 'flag.add', actorId: f.created_by });
      if (f.withdrawn_at) items.push({ at: f.withdrawn_at, cause: 'flag.withdraw', actorId: f.withdrawn_by });
    }
    for (const p of linked) items.push({ at: p.created_at, cause: 'petition.link', actorId: p.created_by });
    // The daily run's re-scores: a daysPending boundary, or a petition leaving the 7- or 365-day window (once registered).
    const runDays = new Set(boundaries.map((d) => addDays(c.filed_on, d)));
    for (const p of linked) for (const d of [7, 365]) if (dailyRun(addDays(p.received_on, d)) > p.created_at) runDays.add(addDays(p.received_on, d));
    for (const day of runDays) {
      const at = new Date(Date.parse(dailyRun(day)) + 30_000).toISOString();
      if (at > c.created_at && at < SEEDED_AT && (c.closed_on === null || day <= c.closed_on)) items.push({ at, cause: 'daily', actorId: null });
    }
    for (const e of events) {
      const overdueRun = e.kind === 'escalated' && JSON.parse(e.data_json!).overdue === true;
      if (ids.includes(e.warning_id) && ACTION_OF.has(e.kind) && !['level_changed', 'auto_reopened'].includes(e.kind) && !overdueRun) items.push({ at: e.at, event: e });
    }
    items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    items.push({ at: SEEDED_AT, cause: 'seed', actorId: null });
    items.forEach((x, i) => expect(i === 0 || x.at > items[i - 1]!.at, `${c.case_number} ${x.at}`).toBe(true));

    const ofCase = new Map<string, Warning>();
    const mineNow = () => [...ofCase.values()];
    const open = () => mineNow().find((w) => w.state !== 'resolved' && w.state !== 'dismissed') ?? null;
    const apply = (change: WarningChange) => {
      ofCase.set(change.after.id, change.after);
      warnings.set(change.after.id, change.after);
      if (!timelines.has(change.after.id)) timelines.set(change.after.id, []);
      if (change.event) timelines.get(change.after.id)!.push(change.event);
    };
    let run = dailyRun(shanghaiDay(c.created_at));
    for (const item of items) {
      for (; run < item.at; run = dailyRun(addDays(shanghaiDay(run), 1))) {
        const w = open();
        const change = w && escalateOverdue(w, parents.get(w.courtId) ?? null, run);
        if (change) apply(change);
      }
      if ('event' in item) {
        const e = item.event;
        const w = warnings.get(e.warning_id)!;
        const data = JSON.parse(e.data_json!) as { ownerId?: string; leaderId?: string; outcome?: ResolutionOutcome; meetingId?: string; agendaItemId?: string; decisionNo?: number; itemOutcome?: string };
        const action = ACTION_OF.get(e.kind)!;
        const input = {
          note: e.note,
          ...(action === 'dismiss' ? { reason: e.note } : {}),
          ...(data.ownerId ? { ownerId: data.ownerId } : {}),
          ...(data.leaderId ? { leaderId: data.leaderId } : {}),
          ...(data.outcome ? { outcome: data.outcome } : {}),
          // What a joint meeting did carries the meeting, its item, the decision's number and the item's outcome.
          ...(data.meetingId ? { meetingId: data.meetingId } : {}),
          ...(data.agendaItemId ? { agendaItemId: data.agendaItemId } : {}),
          ...(data.decisionNo !== undefined ? { decisionNo: data.decisionNo } : {}),
          ...(data.itemOutcome ? { itemOutcome: data.itemOutcome } : {}),
          parentCourtId: parents.get(w.courtId) ?? null,
        };
        const moved = transition(w, action, input, e.at, e.actor_id);
        if (!moved.ok) throw new Error(`${c.case_number}: ${action} at ${e.at}: ${moved.error}`);
        if (w.state === 'open' && (action === 'acknowledge' || action === 'dismiss')) reviews[w.dueAt === null || e.at <= w.dueAt ? 'inTime' : 'late']++;
        apply(moved.change);
        continue;
      }
      const seedScoring = item.cause === 'seed';
      const facts = seedScoring
        ? factsAt(TODAY, (f) => f.withdrawn_at === null, item.at)
        : factsAt(shanghaiDay(item.at), (f) => f.created_at <= item.at && !(f.withdrawn_at !== null && f.withdrawn_at <= item.at), item.at);
      const evaluation = evaluate(compiled, facts, { trace: false });
      const closed = mineNow().filter((w) => w.state === 'resolved' || w.state === 'dismissed').sort((a, b) => (a.closedAt! < b.closedAt! ? 1 : -1));
      const change = onAssessment({
        caseId: c.id,
        courtId: c.court_id,
        open: open(),
        lastClosed: closed[0] ?? null,
        level: evaluation.level,
        score: evaluation.score,
        warn: evaluation.warn,
        at: item.at,
        actorId: item.actorId,
        cause: item.cause,
        ruleSetVersion: DEFAULT_RULE_SET_VERSION,
        newId: () => ids[mineNow().length] ?? `unexpected warning of ${c.case_number}`,
      });
      if (change) apply(change);
    }
  }
  return { warnings, timelines, reviews };
}

function courtCodeOfCase(caseNumber: string): string {
  const parsed = parseCaseNumber(caseNumber);
  if (!parsed.ok) throw new Error(caseNumber);
  return parsed.value.courtCode;
}

describe('the builder and the SQL', () => {
  it('is deterministic apart from the password salts', async () => {
    const again = await buildDemoSeed({ today: TODAY });
    const strip = (rows: SeedRows) =>
      rows.map((t) => (t.table === 'users' ? { ...t, rows: t.rows.map((r) => ({ ...r, password_hash: '' })) } : t));
    expect(strip(again)).toEqual(strip(seed));
  });

  it('renders literals safely and batches INSERTs', () => {
    expect(sqlLiteral("Gansu High People's Court")).toBe("'Gansu High People''s Court'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(3268.5)).toBe('3268.5');
    const sql = renderSql(seed);
    const cases = seed.find((t) => t.table === 'cases')!.rows.length;
    expect(sql.match(/^INSERT INTO cases /gm)).toHaveLength(Math.ceil(cases / 50));
    expect(sql).toContain("'（2024）甘0102民初1234号'");
  });

  it('points cases to their assessments by UPDATE after both exist, and keeps every statement under D1’s size limit', () => {
    const sql = renderSql(seed);
    const cases = seed.find((t) => t.table === 'cases')!.rows.length;
    expect(sql.match(/^UPDATE cases SET assessment_id = '[0-9a-f-]+', score = \d+, level = '[a-z]+' WHERE id = '[0-9a-f-]+';$/gm)).toHaveLength(cases);
    const order = ['INSERT INTO cases ', 'INSERT INTO assessments ', 'UPDATE cases ', 'INSERT INTO warnings ', 'INSERT INTO warning_events '].map((s) => sql.indexOf(`\n${s}`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect((sql.match(/^INSERT INTO assessments /gm) ?? []).length).toBeGreaterThan(Math.ceil(cases / 50));
    const bytes = new TextEncoder();
    for (const statement of sql.split(/;\n/)) expect(bytes.encode(statement).length).toBeLessThan(MAX_STATEMENT_BYTES);
  });
});
