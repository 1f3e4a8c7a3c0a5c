import { z } from '@hono/zod-openapi';
import { CASE_CATEGORIES, parseCaseNumber, type ParsedCaseNumber } from '../domain/case-number.ts';
import { CASE_STAGES as STAGES, PARTY_ROLES } from '../domain/cases.ts';
import { CaseKindSchema, DaySchema, LevelSchema, PageQuerySchema, PastDaySchema, QueryFlagSchema, VersionSchema } from './common.ts';
import { WarningStateSchema } from '../domain/warnings/state-machine.ts';

/** A case number in either parenthesis width; a wrong one is refused naming the wrong part. */
export const CaseNumberSchema = z
  .string()
  .max(64)
  .transform((text, ctx): ParsedCaseNumber => {
    const parsed = parseCaseNumber(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `caseNumber.${parsed.error.part}`, params: { value: parsed.error.value } });
      return z.NEVER;
    }
    return parsed.value;
  })
  .openapi({ type: 'string', example: '（2024）甘0102民初1234号', description: '案号; half-width parentheses are accepted' });

export const PartyInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(PARTY_ROLES),
  vulnerable: z.boolean().default(false),
});

export const CaseCreateSchema = z
  .object({
    caseNumber: CaseNumberSchema,
    cause: z.string().trim().min(1).max(100).openapi({ example: '追索劳动报酬纠纷', description: '案由' }),
    stage: z.enum(STAGES),
    filedAt: PastDaySchema,
    closedAt: PastDaySchema.optional(),
    partyCount: z.number().int().min(0).max(1_000_000).optional(),
    amountInDispute: z.number().min(0).max(1e13).optional().openapi({ description: '标的额, yuan' }),
    parties: z.array(PartyInputSchema).max(200).default([]),
    judgeId: z.string().max(64).optional(),
    summary: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.partyCount !== undefined && v.partyCount < v.parties.length) {
      ctx.addIssue({ code: 'custom', path: ['partyCount'], message: 'case.partyCountTooSmall', params: { listed: v.parties.length } });
    }
    if (v.stage === 'closed' && !v.closedAt) {
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'case.closedAtRequired' });
    }
    if (v.closedAt && v.closedAt < v.filedAt) {
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'case.closedBeforeFiled' });
    }
  })
  .openapi('CaseCreate');
export type CaseCreateInput = z.output<typeof CaseCreateSchema>;

/**
 * A change to a case (api.md `PATCH /cases/{id}`): only the fields sent change. `closedAt` closes
 * the case (its stage becomes 结案 and days pending stop counting); `closedAt: null` reopens it.
 * `parties`, when sent, replaces the list.
 */
export const CaseUpdateSchema = z
  .object({
    version: VersionSchema,
    cause: z.string().trim().min(1).max(100).optional(),
    stage: z.enum(STAGES).optional(),
    closedAt: PastDaySchema.nullable().optional(),
    partyCount: z.number().int().min(0).max(1_000_000).optional(),
    amountInDispute: z.number().min(0).max(1e13).optional(),
    parties: z.array(PartyInputSchema).max(200).optional(),
    judgeId: z.string().max(64).nullable().optional(),
    summary: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.partyCount !== undefined && v.parties && v.partyCount < v.parties.length) {
      ctx.addIssue({ code: 'custom', path: ['partyCount'], message: 'case.partyCountTooSmall', params: { listed: v.parties.length } });
    }
    if (v.stage === 'closed' && v.closedAt === null) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'case.closedAtRequired' });
    if (v.stage !== undefined && v.stage !== 'closed' && typeof v.closedAt === 'string') {
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'case.closedStageRequired' });
    }
  })
  .openapi('CaseUpdate');
export type CaseUpdateInput = z.output<typeof CaseUpdateSchema>;

export const CaseSearchSchema = z.object({
  number: z.string().max(64).optional().openapi({ description: '案号 or a part of one; either parenthesis width' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Text in the number, cause, summary or party names' }),
  stage: z.enum(STAGES).optional(),
  level: LevelSchema.optional(),
  kind: CaseKindSchema.optional(),
  courtId: z.coerce.number().int().positive().optional(),
  mine: QueryFlagSchema.optional().openapi({ description: "Only the caller's own cases (as judge)" }),
  page: PageQuerySchema,
});
export type CaseSearchInput = z.output<typeof CaseSearchSchema>;

export const FlagCreateSchema = z
  .object({
    factor: z.string().trim().min(1, { message: 'flag.chooseFactor' }).max(64).openapi({ example: 'GROUP_DISPUTE' }),
    note: z.string().trim().max(1000).default(''),
  })
  .openapi('FlagCreate');

export const FlagWithdrawSchema = z.object({ note: z.string().trim().max(1000).default('') });

export { DaySchema };

const PersonRefSchema = z.object({ id: z.string(), displayName: z.string() });

export const FlagSchema = z
  .object({
    id: z.string(),
    factor: z.string(),
    factorName: z.string(),
    note: z.string(),
    active: z.boolean(),
    createdBy: PersonRefSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    withdrawnBy: PersonRefSchema.nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawNote: z.string().nullable(),
  })
  .openapi('Flag');

export const CaseSummarySchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    court: z.object({ id: z.number(), code: z.string(), name: z.string() }),
    category: z.enum(CASE_CATEGORIES),
    kind: CaseKindSchema,
    typeCode: z.string(),
    cause: z.string(),
    stage: z.enum(STAGES),
    filedAt: z.string(),
    closedAt: z.string().nullable(),
    partyCount: z.number(),
    amountInDispute: z.number(),
    judge: PersonRefSchema.nullable(),
    level: LevelSchema.nullable(),
    score: z.number().nullable(),
    version: z.number(),
  })
  .openapi('CaseSummary');

export const AssessmentSchema = z
  .object({
    id: z.string(),
    score: z.number(),
    level: LevelSchema,
    warn: z.boolean(),
    ruleSetId: z.string(),
    ruleSetVersion: z.number(),
    cause: z.string().openapi({ description: 'What caused the assessment: flag.add, flag.withdraw, case.create, ruleset_activation, daily …' }),
    assessedAt: z.string(),
    trace: z.unknown().openapi({ description: 'Per rule: matched, points added, and per leaf the actual fact value and the result' }),
    explanation: z.object({ sentences: z.array(z.string()), text: z.string(), summary: z.string() }),
  })
  .openapi('Assessment');

export const WarningRefSchema = z
  .object({
    id: z.string(),
    state: WarningStateSchema,
    level: LevelSchema,
    score: z.number(),
    dueAt: z.string().nullable(),
    version: z.number(),
  })
  .openapi('WarningRef');

export const AssessmentSummarySchema = z
  .object({ score: z.number(), level: LevelSchema, warningId: z.string().nullable() })
  .openapi('AssessmentSummary');

export const CaseDetailSchema = CaseSummarySchema.extend({
  summary: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parties: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(PARTY_ROLES), vulnerable: z.boolean() })),
  flags: z.array(FlagSchema),
  withdrawnFlags: z.array(FlagSchema),
  assessment: AssessmentSchema.nullable(),
  openWarning: WarningRefSchema.nullable(),
}).openapi('Case');

export const CaseListSchema = z.object({
  items: z.array(CaseSummarySchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number().openapi({ description: 'How many cases match, counted up to 1,000' }),
  totalCapped: z.boolean().openapi({ description: 'More than 1,000 match (total stops counting at 1,000)' }),
});
