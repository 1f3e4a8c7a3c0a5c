/** The inputs of meetings, agendas, records, action items and notifications (API and forms share them). */
import { z } from '@hono/zod-openapi';
import { ActionItemStateSchema } from '../domain/meetings/action-items.ts';
import { DIVISIONS, MeetingKindSchema } from '../domain/meetings/kinds.ts';
import { ItemOutcomeSchema } from '../domain/meetings/outcomes.ts';
import { isValidDay, shanghaiDayStart } from '../domain/time.ts';
import { ResolutionOutcomeSchema } from '../domain/warnings/state-machine.ts';
import { DaySchema, FormVersionSchema, QueryFlagSchema, VersionSchema } from './common.ts';

export const DivisionSchema = z.enum(DIVISIONS);

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * A start time: ISO 8601 with an offset or Z (the API), or a Shanghai wall-clock time
 * "2026-12-03T09:00" as a datetime-local field sends it. Answered as a UTC ISO instant.
 */
export const StartsAtSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const local = LOCAL_TIME.exec(value);
    const instant = local
      ? shanghaiDayStart(local[1]!).getTime() + (Number(local[2]) * 60 + Number(local[3])) * 60_000
      : /([zZ]|[+-]\d{2}:\d{2})$/.test(value)
        ? Date.parse(value)
        : Number.NaN;
    const hour = local ? Number(local[2]) : 0;
    const minute = local ? Number(local[3]) : 0;
    if (Number.isNaN(instant) || hour > 23 || minute > 59 || (local && !isValidDay(local[1]!))) {
      ctx.addIssue({ code: 'custom', message: 'meeting.validation.startsAt' });
      return z.NEVER;
    }
    const year = new Date(instant).getUTCFullYear();
    if (year < 2000 || year > 2099) {
      ctx.addIssue({ code: 'custom', message: 'meeting.validation.startsAt' });
      return z.NEVER;
    }
    return new Date(instant).toISOString();
  })
  .openapi({ example: '2026-12-03T09:00:00+08:00', description: 'ISO 8601 with offset (Asia/Shanghai wall-clock time accepted as YYYY-MM-DDTHH:MM)' });

const VideoLinkSchema = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === '' || /^https?:\/\/[^\s"<>\\^`{|}]+$/.test(v), { message: 'meeting.validation.videoLink' });

const OutsideUnitsSchema = z.array(z.string().trim().min(1).max(60)).max(20);

const particulars = {
  title: z.string().trim().max(100).optional().openapi({ description: 'Suggested from kind and day when empty' }),
  plannedMinutes: z.number().int().min(15).max(480).default(120),
  place: z.string().trim().max(200).default(''),
  videoLink: VideoLinkSchema.default(''),
  chairId: z.string().min(1).max(64),
};

/** Who takes part: divisions from the catalog, outside units as typed. */
const ParticipantsSchema = z
  .object({ divisions: z.array(DivisionSchema).max(DIVISIONS.length).default([]), outsideUnits: OutsideUnitsSchema.default([]) })
  .default({ divisions: [], outsideUnits: [] });

/** Place or link: a meeting must say where it is. */
function whereItIs<T extends { place: string; videoLink: string }>(value: T, ctx: z.RefinementCtx) {
  if (!value.place && !value.videoLink) ctx.addIssue({ code: 'custom', path: ['place'], message: 'meeting.validation.placeOrLink' });
}

/** api.md: `title`, `kind`, `scheduledAt`, `place`, `chairId`, `participants`. */
export const MeetingCreateSchema = z
  .object({
    kind: MeetingKindSchema,
    scheduledAt: StartsAtSchema,
    ...particulars,
    participants: ParticipantsSchema,
  })
  .superRefine(whereItIs)
  .openapi('MeetingCreate');
export type MeetingCreateInput = z.output<typeof MeetingCreateSchema>;

/** A draft's particulars changed, with the version seen (the kind stays). */
export const MeetingUpdateSchema = z
  .object({
    version: VersionSchema,
    scheduledAt: StartsAtSchema,
    ...particulars,
    participants: ParticipantsSchema,
  })
  .superRefine(whereItIs)
  .openapi('MeetingUpdate');
export type MeetingUpdateInput = z.output<typeof MeetingUpdateSchema>;

/** The meeting form (create and edit) as the page posts it: checkboxes and one outside unit a line. */
export const MeetingFormSchema = z
  .object({
    kind: MeetingKindSchema,
    scheduledAt: StartsAtSchema,
    ...particulars,
    plannedMinutes: z.coerce.number({ error: 'meeting.validation.minutes' }).int().min(15).max(480),
    divisions: z.array(DivisionSchema).max(DIVISIONS.length),
    outsideUnits: OutsideUnitsSchema,
  })
  .superRefine(whereItIs);

export const MeetingListQuerySchema = z.object({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const VersionBodySchema = z.object({ version: VersionSchema.optional() }).openapi('MeetingVersion');

export const CancelSchema = z.object({ version: VersionSchema, reason: z.string().trim().min(1, 'meeting.error.reason_required').max(1000) }).openapi('MeetingCancel');

export const AmendSchema = z.object({ text: z.string().trim().min(1, 'meeting.error.text_required').max(4000) }).openapi('MinutesAmendment');

export const AgendaAddSchema = z
  .object({
    warningId: z.string().min(1).max(64),
    warningVersion: VersionSchema.optional().openapi({ description: 'The warning version seen; without it a warning that moved meanwhile is read again' }),
  })
  .openapi('AgendaAdd');

export const MoveDirectionSchema = z.enum(['up', 'down']);

export const AgendaItemPatchSchema = z
  .object({
    move: MoveDirectionSchema.optional(),
    presenterId: z.string().max(64).nullable().optional(),
    minutes: z.number().int().min(1).max(480).nullable().optional(),
  })
  .refine((v) => v.move !== undefined || v.presenterId !== undefined || v.minutes !== undefined, { message: 'meeting.validation.nothingToChange' })
  .openapi('AgendaItemPatch');
export type AgendaItemPatch = z.output<typeof AgendaItemPatchSchema>;

export const AttendanceSchema = z
  .object({
    present: z.array(z.string().trim().min(1).max(100)).max(200),
    absent: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  })
  .openapi('Attendance');

export const DecisionSchema = z
  .object({
    text: z.string().trim().max(4000).default(''),
    leaderId: z.string().max(64).nullable().optional(),
    outcome: ItemOutcomeSchema.nullable().optional().openapi({ description: 'follow_up when none is given' }),
    resolutionOutcome: ResolutionOutcomeSchema.nullable().optional().openapi({ description: 'Required with outcome resolved' }),
    version: VersionSchema.optional().openapi({ description: 'The decision version seen, to change a recorded one' }),
  })
  .openapi('Decision');
export type DecisionInputBody = z.output<typeof DecisionSchema>;

const owner = {
  ownerDivision: DivisionSchema.nullable().optional(),
  ownerCourtId: z.number().int().positive().nullable().optional().openapi({ description: "The division's court: the case's court by default" }),
  ownerId: z.string().max(64).nullable().optional(),
};

function ownerGiven(value: { ownerDivision?: string | null; ownerId?: string | null }, ctx: z.RefinementCtx) {
  if (!value.ownerDivision && !value.ownerId) ctx.addIssue({ code: 'custom', path: ['ownerDivision'], message: 'actionItem.error.owner_required' });
}

export const ActionItemCreateSchema = z
  .object({
    text: z.string().trim().min(1, 'actionItem.validation.text').max(1000),
    ...owner,
    dueOn: DaySchema.nullable().optional().openapi({ description: '30 days after the meeting when none is given' }),
  })
  .superRefine(ownerGiven)
  .openapi('ActionItemCreate');
export type ActionItemCreateInput = z.output<typeof ActionItemCreateSchema>;

export const CompleteSchema = z.object({ note: z.string().trim().min(1, 'actionItem.error.note_required').max(2000), version: VersionSchema }).openapi('ActionItemComplete');
export const ActionItemCancelSchema = z.object({ reason: z.string().trim().min(1, 'actionItem.error.reason_required').max(2000), version: VersionSchema }).openapi('ActionItemCancel');
export const ReassignSchema = z.object({ ...owner, version: VersionSchema }).superRefine(ownerGiven).openapi('ActionItemReassign');
export const RescheduleSchema = z.object({ dueOn: DaySchema, version: VersionSchema }).openapi('ActionItemReschedule');

/** The same, as the pages post them: the version as the page carried it. */
export const CompleteFormSchema = CompleteSchema.extend({ version: FormVersionSchema });

export const ActionItemQuerySchema = z.object({
  mine: QueryFlagSchema.optional().openapi({ description: "1: the caller's own items (as the person, or its division at its court)" }),
  state: ActionItemStateSchema.optional(),
  overdue: QueryFlagSchema.optional(),
});

export const PoolQuerySchema = z.object({
  level: z.enum(['red', 'orange', 'yellow', 'blue']).optional(),
  courtId: z.coerce.number().int().positive().optional(),
  kind: z.enum(['trial', 'enforcement']).optional(),
});
export type PoolQuery = z.output<typeof PoolQuerySchema>;
