import { createRoute, z } from '@hono/zod-openapi';
import { compileRuleSet, evaluate, explain, FactsSchema } from '../../domain/rules/index.ts';
import { apiApp } from '../../http/openapi.ts';
import { ERROR_RESPONSES, jsonContent, LevelSchema } from '../../schemas/common.ts';
import { activeRuleSet } from '../../services/scoring.ts';
import { requireValidRuleSet } from '../../services/rulesets.ts';

const EvaluateBodySchema = z
  .object({
    ruleSet: z.unknown().optional().openapi({ description: 'A rule-set document; the active rule set when absent' }),
    facts: FactsSchema,
  })
  .openapi('EvaluateRequest');

export const evaluateApi = apiApp().openapi(
  createRoute({
    method: 'post',
    path: '/',
    operationId: 'evaluateFacts',
    tags: ['rules'],
    summary: 'Evaluate facts against a rule set (or the active one); stores nothing',
    request: { body: { required: true, content: { 'application/json': { schema: EvaluateBodySchema } } } },
    responses: {
      200: jsonContent(
        z.object({
          score: z.number(),
          level: LevelSchema,
          warn: z.boolean(),
          trace: z.unknown(),
          explanation: z.object({ sentences: z.array(z.string()), text: z.string(), summary: z.string() }),
        }),
        'The result with its trace',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const compiled =
      body.ruleSet === undefined ? (await activeRuleSet(c.var.db)).compiled : compileRuleSet(requireValidRuleSet(body.ruleSet, c.var.t, ['ruleSet']));
    const result = evaluate(compiled, body.facts);
    return c.json({ ...result, explanation: explain(result, c.var.lang) }, 200);
  },
);
