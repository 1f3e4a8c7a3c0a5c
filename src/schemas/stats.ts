/**
 * The statistics (`GET /api/v1/stats`, `/stats`, `/stats.csv`) and the backtest
 * (`GET /api/v1/backtest`, `/backtest`): their query strings and the API's answers.
 */
import { z } from '@hono/zod-openapi';
import { periodIssue } from '../domain/stats/period.ts';
import { STATS_TABLES } from '../export/stats-csv.ts';
import { DaySchema, LevelSchema } from './common.ts';
import { PetitionChannelSchema } from './petitions.ts';

/** from / to (Shanghai days, both included; the year to date when absent) and the scope's court. */
export const StatsQuerySchema = z
  .object({
    from: DaySchema.optional().openapi({ description: 'First day, included (default: 1 January of this year)' }),
    to: DaySchema.optional().openapi({ description: 'Last day, included (default: today)' }),
    courtId: z.coerce.number().int().positive().optional().openapi({ description: "The report's court: the caller's own (default) or one below it" }),
  })
  .superRefine((v, ctx) => {
    if (!v.from || !v.to) return;
    const issue = periodIssue({ from: v.from, to: v.to });
    if (issue) ctx.addIssue({ code: 'custom', path: [issue === 'stats.periodInvalidDay' ? 'from' : 'to'], message: issue });
  });
export type StatsQueryInput = z.output<typeof StatsQuerySchema>;

/** The CSV takes the same query and, optionally, one table. */
export const StatsCsvQuerySchema = z.object({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  courtId: z.coerce.number().int().positive().optional(),
  table: z.enum(STATS_TABLES).optional(),
});

const Change = z.number().nullable().openapi({ description: '同比 as a fraction ((this − last) ÷ last); null on a zero base' });
const ComparedSchema = z.object({
  cases: z.number(),
  persons: z.number(),
  previousCases: z.number(),
  previousPersons: z.number(),
  change: Change,
  personsChange: Change,
});
const PeriodSchema = z.object({ from: z.string(), to: z.string() });
const LevelCounts = z.object({ raised: z.number(), resolved: z.number(), open: z.number() });

export const StatsSchema = z
  .object({
    court: z.object({ id: z.number(), code: z.string(), name: z.string() }).openapi({ description: "The scope's root court" }),
    period: PeriodSchema,
    previousPeriod: PeriodSchema,
    total: ComparedSchema,
    byChannel: z.array(ComparedSchema.extend({ channel: PetitionChannelSchema })),
    byLevel: z.array(ComparedSchema.extend({ level: z.enum(['high', 'intermediate', 'basic']) })),
    byCourt: z.array(
      ComparedSchema.extend({
        court: z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable().optional(), level: z.string(), hasVideoRoom: z.boolean() }),
      }),
    ),
    byMonth: z.array(
      z.object({ month: z.string(), previousMonth: z.string(), cases: z.number(), persons: z.number(), previousCases: z.number(), previousPersons: z.number() }),
    ),
    lawyers: z.object({ interview: z.number(), representation: z.number(), resolution: z.number() }),
    assistance: z.object({ applied: z.number(), approved: z.number(), amount: z.number() }),
    trend: z
      .object({
        items: z.array(
          z.object({
            key: z.enum(['letters', 'visits', 'groupVisits', 'video', 'total']),
            expect: z.enum(['down', 'up', 'stable']),
            current: z.number(),
            previous: z.number(),
            change: Change,
            achieved: z.boolean(),
          }),
        ),
        achieved: z.boolean(),
      })
      .openapi({ description: '三降一升一平稳: letters, visits and group visits down, video up, the total within ±5 %' }),
    figures: z
      .object({
        officeVisits: z.object({ cases: z.number(), persons: z.number() }),
        accepted: z.object({ cases: z.number() }),
        letters: z.object({ cases: z.number(), previousCases: z.number(), change: Change }),
        acceptedBelow: z.object({ intermediate: z.number(), basic: z.number(), total: z.number() }),
        lawyers: z.object({ interview: z.number(), representation: z.number(), resolution: z.number() }),
        assistanceApplied: z.number(),
        videoRooms: z.object({ withRoom: z.number(), total: z.number() }),
      })
      .openapi({ description: 'The named figures of the report (docs/petitions-and-statistics.md)' }),
    videoRooms: z.object({ withRoom: z.number(), total: z.number() }),
    warnings: z.object({ byLevel: z.array(LevelCounts.extend({ level: LevelSchema })), total: LevelCounts }),
  })
  .openapi('Stats');

// ---------------------------------------------------------------------------------------------
// Backtest

export const BacktestQuerySchema = z
  .object({
    ruleSetId: z.string().max(64).optional().openapi({ description: 'The rule set to replay (active, retired or draft); the active one when absent' }),
    compareWith: z.string().max(64).optional().openapi({ description: 'A second rule set to replay over the same histories, side by side' }),
    from: DaySchema.optional().openapi({ description: 'First day, included (default: 1 January of this year)' }),
    to: DaySchema.optional().openapi({ description: 'Last day, included (default: today)' }),
  })
  .superRefine((v, ctx) => {
    if (!v.from || !v.to) return;
    const issue = periodIssue({ from: v.from, to: v.to });
    if (issue) ctx.addIssue({ code: 'custom', path: [issue === 'stats.periodInvalidDay' ? 'from' : 'to'], message: issue });
  });
export type BacktestQueryInput = z.output<typeof BacktestQuerySchema>;

const RuleSetRefSchema = z.object({ id: z.string(), version: z.number(), name: z.string(), status: z.enum(['draft', 'active', 'retired']) });

export const BacktestResultSchema = z
  .object({
    ruleSet: RuleSetRefSchema,
    cases: z.number().openapi({ description: 'Cases replayed (filed by the end of the period, in scope)' }),
    recall: z.object({ petitioned: z.number(), warnedBefore: z.number(), rate: z.number().nullable(), medianLeadDays: z.number().nullable() }),
    precision: z.object({ warned: z.number(), petitionFollowed: z.number(), undecided: z.number(), rate: z.number().nullable() }),
    rules: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        fired: z.number(),
        firedThenPetition: z.number(),
        firedNoPetition: z.number(),
        share: z.number().nullable(),
      }),
    ),
    perCase: z
      .array(
        z.object({
          caseId: z.string(),
          caseNumber: z.string(),
          firstPetition: z.string().nullable(),
          warnedSince: z.string().nullable(),
          leadDays: z.number().nullable(),
          firstWarnInPeriod: z.string().nullable(),
          petitionFollowed: z.boolean().nullable(),
        }),
      )
      .openapi({ description: 'The cases that had a petition in the period or stood at the warn line in it' }),
  })
  .openapi('BacktestResult');

export const BacktestSchema = z
  .object({
    period: PeriodSchema,
    asOf: z.string().openapi({ description: 'Today: precision windows not over by then are undecided' }),
    result: BacktestResultSchema,
    comparison: z
      .object({ against: BacktestResultSchema, onlyThis: z.array(z.string()), onlyAgainst: z.array(z.string()) })
      .nullable()
      .openapi({ description: 'With compareWith: the other set’s result, and the petitioned cases foreseen by one set only (case numbers)' }),
  })
  .openapi('Backtest');
