import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../src/app.tsx';
import type { JobQueue } from '../src/services/job-queue.ts';
import { ORIGIN, sessionOf } from './helpers.ts';

/**
 * D1 sits across the network from the Worker: each statement run on its own, and each
 * db.batch(), is one round trip. This wraps the D1 binding, and the sessions opened on it (every
 * request's queries go through one), and counts them and the statements they carry (D1's
 * per-invocation query limit), for one request or one queue message.
 */
export function countingDb(db: D1Database): { db: D1Database; trips: () => number; statements: () => number; bypassing: () => number } {
  let trips = 0;
  let statements = 0;
  let bypassing = 0;
  const tick = (n = 1) => void ((trips += 1), (statements += n));
  const counted = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const bind = stmt.bind.bind(stmt);
    for (const method of ['first', 'all', 'run', 'raw'] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
      Object.defineProperty(stmt, method, { value: (...args: unknown[]) => (tick(), original(...args)) });
    }
    Object.defineProperty(stmt, 'bind', { value: (...values: unknown[]) => counted(bind(...values)) });
    return stmt;
  };
  const countedSession = (session: D1DatabaseSession): D1DatabaseSession =>
    ({
      prepare: (sql: string) => counted(session.prepare(sql)),
      batch: (list: D1PreparedStatement[]) => (tick(list.length), session.batch(list)),
      getBookmark: () => session.getBookmark(),
    }) as unknown as D1DatabaseSession;
  // Straight on the binding, a query would miss the session's bookmark: counted, and refused below.
  const wrapped = {
    prepare: (sql: string) => (bypassing++, counted(db.prepare(sql))),
    batch: (list: D1PreparedStatement[]) => (bypassing++, tick(list.length), db.batch(list)),
    exec: (sql: string) => (bypassing++, tick(), db.exec(sql)),
    dump: () => (bypassing++, tick(), db.dump()),
    withSession: (...args: Parameters<D1Database['withSession']>) => countedSession(db.withSession(...args)),
  };
  return { db: wrapped as unknown as D1Database, trips: () => trips, statements: () => statements, bypassing: () => bypassing };
}

const app = createApp();

/**
 * Runs one request through the app with a counting D1 and answers how many round trips it made;
 * throws when the request used the binding around its session (middleware/d1-session.ts).
 */
export async function roundTrips(
  path: string,
  opts: { as?: string; method?: string; form?: Record<string, string>; json?: unknown; htmx?: boolean; queue?: JobQueue } = {},
): Promise<{ status: number; trips: number; statements: number; body: string }> {
  const headers: Record<string, string> = {};
  if (opts.as) headers.cookie = await sessionOf(opts.as);
  let body: string | undefined;
  if (opts.form) {
    body = new URLSearchParams(opts.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  if (opts.method && opts.method !== 'GET') headers.origin = ORIGIN;
  if (opts.htmx) headers['HX-Request'] = 'true';
  const { db, trips, statements, bypassing } = countingDb(env.DB);
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { method: opts.method ?? 'GET', headers, body, redirect: 'manual' }), { ...env, DB: db, ...(opts.queue ? { RESCORE_QUEUE: opts.queue } : {}) }, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  if (bypassing() > 0) throw new Error(`${opts.method ?? 'GET'} ${path}: ${bypassing()} statements or batches went around the request's D1 session`);
  return { status: res.status, trips: trips(), statements: statements(), body: text };
}
