/** What a case is made of, beyond its number (case-number.ts): its stages and its parties' roles. */

/** 立案 → 审理 → 裁判 → 执行 → 结案 (domain.md §5). */
export const CASE_STAGES = ['filing', 'trial', 'judgment', 'enforcement', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const PARTY_ROLES = [
  'plaintiff',
  'defendant',
  'third_party',
  'appellant',
  'appellee',
  'applicant',
  'respondent',
  'defendant_criminal',
  'victim',
  'other',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
