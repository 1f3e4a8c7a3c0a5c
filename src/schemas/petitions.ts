/**
 * The petition register's API bodies (issue 8, "API fields"): `POST /api/v1/petitions`,
 * `PATCH /api/v1/petitions/{id}` and the list's filters. Messages are catalog keys.
 *
 * A PATCH checks each field it carries; the rules that span fields (group visits, outcome only
 * when concluded, assistance approved only when applied) need the merged record, so the service
 * runs `editIssues` from src/domain/petitions on it and reports them the same way.
 */
import { z } from '@hono/zod-openapi';
import {
  COMPLAINT_TYPES,
  HANDLING_OUTCOMES,
  HANDLING_STATES,
  MAX_PERSONS,
  PETITION_CHANNELS,
  parseIdNumber,
  recordIssues,
} from '../domain/petitions/index.ts';
import { shanghaiDay } from '../domain/time.ts';
import { CaseNumberSchema } from './cases.ts';
import { DaySchema, PastDaySchema, VersionSchema } from './common.ts';

/** The most a single approval of judicial assistance may be, in yuan. */
export const MAX_ASSISTANCE_AMOUNT = 10_000_000;

export const PetitionChannelSchema = z
  .enum(PETITION_CHANNELS)
  .openapi({ description: 'letter 来信 · visit 来访 · group_visit 群体访 (5 persons or more) · video 视频接访 · online 网上申诉 · phone 电话' });
export const ComplaintTypeSchema = z
  .enum(COMPLAINT_TYPES)
  .openapi({ description: 'judgment 不服裁判 · enforcement 执行不力 · conduct 审判作风 · procedure 程序问题 · other 其他' });
export const HandlingStateSchema = z
  .enum(HANDLING_STATES)
  .openapi({ description: 'registered 登记 → in_progress 办理中 → concluded 办结' });
export const HandlingOutcomeSchema = z
  .enum(HANDLING_OUTCOMES)
  .openapi({ description: 'ceased 息诉罢访 · explained 解释疏导 · transferred 转办 · terminated 依法终结 · other 其他; only when concluded' });

/** An 18-character resident identity number; stored with an upper-case X. An empty field means none. */
export const IdNumberSchema = z
  .string()
  .max(32)
  .transform((text, ctx): string | null => {
    if (text.trim() === '') return null;
    const parsed = parseIdNumber(text, shanghaiDay());
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `petition.idNumber.${parsed.issue}` });
      return z.NEVER;
    }
    return parsed.value;
  })
  .openapi({ type: 'string', example: '620102199001011237', description: '公民身份号码, 18 characters (GB 11643)' });

export const PersonsSchema = z.number().int().min(1).max(MAX_PERSONS).openapi({ description: '人次; a group visit has 5 or more' });

export const LawyerSchema = z
  .object({
    interview: z.boolean().default(false).openapi({ description: '律师接谈' }),
    representation: z.boolean().default(false).openapi({ description: '律师代理申诉' }),
    resolution: z.boolean().default(false).openapi({ description: '律师参与化解' }),
  })
  .openapi('PetitionLawyer');

export const AssistanceSchema = z
  .object({
    applied: z.boolean().default(false).openapi({ description: '申请司法救助' }),
    approved: z.boolean().default(false).openapi({ description: '批准' }),
    amount: z.number().int().min(0).max(MAX_ASSISTANCE_AMOUNT).default(0).openapi({ description: 'Approved amount, whole yuan' }),
  })
  .openapi('PetitionAssistance');

const PetitionerNameSchema = z.string().trim().min(1).max(100);
const NoteSchema = z.string().trim().max(2000);

export const PetitionCreateSchema = z
  .object({
    channel: PetitionChannelSchema,
    receivedOn: PastDaySchema,
    courtId: z.number().int().positive().openapi({ description: "The receiving court: the office's own or one below it" }),
    persons: PersonsSchema,
    petitionerName: PetitionerNameSchema,
    petitionerIdNumber: IdNumberSchema.optional(),
    caseNumber: CaseNumberSchema.optional(),
    complaintType: ComplaintTypeSchema,
    lawyer: LawyerSchema.optional(),
    assistance: AssistanceSchema.optional(),
    state: HandlingStateSchema.default('registered'),
    outcome: HandlingOutcomeSchema.optional(),
    note: NoteSchema.default(''),
  })
  .superRefine((v, ctx) => {
    const issues = recordIssues({
      channel: v.channel,
      persons: v.persons,
      state: v.state,
      outcome: v.outcome ?? null,
      assistance: { applied: false, approved: false, amount: 0, ...v.assistance },
    });
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.key });
  })
  .openapi('PetitionCreate');
export type PetitionCreateInput = z.output<typeof PetitionCreateSchema>;

export const PetitionPatchSchema = z
  .object({
    version: VersionSchema,
    channel: PetitionChannelSchema.optional(),
    receivedOn: PastDaySchema.optional(),
    courtId: z.number().int().positive().optional(),
    persons: PersonsSchema.optional(),
    petitionerName: PetitionerNameSchema.optional(),
    petitionerIdNumber: IdNumberSchema.nullable().optional(),
    caseNumber: CaseNumberSchema.nullable().optional().openapi({ description: 'Links the petition to a case; null unlinks it' }),
    complaintType: ComplaintTypeSchema.optional(),
    lawyer: LawyerSchema.optional(),
    assistance: AssistanceSchema.optional(),
    state: HandlingStateSchema.optional(),
    outcome: HandlingOutcomeSchema.nullable().optional(),
    note: NoteSchema.optional(),
  })
  .openapi('PetitionPatch');
export type PetitionPatchInput = z.output<typeof PetitionPatchSchema>;

export const PetitionQuerySchema = z
  .object({
    channel: PetitionChannelSchema.optional(),
    courtId: z.coerce.number().int().positive().optional(),
    from: DaySchema.optional(),
    to: DaySchema.optional(),
    linked: z.enum(['linked', 'unlinked']).optional().openapi({ description: 'Only petitions linked to a case, or only those that are not' }),
    complaintType: ComplaintTypeSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'stats.periodReversed' });
  });
export type PetitionQueryInput = z.output<typeof PetitionQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Answers

const CourtRefSchema = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const PetitionSchema = z
  .object({
    id: z.string(),
    channel: PetitionChannelSchema,
    receivedOn: z.string().openapi({ format: 'date' }),
    court: CourtRefSchema,
    persons: z.number(),
    petitionerName: z.string(),
    petitionerIdNumber: z.string().nullable().openapi({ description: 'In full for the petition office; masked (6201**********1234) for everyone else' }),
    idNumberMasked: z.boolean(),
    case: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
    complaintType: ComplaintTypeSchema,
    lawyer: z.object({ interview: z.boolean(), representation: z.boolean(), resolution: z.boolean() }),
    assistance: z.object({ applied: z.boolean(), approved: z.boolean(), amount: z.number() }),
    state: HandlingStateSchema,
    outcome: HandlingOutcomeSchema.nullable(),
    note: z.string(),
    version: z.number(),
    createdBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Petition');

export const PetitionListSchema = z
  .object({
    items: z.array(PetitionSchema),
    page: z.number(),
    pageSize: z.number(),
    hasMore: z.boolean().openapi({ description: 'Whether another page follows' }),
  })
  .openapi('PetitionList');

export const PossibleRepeatSchema = z
  .object({
    petition: z.object({
      id: z.string(),
      receivedOn: z.string(),
      petitionerName: z.string(),
      petitionerIdNumber: z.string().nullable(),
      caseNumber: z.string().nullable(),
      channel: PetitionChannelSchema,
      court: z.string(),
    }),
    reasons: z.array(z.enum(['idNumber', 'case'])).openapi({ description: 'Same identity number, same linked case' }),
    daysApart: z.number().openapi({ description: 'Days from that petition to this one; positive when it came first' }),
  })
  .openapi('PossibleRepeat');

const CaseAssessmentSchema = z
  .object({ score: z.number(), level: z.enum(['none', 'blue', 'yellow', 'orange', 'red']), warningId: z.string().nullable() })
  .openapi('PetitionCaseAssessment');

export const PetitionCreatedSchema = z
  .object({
    petition: PetitionSchema,
    assessment: CaseAssessmentSchema.nullable().openapi({ description: "When linked: the case's new assessment" }),
    possibleRepeats: z.array(PossibleRepeatSchema).openapi({ description: 'Registered anyway; shown so the office can check them' }),
  })
  .openapi('PetitionCreated');

export const PetitionUpdatedSchema = z
  .object({
    petition: PetitionSchema,
    rescored: z.array(CaseAssessmentSchema.extend({ caseId: z.string() })).openapi({ description: 'The cases re-scored: the one linked, the one left, or the one whose petition day moved' }),
  })
  .openapi('PetitionUpdated');

export const PetitionDeleteSchema = z.object({ version: VersionSchema }).openapi('PetitionDelete');

export const RepeatProbeSchema = z
  .object({
    receivedOn: DaySchema,
    petitionerIdNumber: IdNumberSchema.optional(),
    caseNumber: CaseNumberSchema.optional(),
    id: z.string().max(64).optional().openapi({ description: 'The petition being edited, so that it does not match itself' }),
  })
  .openapi('RepeatProbe');

export const PossibleRepeatsSchema = z.object({ possibleRepeats: z.array(PossibleRepeatSchema) }).openapi('PossibleRepeats');
