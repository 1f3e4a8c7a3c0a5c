/** What the meeting, action-item and notification routes answer, for the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { ActionItemActionSchema, ActionItemStateSchema } from '../domain/meetings/action-items.ts';
import { STANDARD_ITEMS } from '../domain/meetings/agenda.ts';
import { MeetingKindSchema } from '../domain/meetings/kinds.ts';
import { NOTIFICATION_KINDS } from '../domain/meetings/notifications.ts';
import { ItemOutcomeSchema } from '../domain/meetings/outcomes.ts';
import { MeetingActionSchema, MeetingStateSchema } from '../domain/meetings/state-machine.ts';
import { ResolutionOutcomeSchema, WarningStateSchema } from '../domain/warnings/state-machine.ts';
import { CaseKindSchema, LevelSchema } from './common.ts';

const PersonSchema = z.object({ id: z.string(), displayName: z.string() });
const CourtRefSchema = z.object({ id: z.number(), name: z.string() });

export const ActionItemSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    state: ActionItemStateSchema,
    dueOn: z.string().openapi({ format: 'date' }),
    dueStatus: z.enum(['overdue', 'due_soon', 'later', 'closed']),
    daysOverdue: z.number(),
    carryOvers: z.number().openapi({ description: 'How many later meetings listed it still open' }),
    owner: z.object({
      division: z.string().nullable(),
      divisionName: z.string().nullable(),
      divisionLabel: z.string(),
      court: CourtRefSchema,
      person: PersonSchema.nullable(),
      label: z.string(),
    }),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedBy: PersonSchema.nullable(),
    meeting: z.object({ id: z.string(), title: z.string(), kind: MeetingKindSchema, startsAt: z.string() }),
    agendaItemId: z.string(),
    warningId: z.string().nullable(),
    warningState: WarningStateSchema.nullable(),
    caseNumber: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    allowedActions: z.array(ActionItemActionSchema).openapi({ description: 'What the caller may do now' }),
  })
  .openapi('ActionItem');

export const ActionItemListSchema = z
  .object({
    view: z.enum(['mine', 'scope']),
    state: ActionItemStateSchema,
    items: z.array(ActionItemSchema),
    counts: z.object({ open: z.number(), done: z.number(), cancelled: z.number() }),
    canSeeScope: z.boolean(),
  })
  .openapi('ActionItemList');

export const AgendaItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum([...STANDARD_ITEMS, 'warning']),
    number: z.number(),
    presenter: PersonSchema.nullable(),
    minutes: z.number().nullable(),
    version: z.number(),
    warning: z
      .object({
        id: z.string(),
        state: WarningStateSchema,
        level: LevelSchema,
        score: z.number(),
        version: z.number(),
        carryOvers: z.number(),
        leader: PersonSchema.nullable(),
      })
      .nullable(),
    case: z.object({ id: z.string(), caseNumber: z.string(), cause: z.string(), court: CourtRefSchema }).nullable(),
    scoreLine: z.string().nullable(),
    decision: z
      .object({
        text: z.string(),
        number: z.number().nullable(),
        leader: PersonSchema.nullable(),
        outcome: ItemOutcomeSchema,
        resolutionOutcome: ResolutionOutcomeSchema.nullable(),
        version: z.number(),
      })
      .nullable(),
    actionItems: z.array(ActionItemSchema),
  })
  .openapi('AgendaItem');

export const MeetingSummarySchema = z
  .object({
    id: z.string(),
    kind: MeetingKindSchema,
    title: z.string(),
    state: MeetingStateSchema,
    court: CourtRefSchema,
    startsAt: z.string(),
    plannedMinutes: z.number(),
    place: z.string(),
    videoLink: z.string(),
    chair: PersonSchema,
    coordinator: PersonSchema,
    version: z.number(),
  })
  .openapi('MeetingSummary');

export const MeetingListSchema = z.object({ items: z.array(MeetingSummarySchema), page: z.number(), pageSize: z.number(), total: z.number() });

const DataReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), days: z.number() }),
    byLevel: z.array(z.object({ level: LevelSchema, raised: z.number(), resolved: z.number(), open: z.number() })),
    total: z.object({ raised: z.number(), resolved: z.number(), open: z.number() }),
    lines: z.array(z.string()),
  })
  .openapi('DataReport');

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  divisions: z.array(z.string()),
  outsideUnits: z.array(z.string()),
  cancelReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  fullView: z.boolean().openapi({ description: 'False for a judge, who sees only the items of its cases' }),
  allowedActions: z.array(MeetingActionSchema),
  agenda: z.array(AgendaItemSchema),
  totals: z.object({ allotted: z.number(), planned: z.number(), remaining: z.number(), over: z.boolean(), unallotted: z.number() }),
  attendance: z.object({ present: z.array(z.string()), absent: z.array(z.string()) }).nullable(),
  amendments: z.array(z.object({ id: z.number(), text: z.string(), at: z.string(), by: PersonSchema })),
  report: DataReportSchema.nullable(),
  previousActions: z.array(ActionItemSchema),
  previousMeeting: z.object({ id: z.string(), title: z.string(), startsAt: z.string() }).nullable(),
}).openapi('Meeting');

export const PoolSchema = z
  .object({
    items: z.array(
      z.object({
        warningId: z.string(),
        level: LevelSchema,
        score: z.number(),
        version: z.number(),
        carryOvers: z.number(),
        raisedAt: z.string(),
        proposedAt: z.string().nullable(),
        proposedBy: z.string().nullable(),
        case: z.object({ id: z.string(), caseNumber: z.string(), cause: z.string(), kind: CaseKindSchema, court: CourtRefSchema }),
        scoreLine: z.string().nullable(),
      }),
    ),
    total: z.number(),
  })
  .openapi('AgendaPool');

export const NotificationListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(NOTIFICATION_KINDS),
        text: z.string(),
        href: z.string(),
        meetingId: z.string().nullable(),
        actionItemId: z.string().nullable(),
        createdAt: z.string(),
        read: z.boolean(),
      }),
    ),
    unread: z.number(),
  })
  .openapi('Notifications');
