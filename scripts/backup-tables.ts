// `npm run -s backup:tables`: the `--table` arguments for `wrangler d1 export` — every table the
// migrations create but the case search index (a virtual table D1 cannot export) and its shadow
// tables. Read from the migrations, so it needs no database.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../migrations');
const tables = new Set<string>(['d1_migrations']);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
  for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)) tables.add(m[1]!);
}
console.log([...tables].map((t) => `--table ${t}`).join(' '));
