import { Hono } from 'hono';
import { findAudit } from '../../services/audit.ts';
import { respond, uiOf } from '../../http/render.tsx';
import { pageQueryOf } from '../../http/forms.ts';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { AuditQuerySchema } from '../../schemas/audit.ts';
import { AuditTable } from '../../../views/admin/audit.tsx';

export const auditRoutes = new Hono<AppEnv>().get('/', requireRole('readAudit'), async (c) => {
  const q = pageQueryOf(c, AuditQuerySchema);
  const found = await findAudit(c.var.db, currentUser(c), q);
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  const items = found.items.map((a) => ({
    id: a.id,
    at: a.at,
    actor: a.actor?.displayName ?? c.var.t('audit.system'),
    via: a.via,
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    before: json(a.before),
    after: json(a.after),
  }));
  return respond(c, {
    title: c.var.t('nav.audit'),
    crumbs: [{ label: c.var.t('nav.audit') }],
    content: <AuditTable ui={uiOf(c)} entity={q.entity} entityId={q.id} items={items} page={found.page} pageSize={found.pageSize} total={found.total} />,
  });
});
