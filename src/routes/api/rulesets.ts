import { createRoute, z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonContent } from '../../schemas/common.ts';
import {
  activateRuleSet,
  allRuleSets,
  createDraft,
  loadRuleSetPage,
  requireValidRuleSet,
  updateDraft,
} from '../../services/rulesets.ts';
import { loadSimulation, startSimulation } from '../../services/simulations.ts';
import { getRescoreJob } from '../../services/rescore.ts';
import { notFound } from '../../http/errors.ts';

const LevelCounts = z.record(z.string(), z.number());
/** The draft's revision the caller saw (RuleSet.revision). */
const RevisionSchema = z.number().int().min(1);

const RuleSetViewSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    name: z.string(),
    status: z.enum(['draft', 'active', 'retired']),
    note: z.string(),
    author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    activatedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    revision: z.number().openapi({ description: 'Send it back when editing or activating a draft; a stale one gets 409' }),
    document: z.unknown().openapi({ description: 'The rule-set document (see the RuleSetDocument schema)' }),
  })
  .openapi('RuleSet');

/**
 * A draft arrives as the rule-set document itself (domain.md §6), with an optional `note`; an
 * edit adds the `revision` it saw. The document is validated by validateRuleSet so that every
 * message names the rule and the path.
 */
const DraftBodySchema = z
  .looseObject({ note: z.string().max(2000).optional(), revision: RevisionSchema.optional() })
  .openapi({ description: 'A rule-set document (RuleSetDocument) plus optional note and, for edits, revision' });

const SimulationSchema = z
  .object({
    ruleSet: z.object({ id: z.string(), version: z.number() }),
    against: z.object({ id: z.string(), version: z.number() }),
    casesEvaluated: z.number(),
    levelsBefore: LevelCounts,
    levelsAfter: LevelCounts,
    casesChanged: z.number(),
    openWarningsChanged: z.number(),
    newWarnings: z.number(),
    changes: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        from: z.string(),
        to: z.string(),
        scoreFrom: z.number(),
        scoreTo: z.number(),
        warning: z.object({ id: z.string(), state: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('Simulation');

const SimulationJobSchema = z
  .object({
    id: z.string(),
    ruleSet: z.object({ id: z.string(), version: z.number(), revision: z.number() }).openapi({ description: 'The rule set as simulated (the revision of a draft then)' }),
    against: z.object({ id: z.string(), version: z.number() }).openapi({ description: 'The set active when the simulation began' }),
    status: z.enum(['running', 'done']),
    day: z.string().openapi({ description: 'The day (Asia/Shanghai) whose facts are evaluated' }),
    total: z.number().openapi({ description: 'Open cases in the caller\'s scope when it began; once done, the cases evaluated' }),
    done: z.number().openapi({ description: 'Cases evaluated so far' }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    result: SimulationSchema.nullable().openapi({ description: 'Null while running' }),
  })
  .openapi('SimulationJob');

function documentOf(body: Record<string, unknown>) {
  const { note: _note, revision: _revision, ...doc } = body;
  return doc;
}

export const rulesetsApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listRuleSets',
      tags: ['rules'],
      summary: 'All rule sets, newest version first',
      responses: { 200: jsonContent(z.object({ ruleSets: z.array(RuleSetViewSchema) }), 'Rule sets'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json({ ruleSets: await allRuleSets(c.var.db) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getRuleSet',
      tags: ['rules'],
      summary: 'One rule set, with its difference from the active one',
      request: { params: IdParam },
      responses: {
        200: jsonContent(RuleSetViewSchema.extend({ diffFromActive: z.unknown().nullable() }), 'The rule set'),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const { ruleSet, diff } = await loadRuleSetPage(c.var.db, c.req.valid('param').id);
      return c.json({ ...ruleSet, diffFromActive: diff?.diff ?? null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createRuleSetDraft',
      tags: ['rules'],
      summary: 'Create a draft; 422 names the bad rule and the path',
      middleware: [requireRole('editRuleSets')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: DraftBodySchema } } } },
      responses: { 201: jsonContent(RuleSetViewSchema, 'The draft'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const doc = requireValidRuleSet(documentOf(body), c.var.t);
      return c.json(await createDraft(c.var.db, currentUser(c), doc, body.note ?? ''), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      operationId: 'updateRuleSetDraft',
      tags: ['rules'],
      summary: 'Edit a draft (send the revision you saw)',
      middleware: [requireRole('editRuleSets')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: DraftBodySchema } } } },
      responses: { 200: jsonContent(RuleSetViewSchema, 'The draft'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const doc = requireValidRuleSet(documentOf(body), c.var.t);
      const revision = body.revision ?? 0;
      return c.json(await updateDraft(c.var.db, currentUser(c), c.req.valid('param').id, doc, body.note ?? '', revision), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/simulate',
      operationId: 'simulateRuleSet',
      tags: ['rules'],
      summary: 'Start simulating which open warnings and cases would change level if this set were active',
      description:
        'Evaluates the open cases in the caller\'s scope in the background, in batches, and stores the result; ' +
        'follow it with GET /rulesets/simulations/{id} until its status is done. No case or warning is changed.',
      middleware: [requireRole('simulateRuleSets')] as const,
      request: { params: IdParam },
      responses: { 202: jsonContent(SimulationJobSchema, 'Started (status running; result null)'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await startSimulation(c.var.db, c.env.RESCORE_QUEUE, currentUser(c), c.req.valid('param').id), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/simulations/{id}',
      operationId: 'getRuleSetSimulation',
      tags: ['rules'],
      summary: 'A simulation the caller started: its progress, and when done counts per level before and after and the changes',
      middleware: [requireRole('simulateRuleSets')] as const,
      request: { params: IdParam },
      responses: { 200: jsonContent(SimulationJobSchema, 'The simulation'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await loadSimulation(c.var.db, currentUser(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/activate',
      operationId: 'activateRuleSet',
      tags: ['rules'],
      summary: 'Activate a draft (the active set is retired); every open case is re-scored through the queue',
      middleware: [requireRole('editRuleSets')] as const,
      request: {
        params: IdParam,
        body: { required: false, content: { 'application/json': { schema: z.object({ revision: RevisionSchema.optional() }) } } },
      },
      responses: {
        202: jsonContent(
          z.object({
            ruleSet: RuleSetViewSchema,
            job: z.object({
              id: z.string(),
              total: z.number().openapi({ description: 'Open cases when activated' }),
              batches: z.number().openapi({ description: 'Messages of up to 50 cases it takes (an estimate: the queue lays them out)' }),
            }),
          }),
          'Activated; re-scoring runs in the background (see /rulesets/jobs/{id})',
        ),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as { revision?: number };
      return c.json(await activateRuleSet(c.var.db, c.env.RESCORE_QUEUE, currentUser(c), c.req.valid('param').id, body.revision), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}',
      operationId: 'getRescoreJob',
      tags: ['rules'],
      summary: 'Progress of a re-scoring job',
      middleware: [requireRole('simulateRuleSets')] as const,
      request: { params: IdParam },
      responses: {
        200: jsonContent(
          z.object({ id: z.string(), reason: z.string(), total: z.number(), done: z.number(), createdAt: z.string(), finishedAt: z.string().nullable() }),
          'The job',
        ),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const job = await getRescoreJob(c.var.db, c.req.valid('param').id);
      if (!job) throw notFound();
      return c.json({ id: job.id, reason: job.reason, total: job.total, done: job.done, createdAt: job.created_at, finishedAt: job.finished_at }, 200);
    },
  );
