import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { stop, waitFor } from '../../scripts/local-server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const port = process.env.E2E_PORT || '8797';
const base = `http://localhost:${port}`;
let server: ChildProcess | undefined;

/** Starts `npm start` with a fresh local database, exactly as a person would. */
export default async function setup(project: TestProject) {
  const stateDir = join(root, '.e2e-state');
  rmSync(stateDir, { recursive: true, force: true });
  server = spawn(process.execPath, [join(root, 'scripts/start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: port, STATE_DIR: stateDir },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  await waitFor(`${base}/login`, 300_000);
  project.provide('baseUrl', base);
  return async () => stop(server);
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
