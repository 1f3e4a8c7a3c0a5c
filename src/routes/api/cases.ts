import { createRoute, z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { addFlag, createCase, findCases, loadAssessment, loadCaseDetail, withdrawFlag } from '../../services/cases.ts';
import { notFound } from '../../http/errors.ts';
import { updateCase, upsertCase } from '../../services/case-edits.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent, pathId } from '../../schemas/common.ts';
import {
  AssessmentSchema,
  AssessmentSummarySchema,
  CaseCreateSchema,
  CaseDetailSchema,
  CaseListSchema,
  CaseSearchSchema,
  CaseUpdateSchema,
  FlagCreateSchema,
  FlagSchema,
  FlagWithdrawSchema,
} from '../../schemas/cases.ts';

const CaseIdParam = IdParam;
const CaseNumberParam = z.object({
  caseNumber: z.string().max(64).openapi({ param: { name: 'caseNumber', in: 'path' }, example: '（2024）甘0102民初1234号', description: '案号, either parenthesis width (URL-encoded)' }),
});
const FlagIdParam = IdParam.extend({ flagId: pathId('flagId') });
const FlagResultSchema = z.object({ flag: FlagSchema, assessment: AssessmentSummarySchema }).openapi('FlagResult');

export const casesApi = apiApp()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createCase',
      tags: ['cases'],
      summary: 'Register a case; court and category come from the case number',
      middleware: [requireRole('registerCases')] as const,
      request: { body: jsonBody(CaseCreateSchema) },
      responses: { 201: jsonContent(CaseDetailSchema, 'The new case'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const detail = await createCase(c.var.db, currentUser(c), c.req.valid('json'), c.var.t, c.var.lang);
      return c.json(detail, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'searchCases',
      tags: ['cases'],
      summary: "Search the cases in the caller's scope",
      request: { query: CaseSearchSchema },
      responses: { 200: jsonContent(CaseListSchema, 'A page of cases'), 401: ERROR_RESPONSES[401], 422: ERROR_RESPONSES[422] },
    }),
    async (c) => c.json(await findCases(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getCase',
      tags: ['cases'],
      summary: 'A case with parties, flags and (later) its assessment',
      request: { params: CaseIdParam },
      responses: { 200: jsonContent(CaseDetailSchema, 'The case'), 401: ERROR_RESPONSES[401], 404: ERROR_RESPONSES[404] },
    }),
    async (c) => c.json(await loadCaseDetail(c.var.db, currentUser(c), c.req.valid('param').id, c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updateCase',
      tags: ['cases'],
      summary: "Change a case's stage, closing, parties, party count, amount, judge or summary (send the version you saw); the case is re-scored",
      request: { params: CaseIdParam, body: jsonBody(CaseUpdateSchema) },
      responses: { 200: jsonContent(CaseDetailSchema, 'The case after the change'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { detail } = await updateCase(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.t, c.var.lang);
      return c.json(detail, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/by-number/{caseNumber}',
      operationId: 'upsertCaseByNumber',
      tags: ['cases'],
      summary: 'Create or update a case by its number (for the courts’ case-management systems); the same body twice writes once',
      middleware: [requireRole('registerCases')] as const,
      request: { params: CaseNumberParam, body: jsonBody(CaseCreateSchema) },
      responses: { 200: jsonContent(CaseDetailSchema, 'The case, updated (or unchanged)'), 201: jsonContent(CaseDetailSchema, 'The case, created'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { detail, created } = await upsertCase(c.var.db, currentUser(c), c.req.valid('param').caseNumber, c.req.valid('json'), c.var.t, c.var.lang);
      return created ? c.json(detail, 201) : c.json(detail, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/flags',
      operationId: 'addFlag',
      tags: ['cases'],
      summary: 'Flag a case with a risk factor; the case is re-scored in the same request',
      request: { params: CaseIdParam, body: jsonBody(FlagCreateSchema) },
      responses: { 201: jsonContent(FlagResultSchema, 'The new flag'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const result = await addFlag(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.t, c.var.lang);
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/flags/{flagId}',
      operationId: 'withdrawFlag',
      tags: ['cases'],
      summary: 'Withdraw a flag (it stays in the history)',
      request: { params: FlagIdParam, body: { required: false, content: { 'application/json': { schema: FlagWithdrawSchema } } } },
      responses: { 200: jsonContent(FlagResultSchema, 'The withdrawn flag'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, flagId } = c.req.valid('param');
      const body = c.req.valid('json') as { note?: string };
      const result = await withdrawFlag(c.var.db, currentUser(c), id, flagId, body.note ?? '', c.var.lang);
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/assessment',
      operationId: 'getAssessment',
      tags: ['cases'],
      summary: "The case's current assessment with its trace (404 before the first one)",
      request: { params: CaseIdParam },
      responses: { 200: jsonContent(AssessmentSchema, 'The assessment'), 401: ERROR_RESPONSES[401], 404: ERROR_RESPONSES[404] },
    }),
    async (c) => {
      const a = await loadAssessment(c.var.db, currentUser(c), c.req.valid('param').id, c.var.lang);
      if (!a) throw notFound();
      return c.json(a, 200);
    },
  );
