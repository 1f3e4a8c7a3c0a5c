/**
 * A province's worth of data: fills a local D1 with CASES cases (default 1,000,000) and times the
 * pages people open all day against a trivial route of the same Worker.
 *
 *   npm run bench:scale            (CASES=100000 npm run bench:scale for a quicker run)
 *
 * The cases are the demo's (scripts/seed/demo.ts), copied: each copy of a demo case keeps its
 * parties, flags, assessments, warnings and timeline, moves to a court of the same level, gets a
 * case number of its own and is shifted in time, so that the data spread over three years, ~40% of
 * the cases sit in the 兰州中院 subtree and ~13% have a warning. Rows are copied column by column
 * as the demo writes them, and only into the columns the table has (PRAGMA table_info), so the
 * fill follows the schema. The search index rows are the app's (searchBody), the queue's counters
 * come from the migration's triggers. No ANALYZE: the plans are the ones the query-plan tests see.
 *
 * The fill is kept in .bench-state/scale-<CASES>/ and reused while CASES and the migrations are the
 * same. Then `wrangler dev` serves it; the petition office of the High Court (the whole province)
 * signs in, and each page is requested 20 times over its own keep-alive connection, interleaved
 * with the others; the median is compared with `GET /api/v1/me` (authenticated, one read).
 * The last line is one JSON object with the ratios. Exits non-zero when a ratio is over TARGET.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { searchBody } from '../src/domain/search-text.ts';
import { addDays, shanghaiDay } from '../src/domain/time.ts';
import { hashPassword } from '../src/security/password.ts';
import { buildDemoSeed, DEMO_PASSWORD, type SeedRow, type SeedValue } from '../scripts/seed/demo.ts';
import { GANSU_COURTS, courtByCode, courtPath } from '../scripts/seed/gansu-courts.ts';
import { makeRng, type Rng } from '../scripts/seed/random.ts';
import { benchState, median, migrate, schemaDigest, serve, sqliteFileOf, stop } from './local-d1.ts';

const CASES = Number(process.env.CASES ?? 1_000_000);
const PORT = process.env.PORT ?? '8898';
const RUNS = 20;
const WARM_UP = 3;
const TARGET = 3;
const base = `http://127.0.0.1:${PORT}`;
const state = join(benchState, `scale-${CASES}`);
const marker = join(state, 'fill.json');
/** Raised when the fill itself changes, so that an older fill is not reused. */
const FILL_VERSION = 1;
const LANZHOU_SHARE = 0.4;
const WARNED_SHARE = 0.13;
const YEARS = 3;
/** The bench's own account: the petition office of the High Court sees the whole province. */
const OFFICE = { username: 'bench_petition', displayName: '省院信访办', court: '甘' };
const DAY_MS = 86_400_000;

interface Fill {
  cases: number;
  schema: string;
  fill: number;
  today: string;
  bytes: number;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Rows by column name, into the columns the table has

class Writer {
  private statements = new Map<string, StatementSync>();
  private columns = new Map<string, Set<string>>();
  private db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  private columnsOf(table: string): Set<string> {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = new Set((this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
      cols.add('rowid');
      this.columns.set(table, cols);
    }
    return cols;
  }

  insert(table: string, row: SeedRow): void {
    const cols = this.columnsOf(table);
    const keys = Object.keys(row).filter((k) => cols.has(k));
    const sig = `${table}(${keys.join(',')})`;
    let st = this.statements.get(sig);
    if (!st) {
      st = this.db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
      this.statements.set(sig, st);
    }
    st.run(...keys.map((k) => row[k] ?? null));
  }

  update(table: string, key: string, row: SeedRow): void {
    const cols = this.columnsOf(table);
    const keys = Object.keys(row).filter((k) => k !== key && cols.has(k));
    this.db.prepare(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE ${key} = ?`).run(...keys.map((k) => row[k] ?? null), row[key] ?? null);
  }
}

// ---------------------------------------------------------------------------------------------
// The demo's cases as templates

interface Template {
  row: SeedRow;
  level: 'basic' | 'intermediate';
  pathIds: number[];
  typeCode: string;
  lanzhou: boolean;
  parties: SeedRow[];
  flags: SeedRow[];
  assessments: SeedRow[];
  warnings: { row: SeedRow; events: SeedRow[] }[];
  /** The index's text but the case number. */
  searchRest: string;
  createdMs: number;
  /** How far it may move forward: from its latest instant to today. */
  headroomDays: number;
  /** How far back its filing may go, to stay within the years of the data. */
  backDays: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const lanzhouPath = courtPath('甘01');
const pathIdsOf = (path: string) => path.split('/').filter(Boolean).map(Number);

function group<T extends SeedRow>(rows: readonly T[], key: string): Map<SeedValue, T[]> {
  const m = new Map<SeedValue, T[]>();
  for (const r of rows) {
    const k = r[key] ?? null;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function latestInstant(rows: readonly SeedRow[]): string {
  let latest = '';
  for (const r of rows) for (const v of Object.values(r)) if (typeof v === 'string' && (INSTANT.test(v) || DAY.test(v)) && v > latest) latest = v;
  return latest;
}

function templatesOf(demo: Awaited<ReturnType<typeof buildDemoSeed>>, today: string): Template[] {
  const rowsOf = (table: string) => demo.filter((t) => t.table === table && !t.updateBy).flatMap((t) => t.rows);
  const updatesOf = (table: string) => demo.filter((t) => t.table === table && t.updateBy === 'id').flatMap((t) => t.rows);
  // The rows as they end up: the updates applied (the cases' current assessments, the warnings the meetings moved).
  const merged = (table: string) => {
    const byId = new Map(rowsOf(table).map((r) => [r.id, { ...r }]));
    for (const u of updatesOf(table)) Object.assign(byId.get(u.id!) ?? {}, u);
    return [...byId.values()];
  };
  const parties = group(rowsOf('parties'), 'case_id');
  const flags = group(rowsOf('flags'), 'case_id');
  const assessments = group(rowsOf('assessments'), 'case_id');
  const warnings = group(merged('warnings'), 'case_id');
  const events = group(rowsOf('warning_events'), 'warning_id');
  const courtOf = new Map(GANSU_COURTS.map((c) => [c.id, c]));
  const earliest = addDays(today, -365 * YEARS);
  return merged('cases').map((row) => {
    const court = courtOf.get(row.court_id as number)!;
    const ws = (warnings.get(row.id!) ?? []).map((w) => ({ row: w, events: events.get(w.id!) ?? [] }));
    const own = [row, ...(flags.get(row.id!) ?? []), ...(assessments.get(row.id!) ?? []), ...ws.flatMap((w) => [w.row, ...w.events])];
    const latest = latestInstant(own).slice(0, 10);
    const names = (parties.get(row.id!) ?? []).map((p) => p.name as string);
    return {
      row,
      level: court.level === 'intermediate' ? 'intermediate' : 'basic',
      pathIds: pathIdsOf(courtPath(court.code)),
      typeCode: row.type_code as string,
      lanzhou: courtPath(court.code).startsWith(lanzhouPath),
      parties: parties.get(row.id!) ?? [],
      flags: flags.get(row.id!) ?? [],
      assessments: assessments.get(row.id!) ?? [],
      warnings: ws,
      searchRest: searchBody([row.cause as string, row.summary as string, ...names]),
      createdMs: Date.parse(row.created_at as string),
      headroomDays: Math.max(0, Math.floor((Date.parse(today) - Date.parse(latest)) / DAY_MS) - 1),
      backDays: Math.max(0, Math.floor((Date.parse(row.filed_on as string) - Date.parse(earliest)) / DAY_MS)),
    } satisfies Template;
  });
}

/** Every day and instant of a row moved by `days` (the rest as it is). */
function shifted(row: SeedRow, days: number): SeedRow {
  if (days === 0) return { ...row };
  const out: SeedRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && v.length >= 10 && v.charCodeAt(4) === 45) {
      if (DAY.test(v)) out[k] = addDays(v, days);
      else if (INSTANT.test(v)) out[k] = new Date(Date.parse(v) + days * DAY_MS).toISOString();
      else out[k] = v;
    } else out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fill

interface Copy {
  template: number;
  courtId: number;
  days: number;
  at: number;
}

function plan(templates: Template[], count: number, rng: Rng): Copy[] {
  const demoWarned = templates.filter((t) => t.warnings.length).length;
  const demoLanzhou = templates.filter((t) => t.lanzhou).length;
  const total = count + templates.length;
  const warnedShare = Math.min(1, Math.max(0, (WARNED_SHARE * total - demoWarned) / count));
  const lanzhouShare = Math.min(1, Math.max(0, (LANZHOU_SHARE * total - demoLanzhou) / count));
  const warned = templates.map((_, i) => i).filter((i) => templates[i]!.warnings.length);
  const quiet = templates.map((_, i) => i).filter((i) => !templates[i]!.warnings.length);
  const courts = (level: 'basic' | 'intermediate', lanzhou: boolean) =>
    GANSU_COURTS.filter((c) => c.level === level && courtPath(c.code).startsWith(lanzhouPath) === lanzhou).map((c) => c.id);
  const pools = {
    basic: { in: courts('basic', true), out: courts('basic', false) },
    intermediate: { in: courts('intermediate', true), out: courts('intermediate', false) },
  };
  const copies: Copy[] = [];
  for (let i = 0; i < count; i++) {
    const index = rng.pick(rng.chance(warnedShare) ? warned : quiet);
    const t = templates[index]!;
    const inLanzhou = rng.chance(lanzhouShare);
    const courtId = inLanzhou && t.lanzhou ? (t.row.court_id as number) : rng.pick(pools[t.level][inLanzhou ? 'in' : 'out']);
    // Back up to three years, forward only as far as its latest instant stays before today.
    const days = rng.int(-t.backDays, t.headroomDays);
    copies.push({ template: index, courtId, days, at: t.createdMs + days * DAY_MS });
  }
  // In the order they were registered, as their rowids (and the search index's order) would be.
  return copies.sort((a, b) => a.at - b.at);
}

async function fill(file: string, today: string): Promise<void> {
  const started = Date.now();
  const demo = await buildDemoSeed({ today });
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: false });
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -1000000');
  const w = new Writer(db);

  db.exec('BEGIN');
  for (const t of demo) for (const r of t.rows) t.updateBy ? w.update(t.table, t.updateBy, r) : w.insert(t.table, r);
  const now = new Date().toISOString();
  const officeId = randomUUID();
  w.insert('users', {
    id: officeId, username: OFFICE.username, display_name: OFFICE.displayName, court_id: courtByCode(OFFICE.court).id, division: '立案信访庭',
    password_hash: await hashPassword(DEMO_PASSWORD), active: 1, version: 1, created_at: now, updated_at: now,
  });
  w.insert('user_roles', { user_id: officeId, role: 'petition_officer' });
  db.exec('COMMIT');

  console.log(`  the demo's ${demo.find((t) => t.table === 'cases')!.rows.length} cases and their rows (${Math.round((Date.now() - started) / 1000)} s)`);
  const templates = templatesOf(demo, today);
  const count = Math.max(0, CASES - templates.length);
  const copies = plan(templates, count, makeRng(20240601));
  const courtOf = new Map(GANSU_COURTS.map((c) => [c.id, c]));
  const pathOf = new Map(GANSU_COURTS.map((c) => [c.id, courtPath(c.code)]));
  const serials = new Map<string, number>();
  for (const t of templates) {
    const key = `${t.row.year}|${t.row.court_id}|${t.typeCode}`;
    serials.set(key, Math.max(serials.get(key) ?? 0, t.row.serial as number));
  }
  let rowid = (db.prepare('SELECT max(rowid) AS n FROM cases').get() as { n: number }).n;

  db.exec('BEGIN');
  copies.forEach((copy, i) => {
    const t = templates[copy.template]!;
    const caseId = randomUUID();
    const c = shifted(t.row, copy.days);
    const moved = copy.courtId !== t.row.court_id;
    const court = courtOf.get(copy.courtId)!;
    const path = pathOf.get(copy.courtId)!;
    const pathIds = pathIdsOf(path);
    // A court of the template's chain maps to the court at the same depth of the copy's chain.
    const mapCourt = (id: SeedValue) => (moved && typeof id === 'number' ? (pathIds[Math.min(t.pathIds.indexOf(id), pathIds.length - 1)] ?? copy.courtId) : id);
    const year = Number((c.filed_on as string).slice(0, 4));
    const key = `${year}|${copy.courtId}|${t.typeCode}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const caseNumber = `（${year}）${court.code}${t.typeCode}${serial}号`;
    const assessmentIds = new Map(t.assessments.map((a) => [a.id, randomUUID()]));
    rowid++;

    w.insert('cases', {
      ...c, rowid, id: caseId, court_id: copy.courtId, case_number: caseNumber, year, serial,
      judge_id: moved ? null : c.judge_id ?? null, assessment_id: assessmentIds.get(c.assessment_id!) ?? null,
    });
    for (const p of t.parties) w.insert('parties', { ...p, id: randomUUID(), case_id: caseId });
    w.insert('case_search', { rowid, body: `${searchBody([caseNumber])} ${t.searchRest}` });
    for (const f of t.flags) w.insert('flags', { ...shifted(f, copy.days), id: randomUUID(), case_id: caseId });
    for (const a of t.assessments) w.insert('assessments', { ...shifted(a, copy.days), id: assessmentIds.get(a.id)!, case_id: caseId });
    for (const tw of t.warnings) {
      const warningId = randomUUID();
      w.insert('warnings', {
        ...shifted(tw.row, copy.days), id: warningId, case_id: caseId, court_id: mapCourt(tw.row.court_id ?? null),
        case_court_id: copy.courtId, case_path: path, owner_id: moved ? null : tw.row.owner_id ?? null,
      });
      for (const e of tw.events) {
        const { id: _, ...event } = shifted(e, copy.days);
        let data = event.data_json;
        if (moved && typeof data === 'string' && data.includes('"courtId"')) {
          const d = JSON.parse(data) as { courtId?: number };
          d.courtId = mapCourt(d.courtId ?? null) as number;
          data = JSON.stringify(d);
        }
        w.insert('warning_events', { ...event, warning_id: warningId, data_json: data ?? null });
      }
    }
    if (i % 50_000 === 49_999) {
      db.exec('COMMIT');
      console.log(`  ${(i + 1 + templates.length).toLocaleString('en-US')} cases (${Math.round((Date.now() - started) / 1000)} s)`);
      db.exec('BEGIN');
    }
  });
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

function filled(): Fill | null {
  if (!existsSync(marker)) return null;
  const f = JSON.parse(readFileSync(marker, 'utf8')) as Fill;
  return f.cases === CASES && f.schema === schemaDigest() && f.fill === FILL_VERSION ? f : null;
}

// ---------------------------------------------------------------------------------------------
// Serve and time

/** Requests over one keep-alive connection. */
function connection() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; ms: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

async function signIn(username: string): Promise<string> {
  const res = await connection()('POST', '/login', { 'content-type': 'application/x-www-form-urlencoded', origin: base }, new URLSearchParams({ username, password: DEMO_PASSWORD, next: '/' }).toString());
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.includes('session='));
  if (res.status !== 303 || !cookie) throw new Error(`signing in as ${username}: ${res.status}`);
  return cookie.split(';')[0]!;
}

/** A case with a warning and a long timeline, from the middle of the data. */
function subjects(file: string): { caseId: string; warningId: string } {
  const db = new DatabaseSync(file, { readOnly: true });
  const mid = Math.floor(CASES / 2);
  const row = db
    .prepare(
      `SELECT w.id AS warningId, w.case_id AS caseId FROM cases c JOIN warnings w ON w.case_id = c.id
       WHERE c.rowid BETWEEN ? AND ? ORDER BY (SELECT count(*) FROM warning_events e WHERE e.warning_id = w.id) DESC, c.rowid LIMIT 1`,
    )
    .get(mid, mid + 2000) as { caseId: string; warningId: string } | undefined;
  db.close();
  if (!row) throw new Error('no warned case in the middle of the data');
  return row;
}

async function main() {
  let f = filled();
  if (f) console.log(`Reusing the fill in ${state} (${CASES.toLocaleString('en-US')} cases, schema ${f.schema}).`);
  else {
    console.log(`Migrating a fresh local D1 in ${state} …`);
    const file = migrate(state);
    const today = shanghaiDay();
    const t0 = Date.now();
    console.log(`Filling it with ${CASES.toLocaleString('en-US')} cases over the ${YEARS} years to ${today} …`);
    await fill(file, today);
    f = { cases: CASES, schema: schemaDigest(), fill: FILL_VERSION, today, bytes: statSync(file).size, seconds: Math.round((Date.now() - t0) / 1000) };
    writeFileSync(marker, `${JSON.stringify(f)}\n`);
  }
  const file = sqliteFileOf(state);
  const counts = new DatabaseSync(file, { readOnly: true });
  const n = (sql: string) => (counts.prepare(sql).get() as { n: number }).n;
  const figures = {
    cases: n('SELECT count(*) AS n FROM cases'),
    lanzhou: n(`SELECT count(*) AS n FROM cases WHERE court_id IN (SELECT id FROM courts WHERE path LIKE '${lanzhouPath}%')`),
    warned: n('SELECT count(DISTINCT case_id) AS n FROM warnings'),
    warnings: n('SELECT count(*) AS n FROM warnings'),
    active: n('SELECT sum(n) AS n FROM warning_counts WHERE state NOT IN (\'resolved\', \'dismissed\')'),
    assessments: n('SELECT count(*) AS n FROM assessments'),
    parties: n('SELECT count(*) AS n FROM parties'),
    events: n('SELECT count(*) AS n FROM warning_events'),
  };
  counts.close();
  const bytes = statSync(file).size;
  const pct = (x: number) => `${((100 * x) / figures.cases).toFixed(1)}%`;
  console.log(
    `\n${figures.cases.toLocaleString('en-US')} cases (${pct(figures.lanzhou)} in the 兰州中院 subtree, ${pct(figures.warned)} with a warning), ` +
      `${figures.warnings.toLocaleString('en-US')} warnings (${figures.active.toLocaleString('en-US')} active), ${figures.assessments.toLocaleString('en-US')} assessments, ` +
      `${figures.parties.toLocaleString('en-US')} parties, ${figures.events.toLocaleString('en-US')} timeline entries; ` +
      `database ${(bytes / 2 ** 20).toFixed(0)} MiB, ${Math.round(bytes / figures.cases).toLocaleString('en-US')} bytes a case${f.seconds ? ` (filled in ${f.seconds} s)` : ''}`,
  );

  const { caseId, warningId } = subjects(file);
  console.log('Serving it with wrangler dev …');
  const dev = await serve(state, PORT);
  try {
    const cookie = await signIn(OFFICE.username);
    const routes = [
      { key: 'floor', name: 'GET /api/v1/me (the floor)', path: '/api/v1/me' },
      { key: 'queue', name: 'the queue (/warnings)', path: '/warnings' },
      { key: 'queueRed', name: 'the queue, red', path: '/warnings?level=red' },
      { key: 'queueAllPage50', name: 'the queue, all states, page 50', path: '/warnings?status=all&page=50' },
      { key: 'caseList', name: 'the case list (/cases)', path: '/cases' },
      { key: 'search', name: 'case search 劳动', path: `/cases?q=${encodeURIComponent('劳动')}` },
      { key: 'case', name: 'a case page', path: `/cases/${caseId}` },
      { key: 'warning', name: 'a warning page', path: `/warnings/${warningId}` },
      { key: 'apiWarnings', name: 'GET /api/v1/warnings', path: '/api/v1/warnings' },
    ].map((r) => ({ ...r, get: connection(), times: [] as number[] }));
    for (let round = 0; round < WARM_UP + RUNS; round++) {
      for (const r of routes) {
        const res = await r.get('GET', r.path, { cookie, 'accept-language': 'zh-CN' });
        if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${res.body.slice(0, 300)}`);
        if (round >= WARM_UP) r.times.push(res.ms);
      }
    }
    const floor = median(routes[0]!.times);
    const ratios: Record<string, number> = {};
    console.log(`\nmedian of ${RUNS} requests each, one keep-alive connection per page, interleaved (${CASES.toLocaleString('en-US')} cases):`);
    for (const r of routes) {
      const m = median(r.times);
      if (r.key !== 'floor') ratios[r.key] = Math.round((m / floor) * 100) / 100;
      console.log(`  ${r.name.padEnd(36)} ${m.toFixed(1).padStart(7)} ms  ${r.key === 'floor' ? '' : `${(m / floor).toFixed(2)}×`}`);
    }
    const worst = Math.max(...Object.values(ratios));
    console.log(`\nworst ratio ${worst.toFixed(2)}× (target ≤ ${TARGET}×): ${worst <= TARGET ? 'met' : 'NOT met'}`);
    const order = ['queue', 'queueRed', 'queueAllPage50', 'caseList', 'search', 'case', 'warning', 'apiWarnings'];
    console.log(JSON.stringify({ cases: figures.cases, floorMs: Math.round(floor * 100) / 100, ratios: Object.fromEntries(order.map((k) => [k, ratios[k]])) }));
    process.exitCode = worst <= TARGET ? 0 : 1;
  } finally {
    stop(dev);
  }
}

await main();
