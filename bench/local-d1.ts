/**
 * What the benches share: a local D1 migrated by wrangler and filled directly with node:sqlite
 * (wrangler keeps a local D1 as a SQLite file under `<dir>/v3/d1/`), served by `wrangler dev`
 * (scripts/local-server.ts), and timed as medians.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { serve, stop } from '../scripts/local-server.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const benchState = join(root, '.bench-state');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };

/** The local D1's SQLite file under a wrangler state directory. */
export function sqliteFileOf(dir: string): string {
  const d1 = join(dir, 'v3/d1/miniflare-D1DatabaseObject');
  const file = readdirSync(d1).find((f) => f.endsWith('.sqlite'));
  if (!file) throw new Error(`no sqlite file under ${d1}`);
  return join(d1, file);
}

/** A fresh local D1 in `dir` with every migration applied; returns its SQLite file. */
export function migrate(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return sqliteFileOf(dir);
}

/** A digest of the migrations (names and contents): a filled database is reused only on the same schema. */
export function schemaDigest(): string {
  const dir = join(root, 'migrations');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
