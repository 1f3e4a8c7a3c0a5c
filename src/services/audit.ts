import { authorize } from './authorize.ts';
import { shanghaiIso } from '../domain/time.ts';
import { listAudit } from '../db/audit.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Db } from '../db/query.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntryView {
  id: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  via: string;
  courtId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The audit trail of the user's court subtree, newest first; the API and the page both show it. */
export async function findAudit(db: Db, user: CurrentUser, q: { entity?: string; id?: string; page: number }) {
  authorize(user, 'readAudit');
  const { rows, total } = await listAudit(db, {
    scopePath: user.courtPath,
    entity: q.entity || undefined,
    entityId: q.id || undefined,
    limit: AUDIT_PAGE_SIZE,
    offset: (q.page - 1) * AUDIT_PAGE_SIZE,
  });
  const items: AuditEntryView[] = rows.map((r) => ({
    id: r.id,
    at: shanghaiIso(r.at),
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    via: r.via,
    courtId: r.court_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
  return { items, page: q.page, pageSize: AUDIT_PAGE_SIZE, total };
}
