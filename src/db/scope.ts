import { seesSubtree, visibleKinds, type Actor } from '../domain/roles.ts';

type ScopeActor = Pick<Actor, 'roles' | 'courtPath' | 'courtId'>;
type Condition = { sql: string; binds: (string | number)[] };

/**
 * The courts under a materialized path ('/1/2/') as a range of paths: every path that starts with
 * it sorts between it and the same path with its last '/' raised to '0' ('/' is just below '0'),
 * so an index on a path column serves a subtree as one range.
 */
export function pathRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** A basic court (the third level of the tree) has no court below it: its subtree is itself. */
export function isLeafCourt(path: string): boolean {
  return path.split('/').filter(Boolean).length >= 3;
}

/** Whether the actor's scope is one court (a judge, or any role at a basic court). */
export function singleCourtScope(actor: Pick<Actor, 'roles' | 'courtPath'>): boolean {
  return !seesSubtree(actor) || isLeafCourt(actor.courtPath);
}

/**
 * The one scope rule (domain/roles.ts): office roles see their court's subtree, judges their own
 * court and the case kinds of their roles. Here it is written for the two places a case's court
 * is stored: on the case, and on its warnings.
 */
function scope(actor: ScopeActor, cols: { subtree: (range: [string, string]) => string; court: string; kind: (k: 'trial' | 'enforcement') => string }): Condition {
  const kinds = visibleKinds(actor);
  if (kinds.length === 0) return { sql: '0', binds: [] };
  const parts: string[] = [];
  const binds: (string | number)[] = [];
  if (seesSubtree(actor) && !isLeafCourt(actor.courtPath)) {
    parts.push(cols.subtree(pathRange(actor.courtPath)));
    binds.push(...pathRange(actor.courtPath));
  } else {
    parts.push(`${cols.court} = ?`);
    binds.push(actor.courtId);
  }
  if (kinds.length === 1) parts.push(cols.kind(kinds[0]!));
  return { sql: parts.join(' AND '), binds };
}

/** The scope condition for a query on `cases` (aliased `alias`). */
export function caseScope(actor: ScopeActor, alias = 'c'): Condition {
  return scope(actor, {
    subtree: () => `${alias}.court_id IN (SELECT id FROM courts WHERE path >= ? AND path < ?)`,
    court: `${alias}.court_id`,
    kind: (k) => (k === 'enforcement' ? `${alias}.category = 'enforcement'` : `${alias}.category <> 'enforcement'`),
  });
}

/** The scope condition for a query on `warnings` (aliased `alias`), on the case's place stored with it. */
export function warningScope(actor: ScopeActor, alias = 'w'): Condition {
  return scope(actor, {
    subtree: () => `${alias}.case_path >= ? AND ${alias}.case_path < ?`,
    court: `${alias}.case_court_id`,
    kind: (k) => `${alias}.case_kind = '${k}'`,
  });
}
