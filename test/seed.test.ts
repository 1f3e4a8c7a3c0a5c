import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCaseNumber } from '../src/domain/case-number.ts';
import { verifyPassword } from '../src/security/password.ts';
import { DEMO_PASSWORD, DEMO_USERS, WORKED_EXAMPLES, buildDemoSeed, type SeedRows } from '../scripts/seed/demo.ts';
import { GANSU_COURTS, courtPath } from '../scripts/seed/gansu-courts.ts';
import { renderSql, sqlLiteral } from '../scripts/seed/sql.ts';

const TODAY = '2026-11-28';
let seed: SeedRows;

async function insertAll(rows: SeedRows): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (const { table, rows: tableRows } of rows) {
    for (const row of tableRows) {
      const columns = Object.keys(row);
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      statements.push(env.DB.prepare(sql).bind(...columns.map((c) => row[c] ?? null)));
    }
  }
  // In order and in chunks: each batch is its own transaction, and later tables refer to earlier ones.
  for (let i = 0; i < statements.length; i += 200) await env.DB.batch(statements.slice(i, i + 200));
}

async function all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}

beforeAll(async () => {
  seed = await buildDemoSeed({ today: TODAY });
  await insertAll(seed);
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
    expect(c).toMatchObject({ party_count: 2, stage: 'trial', cause: '物业服务合同纠纷', filed_on: '2026-10-19', flags: [] });
    expect(c.amount).toBeLessThan(10000);
  });

  it('leaves the other worked examples pending under 180 days, so their scores are the documented ones', async () => {
    for (const n of [WORKED_EXAMPLES.wages, WORKED_EXAMPLES.enforcement, WORKED_EXAMPLES.divorce]) {
      const c = await example(n);
      expect(c.filed_on >= '2026-06-01', n).toBe(true);
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
});
