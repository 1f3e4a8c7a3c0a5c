/**
 * The app served locally for the benches and the browser tests: `wrangler dev` on a local D1 state
 * directory, waited for until it answers, and stopped with everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules/.bin');

/** Resolves once `url` answers 2xx; throws after `ms`. */
export async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not answer at ${url}`);
}

/**
 * `wrangler dev` on the local D1 in `dir` at 127.0.0.1:`port`, in its own process group; resolves
 * once `probe` answers. The project's pinned Node comes first on the PATH (wrangler needs ≥ 22).
 */
export async function serve(dir: string, port: string, probe = '/login', ms = 120_000): Promise<ChildProcess> {
  const dev = spawn(join(bin, 'wrangler'), ['dev', '--local', '--persist-to', dir, '--port', port, '--ip', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', PATH: `${bin}:${process.env.PATH}` },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitFor(`http://127.0.0.1:${port}${probe}`, ms);
  } catch (err) {
    stop(dev);
    throw err;
  }
  return dev;
}

/** Ends a server started detached and whatever it started (its own process group). */
export function stop(server: ChildProcess | undefined): void {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}
