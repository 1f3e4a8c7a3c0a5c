import { caseKind } from '../domain/roles.ts';
import { shanghaiIso } from '../domain/time.ts';
import type { CaseRow, PartyRow } from '../db/cases.ts';
import type { FlagRow } from '../db/flags.ts';
import type { Lang, MessageKey } from '../i18n/index.ts';
import type { Level } from '../domain/levels.ts';
import { evaluate, explain, type Explanation, type Facts, type Trace } from '../domain/rules/index.ts';
import type { AssessmentEntryRow, TracedAssessmentRow } from '../db/assessments.ts';
import { loadRuleSet } from './scoring.ts';
import type { WarningRow } from '../db/warnings.ts';

/** Database rows to the API's JSON shapes, which the HTML views render too. */

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface FlagView {
  id: string;
  factor: string;
  factorName: string;
  note: string;
  active: boolean;
  createdBy: PersonRef;
  createdAt: string;
  withdrawnBy: PersonRef | null;
  withdrawnAt: string | null;
  withdrawNote: string | null;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  court: { id: number; code: string; name: string };
  category: CaseRow['category'];
  kind: 'trial' | 'enforcement';
  typeCode: string;
  cause: string;
  stage: CaseRow['stage'];
  filedAt: string;
  closedAt: string | null;
  partyCount: number;
  amountInDispute: number;
  judge: PersonRef | null;
  /** The current risk level and score (null until first assessed). */
  level: Level | null;
  score: number | null;
  version: number;
}

export interface AssessmentView {
  id: string;
  score: number;
  level: Level;
  warn: boolean;
  ruleSetId: string;
  ruleSetVersion: number;
  cause: string;
  assessedAt: string;
  trace: Trace;
  explanation: Explanation;
}

/** An earlier assessment in the case's list: when, why, and what it decided. */
export type AssessmentEntry = Pick<AssessmentView, 'id' | 'score' | 'level' | 'warn' | 'ruleSetVersion' | 'cause' | 'assessedAt'>;

export interface WarningRef {
  id: string;
  state: WarningRow['state'];
  level: Level;
  score: number;
  dueAt: string | null;
  version: number;
}

export interface CaseDetail extends CaseSummary {
  summary: string;
  createdAt: string;
  updatedAt: string;
  parties: { id: string; name: string; role: PartyRow['role']; vulnerable: boolean }[];
  flags: FlagView[];
  withdrawnFlags: FlagView[];
  assessment: AssessmentView | null;
  openWarning: WarningRef | null;
}

/**
 * The assessment with its trace and explanation. The trace is not stored (migration 0009): it is the
 * evaluation of the assessment's facts by its rule set, whose document never changes once active —
 * the same trace the assessment was made with.
 */
export function assessmentView(a: TracedAssessmentRow, lang: Lang): AssessmentView {
  const rules = loadRuleSet({ id: a.rule_set_id, version: a.rule_set_version, revision: a.rule_set_revision, document: a.rule_set_document });
  const trace = evaluate(rules.compiled, JSON.parse(a.facts_json) as Facts).trace;
  return {
    id: a.id,
    score: a.score,
    level: a.level,
    warn: a.warn === 1,
    ruleSetId: a.rule_set_id,
    ruleSetVersion: a.rule_set_version,
    cause: a.cause,
    assessedAt: shanghaiIso(a.assessed_at),
    trace,
    explanation: explain({ score: a.score, level: a.level, warn: a.warn === 1, trace }, lang),
  };
}

export function assessmentEntry(a: AssessmentEntryRow): AssessmentEntry {
  return { id: a.id, score: a.score, level: a.level, warn: a.warn === 1, ruleSetVersion: a.rule_set_version, cause: a.cause, assessedAt: shanghaiIso(a.assessed_at) };
}

export function warningRef(w: WarningRow): WarningRef {
  return { id: w.id, state: w.state, level: w.level, score: w.score, dueAt: w.due_at ? shanghaiIso(w.due_at) : null, version: w.version };
}

export function courtName(row: { name: string; name_en: string | null }, lang: Lang): string {
  return lang === 'en' && row.name_en ? row.name_en : row.name;
}

export function caseSummary(row: CaseRow, lang: Lang): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    court: { id: row.court_id, code: row.court_code, name: courtName({ name: row.court_name, name_en: row.court_name_en }, lang) },
    category: row.category,
    kind: caseKind(row.category),
    typeCode: row.type_code,
    cause: row.cause,
    stage: row.stage,
    filedAt: row.filed_on,
    closedAt: row.closed_on,
    partyCount: row.party_count,
    amountInDispute: row.amount_in_dispute,
    judge: row.judge_id ? { id: row.judge_id, displayName: row.judge_name ?? '' } : null,
    level: row.level,
    score: row.score,
    version: row.version,
  };
}

export function flagView(f: FlagRow, lang: Lang): FlagView {
  return {
    id: f.id,
    factor: f.factor_code,
    factorName: lang === 'en' ? f.factor_name_en : f.factor_name_zh,
    note: f.note,
    active: f.withdrawn_at === null,
    createdBy: { id: f.created_by, displayName: f.created_by_name ?? '' },
    createdAt: shanghaiIso(f.created_at),
    withdrawnBy: f.withdrawn_by ? { id: f.withdrawn_by, displayName: f.withdrawn_by_name ?? '' } : null,
    withdrawnAt: f.withdrawn_at ? shanghaiIso(f.withdrawn_at) : null,
    withdrawNote: f.withdraw_note,
  };
}

export function caseDetail(
  row: CaseRow,
  parties: PartyRow[],
  flags: FlagRow[],
  assessment: TracedAssessmentRow | null,
  openWarning: WarningRow | null,
  lang: Lang,
): CaseDetail {
  const views = flags.map((f) => flagView(f, lang));
  return {
    ...caseSummary(row, lang),
    summary: row.summary,
    createdAt: shanghaiIso(row.created_at),
    updatedAt: shanghaiIso(row.updated_at),
    parties: parties.map((p) => ({ id: p.id, name: p.name, role: p.role, vulnerable: p.vulnerable === 1 })),
    flags: views.filter((f) => f.active),
    withdrawnFlags: views.filter((f) => !f.active),
    assessment: assessment ? assessmentView(assessment, lang) : null,
    openWarning: openWarning ? warningRef(openWarning) : null,
  };
}

/** Why an assessment was made (its `cause`), as the catalog says it. */
export const CAUSE_KEYS: Readonly<Record<string, MessageKey>> = {
  'flag.add': 'cause.flagAdd',
  'flag.withdraw': 'cause.flagWithdraw',
  'case.create': 'cause.caseCreate',
  'case.update': 'cause.caseUpdate',
  ruleset_activation: 'cause.rulesetActivation',
  daily: 'cause.daily',
  manual: 'cause.manual',
  seed: 'cause.seed',
  'petition.link': 'cause.petitionLink',
  'petition.unlink': 'cause.petitionUnlink',
  'petition.update': 'cause.petitionUpdate',
};
