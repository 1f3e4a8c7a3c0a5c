import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serve, stop } from '../../scripts/local-server.ts';
import { restoreDrill } from '../../scripts/restore-drill.ts';

/**
 * The restore drill: the database the browser tests have been using is exported with
 * `wrangler d1 export`, imported into a fresh local D1, served by a second instance of the app,
 * and both instances must serve the same cases, warnings and audit trail.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const base = inject('baseUrl');
const restoredPort = String(Number(new URL(base).port) + 1);
const restoredBase = `http://127.0.0.1:${restoredPort}`;
const drillDir = join(root, '.e2e-restore');
let server: ChildProcess | undefined;

afterAll(() => stop(server));

async function signInCookie(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ username, password: 'demo1234' }),
  });
  const cookie = /(__Host-session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return cookie;
}

/** Every page of a list, as one array. */
async function everything(url: string, path: string, cookie: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; page < 200; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fetch(`${url}/api/v1${path}${sep}page=${page}`, { headers: { cookie } });
    expect(res.status, `${url}${path} page ${page}`).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[]; total: number; pageSize: number };
    // Time left to a deadline moves with the clock, not with the data.
    items.push(...body.items.map(({ msLeft: _msLeft, ...item }) => item));
    if (page * body.pageSize >= body.total) break;
  }
  return items;
}

describe('a restore drill', () => {
  it('serves the same cases, warnings and audit trail from a restored export', async () => {
    // Sessions travel with the export: a cookie from the original signs in on the copy, so
    // comparing writes nothing on either side (a sign-in would add an audit row).
    const leader = await signInCookie(base, 'leader');
    const admin = await signInCookie(base, 'admin');
    const result = restoreDrill(join(root, '.e2e-state'), join(drillDir, 'state'), join(drillDir, 'backup'));
    expect(result.tables.filter((t) => !t.same)).toEqual([]);
    // Every index, trigger and view came back: the case list names its index (INDEXED BY).
    expect(result.schema).toEqual({ missing: [], extra: [] });
    expect(result.tables.find((t) => t.name === 'cases')!.rows).toBeGreaterThan(100);

    rmSync(join(drillDir, 'logs'), { recursive: true, force: true });
    server = await serve(join(drillDir, 'state'), restoredPort);

    for (const [path, cookie] of [
      ['/cases', leader],
      // The search index is rebuilt after the import (D1 cannot export a virtual table).
      [`/cases?q=${encodeURIComponent('纠纷')}`, leader],
      ['/warnings?status=all', leader],
      ['/audit', admin],
    ] as const) {
      const original = await everything(base, path, cookie);
      const restored = await everything(restoredBase, path, cookie);
      expect(original.length, path).toBeGreaterThan(0);
      expect(restored, path).toEqual(original);
    }
  }, 300_000);
});
