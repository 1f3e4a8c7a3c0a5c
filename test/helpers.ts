import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { insertCaseStatements, type NewCase } from '../src/db/cases.ts';
import { insertUserStatements } from '../src/db/users.ts';
import { parseCaseNumber } from '../src/domain/case-number.ts';
import { addDays, shanghaiDay } from '../src/domain/time.ts';
import type { Role } from '../src/domain/roles.ts';
import { hashPassword } from '../src/security/password.ts';

export const ORIGIN = 'https://court.test';
export const PASSWORD = 'demo1234';

/** A small court tree: the High Court, two intermediate courts, three basic courts. */
export const COURTS = [
  { id: 1, code: '甘', name: '甘肃省高级人民法院', level: 'high', parent: null, path: '/1/' },
  { id: 2, code: '甘01', name: '兰州市中级人民法院', level: 'intermediate', parent: 1, path: '/1/2/' },
  { id: 3, code: '甘0102', name: '兰州市城关区人民法院', level: 'basic', parent: 2, path: '/1/2/3/' },
  { id: 4, code: '甘0103', name: '兰州市七里河区人民法院', level: 'basic', parent: 2, path: '/1/2/4/' },
  { id: 5, code: '甘05', name: '天水市中级人民法院', level: 'intermediate', parent: 1, path: '/1/5/' },
  { id: 6, code: '甘0502', name: '天水市秦州区人民法院', level: 'basic', parent: 5, path: '/1/5/6/' },
] as const;

export const USERS: { username: string; name: string; roles: Role[]; court: number }[] = [
  { username: 'judge', name: '王审判', roles: ['trial_judge'], court: 3 },
  { username: 'enforcer', name: '赵执行', roles: ['enforcement_judge'], court: 3 },
  { username: 'petition', name: '李信访', roles: ['petition_officer'], court: 2 },
  { username: 'coordinator', name: '周协调', roles: ['coordinator'], court: 2 },
  { username: 'leader', name: '陈院长', roles: ['leader'], court: 1 },
  { username: 'admin', name: '孙管理', roles: ['admin'], court: 1 },
  { username: 'judge2', name: '马法官', roles: ['trial_judge'], court: 6 },
  { username: 'judge0103', name: '杨法官', roles: ['trial_judge'], court: 4 },
];

export const userId = (username: string) => `user-${username}`;

let passwordHash: Promise<string> | undefined;
const demoPasswordHash = () => (passwordHash ??= hashPassword(PASSWORD));

type FixtureUser = (typeof USERS)[number];

function userStatements(db: D1Database, u: FixtureUser, hash: string, now: string): D1PreparedStatement[] {
  return insertUserStatements(db, {
    id: userId(u.username),
    username: u.username,
    displayName: u.name,
    courtId: u.court,
    division: '',
    passwordHash: hash,
    roles: u.roles,
    now,
  });
}

/** Loads the fixture courts and users (password `demo1234`) into this file's D1. */
export async function seedWorld(): Promise<void> {
  const db = env.DB;
  const now = new Date().toISOString();
  const hash = await demoPasswordHash();
  const statements: D1PreparedStatement[] = COURTS.map((c) =>
    db
      .prepare('INSERT INTO courts (id, code, name, level, parent_id, path, has_video_room, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)')
      .bind(c.id, c.code, c.name, c.level, c.parent, c.path, now),
  );
  for (const u of USERS) statements.push(...userStatements(db, u, hash, now));
  await db.batch(statements);
}

/** Inserts one more user (password `demo1234`, id `user-{username}`) for a test that changes what it owns. */
export async function insertUser(user: FixtureUser): Promise<string> {
  await env.DB.batch(userStatements(env.DB, user, await demoPasswordHash(), new Date().toISOString()));
  return userId(user.username);
}

let lastSerial = 10_000;
/**
 * A case number no other test of the file has used. Tests run shuffled and share the file's D1, so a
 * test that changes a case makes its own; serials from 10001 up stay clear of the numbers tests spell out.
 */
export function freshCaseNumber(courtCode = '甘0102', typeCode = '民初', year = 2026): string {
  return `（${year}）${courtCode}${typeCode}${++lastSerial}号`;
}

/** Inserts a case under a fresh number (see `freshCaseNumber`) and returns its id and number. */
export async function insertFreshCase(
  where: { courtCode?: string; typeCode?: string; year?: number } = {},
  overrides: Partial<Omit<NewCase, 'caseNumber'>> = {},
): Promise<{ id: string; number: string }> {
  const number = freshCaseNumber(where.courtCode, where.typeCode, where.year);
  return { id: await insertCase(number, overrides), number };
}

/**
 * Inserts a case directly (not through the API), for tests that need one to exist. Unless told otherwise it
 * was filed 60 days ago: clear of every daysPending line the rules test (180, 365), whatever day the suite runs.
 */
export async function insertCase(
  number: string,
  overrides: Partial<Omit<NewCase, 'caseNumber'>> = {},
): Promise<string> {
  const parsed = parseCaseNumber(number);
  if (!parsed.ok) throw new Error(`bad fixture case number ${number}`);
  const court = COURTS.find((c) => c.code === parsed.value.courtCode);
  if (!court) throw new Error(`no fixture court ${parsed.value.courtCode}`);
  const id = overrides.id ?? crypto.randomUUID();
  await env.DB.batch(
    insertCaseStatements(env.DB, {
      id,
      courtId: court.id,
      caseNumber: parsed.value.normalized,
      year: parsed.value.year,
      typeCode: parsed.value.typeCode,
      serial: parsed.value.serial,
      category: parsed.value.category,
      cause: '民间借贷纠纷',
      stage: parsed.value.category === 'enforcement' ? 'enforcement' : 'trial',
      filedOn: addDays(shanghaiDay(), -60),
      closedOn: null,
      partyCount: 2,
      amountInDispute: 50000,
      judgeId: null,
      summary: '',
      createdBy: userId('judge'),
      now: new Date().toISOString(),
      parties: [
        { id: crypto.randomUUID(), name: '张某', role: 'plaintiff', vulnerable: false },
        { id: crypto.randomUUID(), name: '李某某', role: 'defendant', vulnerable: false },
      ],
      ...overrides,
    }),
  );
  return id;
}

/** A two-rule set for the rule-set API: 群体性纠纷 +5, 扬言上访 +8 (the wage case of domain.md §6 scores 13, red). */
export const TRIAL_RULE_SET = {
  name: '试行规则',
  thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 },
  warnAt: 'yellow',
  rules: [
    { id: 'group', label: '群体性纠纷', when: { fact: 'flags', op: 'has', value: 'GROUP_DISPUTE' }, points: 5 },
    { id: 'threat', label: '扬言上访', when: { fact: 'flags', op: 'has', value: 'THREAT_PETITION' }, points: 8 },
  ],
};

/** The flags of the worked example of domain.md §6: with its 36 parties the wage case scores 5 + 4 + 3 + 2 = 14, red. */
export const WAGE_CASE_FLAGS = ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'] as const;

/** A fresh copy of the wage case of domain.md §6 — 36 migrant workers sue for their pay — flagged by the judge with `factors`. */
export async function insertWageCase(factors: readonly string[] = []): Promise<string> {
  const { id } = await insertFreshCase({ year: 2024 }, { cause: '追索劳动报酬纠纷', judgeId: userId('judge'), partyCount: 36 });
  if (factors.length) await flagCase(id, factors);
  return id;
}

export function fetchApp(input: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${input}`, { redirect: 'manual', ...init }));
}

/** Signs in through the real form and returns the session cookie to send back. */
export async function login(username: string, password = PASSWORD): Promise<string> {
  const res = await postForm('/login', { username, password });
  if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  const match = /(__Host-session=[^;]+)/.exec(cookie);
  if (!match) throw new Error('no session cookie');
  return match[1]!;
}

const sessions = new Map<string, string>();
/** A session per user, signed in once per test file. */
export async function sessionOf(username: string): Promise<string> {
  let cookie = sessions.get(username);
  if (!cookie) {
    cookie = await login(username);
    sessions.set(username, cookie);
  }
  return cookie;
}

/**
 * Signs users in ahead (`sessionOf` keeps the session for the file): a first sign-in writes an audit row,
 * which a test counting the rows its request writes must not count.
 */
export async function signIn(...usernames: string[]): Promise<void> {
  for (const username of usernames) await sessionOf(username);
}

export function postForm(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetchApp(path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  });
}

/** A JSON API call as a signed-in user (by session cookie) or with a bearer token. */
export async function api(
  method: string,
  path: string,
  opts: { as?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) {
    // A browser on our own pages sends its origin with every non-GET request.
    headers.cookie = await sessionOf(opts.as);
    headers.origin ??= ORIGIN;
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = opts.body;
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetchApp(`/api/v1${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Flags a case through the API, one factor after another; answers with the last response. */
export async function flagCase(caseId: string, factors: readonly string[], as = 'judge'): Promise<Awaited<ReturnType<typeof api>>> {
  let last: Awaited<ReturnType<typeof api>> | undefined;
  for (const factor of factors) {
    last = await api('POST', `/cases/${caseId}/flags`, { as, json: { factor, note: '' } });
    if (last.status !== 201) throw new Error(`flagging ${factor}: ${last.status} ${JSON.stringify(last.body)}`);
  }
  if (!last) throw new Error('no factor to flag');
  return last;
}

/** A page as a signed-in user; `htmx` adds the headers htmx sends. */
export async function page(path: string, as?: string, htmx?: { target?: string }) {
  const headers: Record<string, string> = {};
  if (as) headers.cookie = await sessionOf(as);
  if (htmx) {
    headers['HX-Request'] = 'true';
    if (htmx.target) headers['HX-Target'] = htmx.target;
  }
  const res = await fetchApp(path, { headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

export async function count(table: string, where = '1 = 1', ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The usernames of the active users with a role and/or in some courts, sorted: what a user list filtered that
 * way must show, whichever tests of the file created them.
 */
export async function activeUsernames(where: { role?: Role; courtIds?: readonly number[] }): Promise<string[]> {
  const conditions = ['u.active = 1'];
  const binds: unknown[] = [];
  if (where.role) {
    conditions.push('EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)');
    binds.push(where.role);
  }
  if (where.courtIds) {
    conditions.push(`u.court_id IN (${where.courtIds.map(() => '?').join(', ')})`);
    binds.push(...where.courtIds);
  }
  const { results } = await env.DB.prepare(`SELECT u.username FROM users u WHERE ${conditions.join(' AND ')} ORDER BY u.username`)
    .bind(...binds)
    .all<{ username: string }>();
  return results.map((r) => r.username);
}
