import { Hono } from 'hono';
import { shanghaiIso } from '../../domain/time.ts';
import { listAudit } from '../../db/audit.ts';
import { respond, uiOf } from '../../http/render.tsx';
import { pageQuery } from '../../http/forms.ts';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { AUDIT_PAGE_SIZE, AuditQuerySchema } from '../api/audit.ts';
import { AuditTable } from '../../../views/admin/audit.tsx';

export const auditRoutes = new Hono<AppEnv>().get('/', requireRole('admin', 'leader'), async (c) => {
  const parsed = AuditQuerySchema.safeParse(pageQuery(c));
  const q = parsed.success ? parsed.data : AuditQuerySchema.parse({});
  const { rows, total } = await listAudit(c.env.DB, {
    scopePath: currentUser(c).courtPath,
    entity: q.entity || undefined,
    entityId: q.id || undefined,
    limit: AUDIT_PAGE_SIZE,
    offset: (q.page - 1) * AUDIT_PAGE_SIZE,
  });
  const items = rows.map((r) => ({
    id: r.id,
    at: shanghaiIso(r.at),
    actor: r.actor_name ?? c.var.t('audit.system'),
    via: r.via,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ?? '',
    after: r.after_json ?? '',
  }));
  return respond(c, {
    title: c.var.t('nav.audit'),
    crumbs: [{ label: c.var.t('nav.audit') }],
    content: <AuditTable ui={uiOf(c)} entity={q.entity} entityId={q.id} items={items} page={q.page} pageSize={AUDIT_PAGE_SIZE} total={total} />,
  });
});
