/**
 * D1 sits across the network from the Worker, so every round trip costs real time. A Query is a
 * prepared statement with the function that reads its rows; services gather the queries a
 * request needs and `readAll` sends them in ONE db.batch(), one round trip.
 */
export interface Query<R> {
  statement: D1PreparedStatement;
  read: (rows: Record<string, unknown>[]) => R;
}

export type Row = Record<string, unknown>;

/**
 * What queries run on: the database itself (the queue consumer and the daily run, always the
 * primary) or a request's Sessions API session (middleware/d1-session.ts), which may read from a
 * replica. Both prepare and batch; only the database has exec and dump, which nothing here uses.
 */
export type Db = D1Database | D1DatabaseSession;

/** Every row. */
export function many<T>(statement: D1PreparedStatement): Query<T[]> {
  return { statement, read: (rows) => rows as T[] };
}

/** The first row, or null. */
export function one<T>(statement: D1PreparedStatement): Query<T | null> {
  return { statement, read: (rows) => (rows[0] as T | undefined) ?? null };
}

/** A query whose rows are read into something else. */
export function mapped<T, R>(query: Query<T>, f: (value: T) => R): Query<R> {
  return { statement: query.statement, read: (rows) => f(query.read(rows)) };
}

type Results<Q> = { [K in keyof Q]: Q[K] extends Query<infer R> ? R : never };

/** Runs the queries in one round trip and answers their results under the same names. */
export async function readAll<Q extends Record<string, Query<unknown>>>(db: Db, queries: Q): Promise<Results<Q>> {
  const names = Object.keys(queries) as (keyof Q & string)[];
  if (names.length === 0) return {} as Results<Q>;
  const results = await db.batch(names.map((n) => queries[n]!.statement));
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    out[n] = queries[n]!.read((results[i]?.results ?? []) as Row[]);
  });
  return out as Results<Q>;
}

/** One query, one round trip. */
export async function run<R>(db: Db, query: Query<R>): Promise<R> {
  const { results } = await query.statement.all<Row>();
  return query.read(results);
}

type ResultOf<T> = T extends Query<infer R> ? R : undefined;
type SomeResults<Q> = { [K in keyof Q]: ResultOf<Q[K]> };

/** readAll where some queries may be left out (undefined): their results are undefined, and nothing is sent for them. */
export async function readSome<Q extends Record<string, Query<unknown> | undefined>>(db: Db, queries: Q): Promise<SomeResults<Q>> {
  const present = Object.fromEntries(Object.entries(queries).filter(([, q]) => q !== undefined)) as Record<string, Query<unknown>>;
  return (await readAll(db, present)) as SomeResults<Q>;
}
