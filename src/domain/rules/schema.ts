/**
 * The rule-set document (domain.md §6) as a zod 4 schema. Structure (types, ranges, unknown keys)
 * is plain zod; what needs the whole rule — known facts, operator fits, value types, duplicate
 * ids, "points or level" — is checked by refinements that report the rule's id and the full path.
 * Conditions are one permissive object shape rather than a union, so a bad leaf deep inside is
 * reported at its own path instead of as "no union member matched" at the top.
 *
 * Our custom issues carry `params.ruleId`; zod's built-in ones (a missing label, say) cannot, so
 * routes should report through validateRuleSet / toRuleSetIssue, which add the rule's id to those.
 */
// The project's zod, extended with `.openapi()`: the recursive condition needs a named component.
import { z } from '@hono/zod-openapi';
import { isMessageKey, type MessageKey } from '../../i18n/index.ts';
import { FACT_NAMES } from './facts.ts';
import { checkCondition } from './condition-checks.ts';
import { isRecord, reporterFor, ruleIdOf, type IssueParams, type Report, type RuleSetIssue } from './issues.ts';
import { MAX_LEAVES, MAX_RULES, MAX_DEPTH, measureCondition, type Path } from './limits.ts';
import { OPERATORS } from './operators.ts';
import { FORCED_LEVELS, type Condition, type ForcedLevel, type RuleSet } from './types.ts';

export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9-_]*$/;
const LEVEL_ENUM = FORCED_LEVELS as [ForcedLevel, ...ForcedLevel[]];

/**
 * A key for a wrong value; a missing one is left to the global error map (the route's `required`).
 */
function unlessMissing(key: MessageKey) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? undefined : key) };
}

/** Refinements that must run even when other parts failed, so one response names every problem. */
const ALWAYS = { when: () => true };

// The cast narrows the permissive node to the Condition union; the refinement on `rules`
// guarantees that narrowing for every document that parses.
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      fact: z.string().optional().meta({ enum: FACT_NAMES }),
      op: z.string().optional().meta({ enum: [...OPERATORS] }),
      value: z.unknown().optional(),
      all: z.array(ConditionSchema).min(1, 'rules.error.emptyGroup').optional(),
      any: z.array(ConditionSchema).min(1, 'rules.error.emptyGroup').optional(),
      not: ConditionSchema.optional(),
    })
    .meta({
      description:
        'A leaf { fact, op, value } or exactly one of { all: [...] }, { any: [...] }, { not: condition }.',
    }),
).openapi('RuleCondition') as unknown as z.ZodType<Condition>;

const label = z.string().min(1, 'rules.error.label').max(200, 'rules.error.label');

export const RuleSchema = z.strictObject({
  id: z.string().max(64, 'rules.error.idFormat').regex(RULE_ID_PATTERN, 'rules.error.idFormat'),
  label,
  labelEn: label.optional(),
  when: ConditionSchema,
  points: z.int(unlessMissing('rules.error.pointsRange')).min(-100, 'rules.error.pointsRange').max(100, 'rules.error.pointsRange').optional(),
  level: z.enum(LEVEL_ENUM, unlessMissing('rules.error.levelValue')).optional(),
});

const threshold = z.int(unlessMissing('rules.error.thresholdValue')).min(0, 'rules.error.thresholdValue');

export const ThresholdsSchema = z
  .strictObject({ red: threshold, orange: threshold, yellow: threshold, blue: threshold })
  .superRefine((thresholds, ctx) => checkThresholdOrder(thresholds, reporterFor(ctx)));

const RulesSchema = z.preprocess(
  (rules, ctx) => {
    rejectOversizedConditions(rules, reporterFor(ctx));
    return rules;
  },
  z
    .array(RuleSchema)
    .max(MAX_RULES, 'rules.error.tooManyRules')
    .superRefine((rules, ctx) => checkRules(rules, reporterFor(ctx)), ALWAYS),
);

export const RuleSetSchema = z.object({
  name: z.string().min(1, 'rules.error.name').max(200, 'rules.error.name'),
  thresholds: ThresholdsSchema,
  warnAt: z.enum(LEVEL_ENUM, unlessMissing('rules.error.warnAt')),
  rules: RulesSchema,
});

// Compile-time check: a parsed document is a RuleSet.
type Assert<T extends true> = T;
export type RuleSetSchemaFitsRuleSet = Assert<z.output<typeof RuleSetSchema> extends RuleSet ? true : false>;

const ORDER = ['red', 'orange', 'yellow', 'blue'] as const;

/** red > orange > yellow > blue, strictly; the lower of a bad pair is the one reported. */
function checkThresholdOrder(thresholds: Record<(typeof ORDER)[number], number>, report: Report): void {
  for (let i = 1; i < ORDER.length; i++) {
    const above = ORDER[i - 1]!;
    const level = ORDER[i]!;
    if (thresholds[above] <= thresholds[level]) {
      report('rules.error.thresholdOrder', [level], {
        level,
        above,
        value: thresholds[level],
        aboveValue: thresholds[above],
      });
    }
  }
}

/** Depth and leaf bounds, checked on the raw document before the recursive parse. */
function rejectOversizedConditions(rules: unknown, report: Report): void {
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, index) => {
    if (!isRecord(rule) || !('when' in rule)) return;
    const ruleId = ruleIdOf(rule, index);
    const size = measureCondition(rule.when);
    if (size.tooDeepAt) {
      report('rules.error.tooDeep', [index, 'when', ...size.tooDeepAt], { ruleId, max: MAX_DEPTH });
    } else if (size.leaves > MAX_LEAVES) {
      report('rules.error.tooManyLeaves', [index, 'when'], { ruleId, max: MAX_LEAVES, count: size.leaves });
    }
  });
}

/** Per-rule checks that need the rule's id, plus unique ids across the set. */
function checkRules(rules: unknown, report: Report): void {
  if (!Array.isArray(rules)) return;
  const firstIndexOfId = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!isRecord(rule)) return;
    const ruleId = ruleIdOf(rule, index);
    if (typeof rule.id === 'string') {
      const first = firstIndexOfId.get(rule.id);
      if (first === undefined) firstIndexOfId.set(rule.id, index);
      else report('rules.error.duplicateId', [index, 'id'], { ruleId, first: first + 1 });
    }
    if (rule.points === undefined && rule.level === undefined) {
      report('rules.error.noEffect', [index], { ruleId });
    }
    if ('when' in rule) checkCondition(rule.when, [index, 'when'], ruleId, report);
  });
}

// ---------------------------------------------------------------------------------------------
// validateRuleSet: the same schema, with issues flattened to { path, key, params }.

export type ValidateResult = { ok: true; value: RuleSet } | { ok: false; issues: RuleSetIssue[] };

export function validateRuleSet(doc: unknown): ValidateResult {
  const parsed = RuleSetSchema.safeParse(doc);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => toRuleSetIssue(issue, doc)) };
}

type ZodIssue = z.core.$ZodIssue;

/**
 * One zod issue as { path, key, params }. Our own messages are catalog keys already; zod's
 * built-in ones are keys too once the route installs its global error map, and otherwise get a
 * generic key here. Issues inside a rule always get the rule's id.
 */
export function toRuleSetIssue(issue: ZodIssue, doc: unknown): RuleSetIssue {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const params: IssueParams = { ...builtInParams(issue), ...customParams(issue) };
  if (path[0] === 'rules' && typeof path[1] === 'number' && params.ruleId === undefined) {
    const rules = isRecord(doc) ? doc.rules : undefined;
    params.ruleId = ruleIdOf(Array.isArray(rules) ? rules[path[1]] : undefined, path[1]);
  }
  const key = isMessageKey(issue.message) ? issue.message : fallbackKey(issue, valueAt(doc, path));
  return { path, key, params };
}

function customParams(issue: ZodIssue): IssueParams {
  if (issue.code !== 'custom' || !isRecord(issue.params)) return {};
  const params: IssueParams = {};
  for (const [name, value] of Object.entries(issue.params)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}

function builtInParams(issue: ZodIssue): IssueParams {
  switch (issue.code) {
    case 'too_big':
      return { max: Number(issue.maximum) };
    case 'too_small':
      return { min: Number(issue.minimum) };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'invalid_value':
      return { allowed: issue.values.map(String).join(', ') };
    default:
      return {};
  }
}

function fallbackKey(issue: ZodIssue, value: unknown): MessageKey {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? 'rules.error.required' : 'rules.error.invalidType';
    case 'invalid_value':
      return 'rules.error.invalidValue';
    case 'too_big':
      return 'rules.error.tooBig';
    case 'too_small':
      return 'rules.error.tooSmall';
    case 'unrecognized_keys':
      return 'rules.error.unknownKeys';
    default:
      return 'rules.error.invalid';
  }
}

function valueAt(doc: unknown, path: Path): unknown {
  let current: unknown = doc;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
