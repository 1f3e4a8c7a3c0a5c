/**
 * A restore drill: export the local D1 with `wrangler d1 export`, import it into a fresh local D1,
 * and check that every table came back with the same rows and that the restored database has the
 * same tables, indexes, triggers and views.
 *
 *   node scripts/restore-drill.ts [--from .wrangler/state] [--to .restore-drill] [--out .restore-drill/backup]
 *
 * The export is taken in two files, the schema and then the data, because a single file cannot be
 * replayed into an empty database: `cases` (created by the first migration) refers to
 * `assessments`, which a later migration creates, and SQLite refuses a row whose referenced table
 * does not exist yet. D1 cannot export a database that has a virtual table (the FTS5 case search
 * index), so the tables are exported by name; such an export leaves out the indexes, triggers and
 * views, which are taken from the database itself (scripts/backup-objects.ts) and created after the
 * data, so that the triggers do not count the imported warnings again in the counters that came
 * with the data. The search index is built last with the statements of the migration that created
 * it (its cases-to-parties lookup then has its index). The README's deploy section gives the same
 * steps for the remote database.
 * The browser tests serve the restored copy and compare it with the original (test/e2e/restore.e2e.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SCHEMA_OBJECTS_SQL, schemaObjectStatements } from './backup-objects.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };

/** Tables whose whole content is compared, in the order given (the rest by count). The migrations
 * table, so that `wrangler d1 migrations apply` on the copy applies nothing twice; the counters,
 * which triggers present during the import would have counted twice. */
const COMPARED: Record<string, string> = Object.fromEntries([
  ...['cases', 'parties', 'flags', 'assessments', 'warnings', 'warning_events', 'audit_log', 'users', 'courts', 'rule_sets'].map((t) => [t, 'rowid']),
  ['d1_migrations', 'id'],
  ['warning_counts', 'court_id, kind, state, level'],
]);

/** What the database is made of, by type and name (D1's own tables and SQLite's statistics aside). */
const SCHEMA_LIST_SQL = `SELECT type || ' ' || name AS object FROM sqlite_master
  WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name`;

function run(args: string[], cwd = root): string {
  return execFileSync(wrangler, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** Runs statements in one wrangler call (each call starts wrangler: a few seconds) and answers each one's rows. */
function queries(persist: string, sql: string[]): Record<string, unknown>[][] {
  const out = run(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--json', '--command', sql.join(';\n')]);
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[]).map((r) => r.results);
}

/** The export reads the state beside a config file: a throwaway project pointing at `from`. */
function exportLocal(from: string, file: string, part: '--no-data' | '--no-schema', tables: string[]): void {
  const project = mkdtempSync(join(tmpdir(), 'drill-'));
  try {
    copyFileSync(join(root, 'wrangler.toml'), join(project, 'wrangler.toml'));
    mkdirSync(join(project, '.wrangler'));
    symlinkSync(resolve(from), join(project, '.wrangler/state'));
    run(['d1', 'export', 'DB', '--local', part, ...tables.flatMap((t) => ['--table', t]), '--output', file], project);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** The tables an export can take: every table but the virtual ones and their shadow tables. */
export const EXPORTABLE_TABLES_SQL = `SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
  AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
  AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')
  ORDER BY name`;

/** The statements that build the case search index (migration 0007), to run after an import. */
export function searchIndexStatements(): string {
  return readFileSync(join(root, 'migrations/0007_case_search.sql'), 'utf8');
}

export interface DrillResult {
  tables: { name: string; rows: number; same: boolean }[];
  /** Schema objects ('index warnings_by_level') the copy lacks, and ones only the copy has. */
  schema: { missing: string[]; extra: string[] };
  ok: boolean;
}

export function restoreDrill(from: string, to: string, out: string): DrillResult {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const [list, objects, sourceSchema] = queries(from, [EXPORTABLE_TABLES_SQL, SCHEMA_OBJECTS_SQL, SCHEMA_LIST_SQL]);
  const names = list!.map((r) => String(r.name));
  const schema = join(out, 'schema.sql');
  const data = join(out, 'data.sql');
  const objectsFile = join(out, 'objects.sql');
  const search = join(out, 'search-index.sql');
  exportLocal(from, schema, '--no-data', names);
  exportLocal(from, data, '--no-schema', names);
  writeFileSync(objectsFile, schemaObjectStatements(objects!));
  writeFileSync(search, searchIndexStatements());
  for (const file of [schema, data, objectsFile, search]) run(['d1', 'execute', 'DB', '--local', '--persist-to', to, '--file', file]);

  // Per table: its row count, and for the compared ones a digest of every row in order.
  const sql = names.map((n) => (n in COMPARED ? `SELECT * FROM "${n}" ORDER BY ${COMPARED[n]}` : `SELECT count(*) AS n FROM "${n}"`));
  const summary = (results: Record<string, unknown>[][]) =>
    results.map((rows, i) =>
      names[i]! in COMPARED ? { rows: rows.length, digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex') } : { rows: Number(rows[0]?.n ?? -1), digest: '' },
    );
  const before = summary(queries(from, sql));
  const restored = queries(to, [...sql, SCHEMA_LIST_SQL]);
  const after = summary(restored.slice(0, names.length));
  const tables = names.map((name, i) => ({ name, rows: before[i]!.rows, same: before[i]!.rows === after[i]!.rows && before[i]!.digest === after[i]!.digest }));
  const objectNames = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.object));
  const [had, has] = [objectNames(sourceSchema!), objectNames(restored[names.length]!)];
  const schemaDiff = { missing: had.filter((o) => !has.includes(o)), extra: has.filter((o) => !had.includes(o)) };
  return { tables, schema: schemaDiff, ok: tables.every((t) => t.same) && schemaDiff.missing.length + schemaDiff.extra.length === 0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  const from = resolve(values.from ?? join(root, '.wrangler/state'));
  const to = resolve(values.to ?? join(root, '.restore-drill/state'));
  const out = resolve(values.out ?? join(root, '.restore-drill/backup'));
  if (!existsSync(from)) {
    console.error(`no local database at ${from}: run npm start once, or pass --from`);
    process.exit(2);
  }
  const started = Date.now();
  const result = restoreDrill(from, to, out);
  for (const t of result.tables) console.log(`${t.same ? 'same' : 'DIFFERENT'}  ${t.name}  ${t.rows} rows`);
  for (const o of result.schema.missing) console.log(`MISSING  ${o}`);
  for (const o of result.schema.extra) console.log(`EXTRA  ${o}`);
  console.log(`${result.ok ? 'restored' : 'RESTORE DIFFERS'}: ${result.tables.length} tables and their schema from ${from} into ${to} in ${((Date.now() - started) / 1000).toFixed(1)} s (export in ${out})`);
  process.exit(result.ok ? 0 : 1);
}
