import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { MeetingStateSchema } from '../../domain/meetings/state-machine.ts';
import { apiApp } from '../../http/openapi.ts';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent, pathId } from '../../schemas/common.ts';
import { ActionItemSchema, MeetingDetailSchema, MeetingListSchema, PoolSchema } from '../../schemas/meeting-views.ts';
import {
  ActionItemCreateSchema,
  AgendaAddSchema,
  AgendaItemPatchSchema,
  AmendSchema,
  AttendanceSchema,
  CancelSchema,
  DecisionSchema,
  MeetingCreateSchema,
  MeetingUpdateSchema,
  PoolQuerySchema,
  VersionBodySchema,
} from '../../schemas/meetings.ts';
import { loadActionItem } from '../../services/action-items.ts';
import { addToAgenda, moveAgendaItem, removeFromAgenda, updateAgendaItem } from '../../services/agenda.ts';
import { addActionItem, amendMinutes, finalizeMeeting, recordAttendance, recordDecision } from '../../services/meeting-record.ts';
import { cancelMeeting, createMeeting, editMeeting, listMeetings, loadMeeting, loadPool, publishMeeting, type MeetingPage } from '../../services/meetings.ts';

const ItemParams = IdParam.extend({ itemId: pathId('itemId') });

/** The meeting as the API answers it: the page's data without what the page's forms offer. */
function meetingJson(page: MeetingPage) {
  return { ...page.detail, report: page.report, previousActions: page.previousActions, previousMeeting: page.previousMeeting };
}

async function answer(c: Context<AppEnv>, id: string) {
  return meetingJson(await loadMeeting(c.var.db, currentUser(c), id, c.var.t, c.var.lang));
}

const meetingAnswer = (description: string) => jsonContent(MeetingDetailSchema, description);

export const meetingsApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listMeetings',
      tags: ['meetings'],
      summary: 'The meetings the caller sees (a judge: those with its cases on the agenda), latest first',
      request: { query: z.object({ state: MeetingStateSchema.optional(), page: z.coerce.number().int().min(1).max(10_000).default(1) }) },
      responses: { 200: jsonContent(MeetingListSchema, 'A page of meetings'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await listMeetings(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createMeeting',
      tags: ['meetings'],
      summary: "Create a draft meeting at the coordinator's court (regular kinds get the two standard items)",
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { body: jsonBody(MeetingCreateSchema) },
      responses: { 201: meetingAnswer('The new draft'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const id = await createMeeting(
        c.var.db,
        currentUser(c),
        { ...b, startsAt: b.scheduledAt, divisions: b.participants.divisions, outsideUnits: b.participants.outsideUnits },
        c.var.t,
        c.var.lang,
      );
      return c.json(await answer(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/pool',
      operationId: 'getAgendaPool',
      tags: ['meetings'],
      summary: 'The agenda pool: proposed warnings in scope, red first, then score, then age',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { query: PoolQuerySchema },
      responses: { 200: jsonContent(PoolSchema, 'The pool'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await loadPool(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getMeeting',
      tags: ['meetings'],
      summary: 'A meeting with its agenda, decisions and action items (a judge: only the items of its cases)',
      request: { params: IdParam },
      responses: { 200: meetingAnswer('The meeting'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await answer(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updateMeeting',
      tags: ['meetings'],
      summary: "Change a draft's particulars, with the version seen",
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: jsonBody(MeetingUpdateSchema) },
      responses: { 200: meetingAnswer('The meeting afterwards'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await editMeeting(c.var.db, currentUser(c), id, { ...b, startsAt: b.scheduledAt, divisions: b.participants.divisions, outsideUnits: b.participants.outsideUnits }, c.var.t, c.var.lang);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      operationId: 'cancelMeeting',
      tags: ['meetings'],
      summary: 'Cancel a draft or published meeting with a reason; its warnings return to the pool',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: jsonBody(CancelSchema) },
      responses: { 200: meetingAnswer('The cancelled meeting'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await cancelMeeting(c.var.db, currentUser(c), id, c.req.valid('json'), c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/agenda',
      operationId: 'addAgendaItem',
      tags: ['meetings'],
      summary: 'Add a warning from the pool to a draft agenda (the warning becomes scheduled); 409 if it is on another open agenda',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: jsonBody(AgendaAddSchema) },
      responses: { 201: meetingAnswer('The meeting with the item'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await addToAgenda(c.var.db, currentUser(c), id, c.req.valid('json'), c.var.t);
      return c.json(await answer(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/agenda/{itemId}',
      operationId: 'updateAgendaItem',
      tags: ['meetings'],
      summary: 'Move an item up or down, or set its presenter and minutes (drafts only; a published agenda is frozen: 409)',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: ItemParams, body: jsonBody(AgendaItemPatchSchema) },
      responses: { 200: meetingAnswer('The meeting afterwards'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      const b = c.req.valid('json');
      const user = currentUser(c);
      if (b.presenterId !== undefined || b.minutes !== undefined) await updateAgendaItem(c.var.db, user, id, itemId, b, c.var.t);
      if (b.move) await moveAgendaItem(c.var.db, user, id, itemId, b.move, c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/agenda/{itemId}',
      operationId: 'removeAgendaItem',
      tags: ['meetings'],
      summary: 'Take a warning off a draft agenda (it returns to the pool)',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: ItemParams },
      responses: { 200: meetingAnswer('The meeting afterwards'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await removeFromAgenda(c.var.db, currentUser(c), id, itemId, c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/publish',
      operationId: 'publishMeeting',
      tags: ['meetings'],
      summary: 'Freeze and publish the agenda; the chair, presenters, judges and warning owners are notified',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: VersionBodySchema } } } },
      responses: { 200: meetingAnswer('The published meeting'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await publishMeeting(c.var.db, currentUser(c), id, c.req.valid('json').version, c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/attendance',
      operationId: 'recordAttendance',
      tags: ['meetings'],
      summary: 'Record who attended (from the start on; the first record marks the meeting held)',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: jsonBody(AttendanceSchema) },
      responses: { 200: meetingAnswer('The meeting afterwards'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await recordAttendance(c.var.db, currentUser(c), id, c.req.valid('json'), c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/agenda/{itemId}/decision',
      operationId: 'recordDecision',
      tags: ['meetings'],
      summary: 'Record the decision on an item: text, leader in charge (written to the warning), outcome; 409 before the start',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: ItemParams, body: jsonBody(DecisionSchema) },
      responses: { 200: meetingAnswer('The meeting afterwards'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await recordDecision(c.var.db, currentUser(c), id, itemId, c.req.valid('json'), c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/agenda/{itemId}/action-items',
      operationId: 'createActionItem',
      tags: ['meetings'],
      summary: 'Add an action item to an item: owner division or person, due day (30 days after the meeting by default)',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: ItemParams, body: jsonBody(ActionItemCreateSchema) },
      responses: { 201: jsonContent(ActionItemSchema, 'The action item'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      const user = currentUser(c);
      const created = await addActionItem(c.var.db, user, id, itemId, c.req.valid('json'), c.var.t);
      return c.json(await loadActionItem(c.var.db, user, created, c.var.t, c.var.lang), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/finalize',
      operationId: 'finalizeMeeting',
      tags: ['meetings'],
      summary: 'Lock the minutes and write each decision back to its warning (follow-up, resolved, carried over, withdrawn)',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: VersionBodySchema } } } },
      responses: { 200: meetingAnswer('The meeting with final minutes'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await finalizeMeeting(c.var.db, currentUser(c), id, c.req.valid('json').version, c.var.t);
      return c.json(await answer(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/amendments',
      operationId: 'amendMinutes',
      tags: ['meetings'],
      summary: 'Correct final minutes: an amendment of its own, listed under them',
      middleware: [requireRole('coordinateMeetings')] as const,
      request: { params: IdParam, body: jsonBody(AmendSchema) },
      responses: { 201: meetingAnswer('The meeting with the amendment'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await amendMinutes(c.var.db, currentUser(c), id, c.req.valid('json').text, c.var.t);
      return c.json(await answer(c, id), 201);
    },
  );

