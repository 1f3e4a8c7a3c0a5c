import { nowIso } from '../domain/time.ts';
import type { Db } from './query.ts';

export interface AuditEntry {
  actorId: string | null;
  via: 'web' | 'api' | 'system';
  courtId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at?: string;
}

/** The audit row for a change; callers put it in the same db.batch() as the change itself. */
export function auditStatement(db: Db, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor_id, via, court_id, action, entity, entity_id, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      e.at ?? nowIso(),
      e.actorId,
      e.via,
      e.courtId,
      e.action,
      e.entity,
      e.entityId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    );
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  via: string;
  court_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface AuditQuery {
  scopePath: string;
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

/** Audit rows of courts within `scopePath`, newest first. */
export async function listAudit(db: Db, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const where = ['a.court_id IN (SELECT id FROM courts WHERE path LIKE ?)'];
  const binds: (string | number)[] = [`${q.scopePath}%`];
  if (q.entity) {
    where.push('a.entity = ?');
    binds.push(q.entity);
  }
  if (q.entityId) {
    where.push('a.entity_id = ?');
    binds.push(q.entityId);
  }
  const cond = where.join(' AND ');
  const [rows, total] = await db.batch([
    db
      .prepare(
        `SELECT a.*, u.display_name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ${cond} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
      )
      .bind(...binds, q.limit, q.offset),
    db.prepare(`SELECT count(*) AS n FROM audit_log a WHERE ${cond}`).bind(...binds),
  ]);
  return {
    rows: (rows?.results ?? []) as AuditRow[],
    total: ((total?.results?.[0] as { n: number } | undefined)?.n ?? 0),
  };
}
