/**
 * Statistics at scale: fills a local D1 with 1,000,000 petitions across the 113 Gansu courts and
 * three years — their daily and monthly roll-ups derived with the app's own pure functions
 * (src/domain/stats/rollup.ts) — serves it with `wrangler dev`, and times `GET /api/v1/stats`
 * against a trivial route of the same Worker (`GET /api/v1/me`, which authenticates the same way)
 * in the same run: the median of 20 requests each, interleaved.
 *
 *   npm run bench:stats            (PETITIONS=200000 npm run bench:stats for a quicker run)
 *
 * The database is written directly (bench/local-d1.ts): wrangler keeps a local D1 as a SQLite file
 * under `.bench-state/stats/v3/d1/`, which node:sqlite opens once the migrations have created it. Exits
 * non-zero when a statistics request takes more than 5× the trivial route's median.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PETITION_CHANNELS, type PetitionChannel } from '../src/domain/petitions/kinds.ts';
import { applyRollupDeltas, monthlyRollupOf, rollupDeltas, type RollupRow, type Tally } from '../src/domain/stats/rollup.ts';
import { addDays, daysBetween } from '../src/domain/time.ts';
import { courtRows } from '../scripts/seed/demo.ts';
import { GANSU_COURTS, courtByCode } from '../scripts/seed/gansu-courts.ts';
import { makeRng } from '../scripts/seed/random.ts';
import { benchState, median, migrate, serve, stop } from './local-d1.ts';

const state = join(benchState, 'stats');
const PETITIONS = Number(process.env.PETITIONS ?? 1_000_000);
const FROM = '2023-01-01';
const TO = '2025-12-31';
const RUNS = 20;
const TARGET_RATIO = 5;
const PORT = process.env.PORT ?? '8897';
const base = `http://127.0.0.1:${PORT}`;

// ---------------------------------------------------------------------------------------------
// Fill

const CHANNEL_WEIGHTS: readonly (readonly [PetitionChannel, number])[] = [
  ['letter', 38], ['visit', 28], ['group_visit', 2], ['video', 17], ['online', 10], ['phone', 5],
];

function fill(file: string): { token: string; rows: number } {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA synchronous = OFF');
  const rng = makeRng(20190110);
  const started = Date.now();

  db.exec('BEGIN');
  const court = db.prepare('INSERT INTO courts (id, code, name, name_en, level, parent_id, path, has_video_room, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of courtRows()) court.run(...[c.id, c.code, c.name, c.name_en, c.level, c.parent_id, c.path, c.has_video_room, c.created_at].map((v) => v ?? null));
  const now = new Date().toISOString();
  db.prepare('INSERT INTO users (id, username, display_name, court_id, division, password_hash, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?)').run(
    'bench-leader', 'bench', '统计测试', courtByCode('甘').id, '', 'not-a-password', now, now,
  );
  db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('bench-leader', 'leader')").run();
  const token = `bench_${randomBytes(24).toString('base64url')}`;
  db.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'bench-token', 'bench-leader', 'bench', createHash('sha256').update(token).digest('hex'), token.slice(0, 8), 'bench-leader', now,
  );
  db.exec('COMMIT');

  // The High Court and the intermediate courts of the big cities receive the most.
  const weights = GANSU_COURTS.map((c) => [c, c.level === 'high' ? 60 : c.level === 'intermediate' ? 4 : 1] as const);
  const span = daysBetween(FROM, TO);
  const insert = db.prepare(
    `INSERT INTO petitions (id, channel, received_on, court_id, persons, petitioner_name, petitioner_id_number, case_id, complaint_type,
       lawyer_interview, lawyer_representation, lawyer_resolution, assistance_applied, assistance_approved, assistance_amount,
       state, outcome, note, version, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '某某', NULL, NULL, 'judgment', ?, 0, 0, ?, 0, 0, 'concluded', 'explained', '', 1, NULL, ?, ?)`,
  );
  const rollup = new Map<string, RollupRow>();
  db.exec('BEGIN');
  for (let i = 0; i < PETITIONS; i++) {
    const c = rng.weighted(weights);
    const channel = rng.weighted(CHANNEL_WEIGHTS.filter(([ch]) => ch !== 'video' || c.hasVideoRoom));
    const receivedOn = addDays(FROM, rng.int(0, span));
    const persons = channel === 'group_visit' ? rng.int(5, 30) : channel === 'visit' ? rng.int(1, 4) : 1;
    const interview = channel === 'visit' && rng.chance(0.01);
    const applied = rng.chance(0.005);
    const createdAt = `${receivedOn}T02:00:00.000Z`;
    insert.run(`bench-${i.toString(36).padStart(6, '0')}`, channel, receivedOn, c.id, persons, interview ? 1 : 0, applied ? 1 : 0, createdAt, createdAt);
    applyRollupDeltas(
      rollup,
      rollupDeltas(null, {
        courtId: c.id,
        receivedOn,
        channel,
        persons,
        lawyer: { interview, representation: false, resolution: false },
        assistance: { applied, approved: false, amount: 0 },
      }),
    );
    if (i % 100_000 === 99_999) {
      db.exec('COMMIT');
      console.log(`  ${(i + 1).toLocaleString('en-US')} petitions (${Math.round((Date.now() - started) / 1000)} s)`);
      db.exec('BEGIN');
    }
  }
  const daily = [...rollup.values()];
  const tally = (t: Tally): number[] => [t.cases, t.persons, t.lawyerInterview, t.lawyerRepresentation, t.lawyerResolution, t.assistanceApplied, t.assistanceApproved, t.assistanceAmount];
  const cols = 'cases, persons, lawyer_interview, lawyer_representation, lawyer_resolution, assistance_applied, assistance_approved, assistance_amount';
  const day = db.prepare(`INSERT INTO petition_daily (court_id, day, channel, ${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const r of daily) day.run(r.courtId, r.day, r.channel, ...tally(r));
  const month = db.prepare(`INSERT INTO petition_monthly (court_id, month, channel, ${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const monthly = monthlyRollupOf(daily);
  for (const r of monthly) month.run(r.courtId, r.month, r.channel, ...tally(r));
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
  console.log(`filled: ${PETITIONS.toLocaleString('en-US')} petitions, ${daily.length.toLocaleString('en-US')} daily and ${monthly.length.toLocaleString('en-US')} monthly roll-up rows in ${Math.round((Date.now() - started) / 1000)} s`);
  return { token, rows: PETITIONS };
}

// ---------------------------------------------------------------------------------------------
// Serve and time

async function timed(path: string, token: string): Promise<{ ms: number; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

async function main() {
  console.log(`Migrating a fresh local D1 in ${state} …`);
  const file = migrate(state);
  console.log(`Filling it with ${PETITIONS.toLocaleString('en-US')} petitions across ${GANSU_COURTS.length} courts, ${FROM} … ${TO} …`);
  const { token } = fill(file);

  console.log('Serving it with wrangler dev …');
  const dev = await serve(state, PORT);
  try {
    const lanzhou = courtByCode('甘01').id;
    const routes: { name: string; path: string; gated: boolean }[] = [
      { name: 'GET /api/v1/me (the floor)', path: '/api/v1/me', gated: false },
      { name: 'stats, the whole province, 2025', path: '/api/v1/stats?from=2025-01-01&to=2025-12-31', gated: true },
      { name: 'stats, the whole province, 2023–2025', path: '/api/v1/stats?from=2023-01-01&to=2025-12-31', gated: true },
      { name: 'stats, the whole province, 2025-02-11 … 2025-11-20', path: '/api/v1/stats?from=2025-02-11&to=2025-11-20', gated: true },
      { name: '兰州中院 and below, 2025', path: `/api/v1/stats?from=2025-01-01&to=2025-12-31&courtId=${lanzhou}`, gated: true },
    ];
    for (const r of routes) for (let i = 0; i < 5; i++) await timed(r.path, token);
    const times = new Map(routes.map((r) => [r.name, [] as number[]]));
    for (let i = 0; i < RUNS; i++) for (const r of routes) times.get(r.name)!.push((await timed(r.path, token)).ms);

    const year = (await timed(routes[1]!.path, token)).body as { total: { cases: number } };
    const all = (await timed(routes[2]!.path, token)).body as { total: { cases: number } };
    console.log(`\nchecks: 2025 holds ${year.total.cases.toLocaleString('en-US')} petitions, 2023–2025 ${all.total.cases.toLocaleString('en-US')} (of ${PETITIONS.toLocaleString('en-US')})`);
    if (all.total.cases !== PETITIONS) throw new Error('the report does not count every petition');

    const floor = median(times.get(routes[0]!.name)!);
    console.log(`\nmedian of ${RUNS} requests each, interleaved:`);
    let worst = 0;
    for (const r of routes) {
      const m = median(times.get(r.name)!);
      const ratio = m / floor;
      if (r.gated) worst = Math.max(worst, ratio);
      console.log(`  ${r.name.padEnd(52)} ${m.toFixed(1).padStart(7)} ms  ${r.gated ? `${ratio.toFixed(2)}× the floor` : ''}`);
    }
    const ok = worst <= TARGET_RATIO;
    console.log(`\nworst ratio ${worst.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${ok ? 'met' : 'NOT met'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    stop(dev);
  }
}

await main();
