import { seesSubtree, visibleKinds, type Actor } from '../domain/roles.ts';

/**
 * The SQL condition that keeps a query on `cases` (aliased `alias`) inside the actor's scope:
 * the court subtree for office roles, the own court and case kinds for judges.
 */
export function caseScope(actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>, alias = 'c'): { sql: string; binds: (string | number)[] } {
  const kinds = visibleKinds(actor);
  if (kinds.length === 0) return { sql: '0', binds: [] };
  const parts: string[] = [];
  const binds: (string | number)[] = [];
  if (seesSubtree(actor)) {
    parts.push(`${alias}.court_id IN (SELECT id FROM courts WHERE path LIKE ?)`);
    binds.push(`${actor.courtPath}%`);
  } else {
    parts.push(`${alias}.court_id = ?`);
    binds.push(actor.courtId);
  }
  if (kinds.length === 1) {
    parts.push(kinds[0] === 'enforcement' ? `${alias}.category = 'enforcement'` : `${alias}.category <> 'enforcement'`);
  }
  return { sql: parts.join(' AND '), binds };
}
