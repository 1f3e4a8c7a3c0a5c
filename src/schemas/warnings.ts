import { z } from '@hono/zod-openapi';
import { ResolutionOutcomeSchema, UserActionSchema, WARNING_STATES, WarningStateSchema } from '../domain/warnings/state-machine.ts';
import { CaseKindSchema, FormVersionSchema, LevelSchema, PageQuerySchema, QueryFlagSchema, VersionSchema } from './common.ts';

export const WarningActionSchema = z
  .object({
    action: UserActionSchema,
    version: VersionSchema,
    note: z.string().trim().max(2000).optional(),
    ownerId: z.string().max(64).optional(),
    leaderId: z.string().max(64).optional(),
    outcome: ResolutionOutcomeSchema.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .openapi('WarningAction');
export type WarningActionInput = z.output<typeof WarningActionSchema>;

/** The same action posted from the warning page's form, with the version the page carried. */
export const WarningActionFormSchema = WarningActionSchema.extend({ version: FormVersionSchema });

export const WARNING_SORTS = ['level', 'score', 'age', 'due'] as const;

export const WarningQuerySchema = z.object({
  status: z
    .enum([...WARNING_STATES, 'active', 'all'])
    .default('active')
    .openapi({ description: "A state, 'active' (every state but resolved and dismissed) or 'all'" }),
  level: LevelSchema.optional(),
  courtId: z.coerce.number().int().positive().optional(),
  kind: CaseKindSchema.optional(),
  overdue: QueryFlagSchema.optional(),
  owner: z.string().max(64).optional().openapi({ description: "A user id, or 'me'" }),
  sort: z.enum(WARNING_SORTS).default('level'),
  page: PageQuerySchema,
});
export type WarningQueryInput = z.output<typeof WarningQuerySchema>;

export const BulkAcknowledgeSchema = z
  .object({
    items: z.array(z.object({ id: z.string().max(64), version: VersionSchema })).min(1).max(100),
    ownerId: z.string().max(64).optional(),
  })
  .openapi('BulkAcknowledge');

const PersonSchema = z.object({ id: z.string(), displayName: z.string() });

export const WarningSummarySchema = z
  .object({
    id: z.string(),
    state: WarningStateSchema,
    level: LevelSchema,
    score: z.number(),
    case: z.object({
      id: z.string(),
      caseNumber: z.string(),
      cause: z.string(),
      kind: CaseKindSchema,
      court: z.object({ id: z.number(), name: z.string() }),
      judge: z.string().nullable(),
    }),
    court: z.object({ id: z.number(), code: z.string(), name: z.string() }).openapi({ description: 'The court whose petition office handles it' }),
    owner: PersonSchema.nullable(),
    leader: PersonSchema.nullable(),
    raisedAt: z.string(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    msLeft: z.number().nullable().openapi({ description: 'Milliseconds to the review deadline, negative when overdue' }),
    escalations: z.number(),
    outcome: z.string().nullable(),
    reason: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number(),
    allowedActions: z.array(UserActionSchema).openapi({ description: 'What the caller may do now' }),
  })
  .openapi('WarningSummary');

export const WarningEventSchema = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: PersonSchema.nullable(),
    kind: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    fromLevel: z.string().nullable(),
    toLevel: z.string().nullable(),
    note: z.string(),
    text: z.string().openapi({ description: 'The entry as a sentence in the caller’s language' }),
  })
  .openapi('WarningEvent');
