import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { apiApp } from '../../http/openapi.ts';
import type { AppEnv } from '../../http/types.ts';
import { currentUser } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent } from '../../schemas/common.ts';
import { ActionItemListSchema, ActionItemSchema } from '../../schemas/meeting-views.ts';
import { ActionItemCancelSchema, ActionItemQuerySchema, CompleteSchema, ReassignSchema, RescheduleSchema } from '../../schemas/meetings.ts';
import { changeActionItem, listActionItems, loadActionItem, type ActionItemChangeInput } from '../../services/action-items.ts';

async function change(c: Context<AppEnv>, id: string, input: ActionItemChangeInput) {
  await changeActionItem(c.var.db, currentUser(c), id, input, c.var.t, c.var.lang);
  return loadActionItem(c.var.db, currentUser(c), id, c.var.t, c.var.lang);
}

const answer = jsonContent(ActionItemSchema, 'The action item afterwards');

export const actionItemsApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listActionItems',
      tags: ['action-items'],
      summary: "mine=1: the caller's action items (as the person, or its division at its court), overdue first; otherwise the items of the meetings in scope (office roles)",
      request: { query: ActionItemQuerySchema },
      responses: { 200: jsonContent(ActionItemListSchema, 'The action items'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const list = await listActionItems(c.var.db, currentUser(c), { view: q.mine ? 'mine' : 'scope', state: q.state ?? 'open', overdue: Boolean(q.overdue) }, c.var.t, c.var.lang);
      return c.json(list, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getActionItem',
      tags: ['action-items'],
      summary: 'One action item (its owner, or the office roles of its meeting’s scope)',
      request: { params: IdParam },
      responses: { 200: jsonContent(ActionItemSchema, 'The action item'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await loadActionItem(c.var.db, currentUser(c), c.req.valid('param').id, c.var.t, c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/complete',
      operationId: 'completeActionItem',
      tags: ['action-items'],
      summary: 'Complete with a note (owner or coordinator); 409 with the current item on a stale version',
      request: { params: IdParam, body: jsonBody(CompleteSchema) },
      responses: { 200: answer, ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await change(c, c.req.valid('param').id, { action: 'complete', ...c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      operationId: 'cancelActionItem',
      tags: ['action-items'],
      summary: 'Cancel with a reason (coordinator)',
      request: { params: IdParam, body: jsonBody(ActionItemCancelSchema) },
      responses: { 200: answer, ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await change(c, c.req.valid('param').id, { action: 'cancel', ...c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reassign',
      operationId: 'reassignActionItem',
      tags: ['action-items'],
      summary: 'Change the owner: a division (at a court of the meeting’s subtree) or a person (coordinator); the new owner is notified',
      request: { params: IdParam, body: jsonBody(ReassignSchema) },
      responses: { 200: answer, ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await change(c, c.req.valid('param').id, { action: 'reassign', ...c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reschedule',
      operationId: 'rescheduleActionItem',
      tags: ['action-items'],
      summary: 'Change the due day (coordinator)',
      request: { params: IdParam, body: jsonBody(RescheduleSchema) },
      responses: { 200: answer, ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await change(c, c.req.valid('param').id, { action: 'reschedule', ...c.req.valid('json') }), 200),
  );
