// `npm run -s backup:objects -- --remote > objects.sql`: the statements that create the database's
// indexes, triggers and views again. An export that names its tables (`wrangler d1 export --table`)
// carries only the tables, and the app cannot run without the rest: the queue and the case list
// name their indexes (INDEXED BY), triggers keep the warning counters and keep the audit trail
// append-only. Read from the database itself, so the archive restores the schema it was taken
// from. Run after the data: the counters arrive as data, and triggers present during the import
// would count every warning a second time. `--local [--persist-to dir]` reads a local database.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every index, trigger and view but SQLite's own (a UNIQUE constraint's index comes with its table) and D1's. */
export const SCHEMA_OBJECTS_SQL = `SELECT type, name, sql FROM sqlite_master
  WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
  ORDER BY rowid`;

/** The statements to run, in the order the database created them. */
export function schemaObjectStatements(rows: Record<string, unknown>[]): string {
  return rows.map((r) => `${String(r.sql)};\n`).join('');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const where = process.argv.slice(2);
  if (!where.includes('--remote') && !where.includes('--local')) {
    console.error('usage: npm run -s backup:objects -- --remote | --local [--persist-to dir]');
    process.exit(2);
  }
  const out = execFileSync(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', ...where, '--json', '--command', SCHEMA_OBJECTS_SQL], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const [first] = JSON.parse(out) as { results: Record<string, unknown>[] }[];
  process.stdout.write(schemaObjectStatements(first?.results ?? []));
}
