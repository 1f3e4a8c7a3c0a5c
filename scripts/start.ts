// `npm start`: migrate the local D1, load the demo data once, and serve the app on $PORT (8787).
// STATE_DIR keeps a separate local database (the browser tests use their own).
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const port = process.env.PORT || '8787';
const persist = process.env.STATE_DIR ? ['--persist-to', process.env.STATE_DIR] : [];
// wrangler asks before applying migrations unless it runs non-interactively.
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

run(process.execPath, [join(root, 'scripts/vendor.ts')]);
console.log('Applying migrations to the local D1 …');
run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

const out = run(wrangler, ['d1', 'execute', 'DB', '--local', ...persist, '--json', '--command', 'SELECT count(*) AS n FROM users']);
const users = JSON.parse(out)[0]?.results?.[0]?.n ?? 0;
if (users === 0) {
  console.log('Loading demo data (Gansu courts, demo accounts, cases) …');
  const file = join(root, '.seed/demo.sql');
  run(process.execPath, [join(root, 'scripts/seed.ts'), '--out', file]);
  run(wrangler, ['d1', 'execute', 'DB', '--local', ...persist, '--file', file]);
} else {
  console.log(`Demo data already loaded (${users} users); keeping the local database as it is.`);
}

console.log(`Serving on http://localhost:${port}`);
const dev = spawn(wrangler, ['dev', '--port', port, '--local', ...persist], { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'inherit' });
dev.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
