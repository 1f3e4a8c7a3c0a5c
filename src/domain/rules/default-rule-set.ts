/**
 * The default rule set (`默认规则`, domain.md §6): one rule per risk factor of §4 with its
 * default points, plus the rules on parties, time pending, petitions and amount.
 */
import type { Rule, RuleSet } from './types.ts';

interface FactorDefault {
  code: string;
  zh: string;
  en: string;
  points?: number;
  level?: 'red';
}

/** The risk-factor catalog of domain.md §4, in its order (the same as the first migration's). */
export const DEFAULT_FACTORS: readonly FactorDefault[] = [
  { code: 'GROUP_DISPUTE', zh: '群体性纠纷', en: 'Group dispute', points: 5 },
  { code: 'ILLEGAL_FUNDRAISING', zh: '涉众型经济犯罪 / 非法集资', en: 'Mass economic crime / illegal fundraising', points: 5 },
  { code: 'WAGE_ARREARS', zh: '拖欠劳动报酬（农民工工资）', en: 'Unpaid wages (migrant workers)', points: 4 },
  { code: 'LAND_REQUISITION', zh: '征地拆迁补偿', en: 'Land requisition and demolition compensation', points: 4 },
  { code: 'THREAT_EXTREME', zh: '扬言自杀、自伤或其他极端行为', en: 'Threatens suicide, self-harm or other extreme acts', level: 'red' },
  { code: 'THREAT_PETITION', zh: '扬言上访、越级访', en: 'Threatens to petition or to skip levels', points: 3 },
  { code: 'PRIOR_PETITION', zh: '有信访经历', en: 'Has petitioned before', points: 3 },
  { code: 'MEDIA_ATTENTION', zh: '舆情 / 媒体关注', en: 'Public opinion / media attention', points: 3 },
  { code: 'DEATH_OR_SERIOUS_INJURY', zh: '涉及死亡或重伤', en: 'Death or serious injury involved', points: 3 },
  { code: 'EXTREME_EMOTION', zh: '情绪激烈、矛盾尖锐', en: 'Strong emotions, sharp conflict', points: 2 },
  { code: 'VULNERABLE_PARTY', zh: '涉及弱势群体（老人、残疾人、未成年人、农民工）', en: 'Vulnerable party (elderly, disabled, minor, migrant worker)', points: 2 },
  { code: 'ECONOMIC_HARDSHIP', zh: '当事人生活困难', en: 'Party in economic hardship', points: 2 },
  { code: 'ENFORCEMENT_IMPOSSIBLE', zh: '执行不能（无财产可供执行）', en: 'Enforcement impossible (no assets)', points: 2 },
  { code: 'PROCEDURE_COMPLAINT', zh: '对办案程序或办案人员不满', en: 'Complaint about procedure or court staff', points: 2 },
  { code: 'COMPLEX_OR_NEW_TYPE', zh: '新类型、疑难复杂或敏感案件', en: 'New-type, complex or sensitive case', points: 2 },
  { code: 'UNREALISTIC_DEMAND', zh: '诉求明显过高', en: 'Clearly excessive demands', points: 1 },
];

export const DEFAULT_FACTOR_CODES: readonly string[] = DEFAULT_FACTORS.map((f) => f.code);

/** GROUP_DISPUTE → group-dispute: rule ids are lower-case. */
export function factorRuleId(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

function factorRule(factor: FactorDefault): Rule {
  return {
    id: factorRuleId(factor.code),
    label: factor.zh,
    labelEn: factor.en,
    when: { fact: 'flags', op: 'has', value: factor.code },
    ...(factor.points !== undefined ? { points: factor.points } : {}),
    ...(factor.level !== undefined ? { level: factor.level } : {}),
  };
}

const FACT_RULES: readonly Rule[] = [
  { id: 'parties-100', label: '当事人百人以上', labelEn: '100 or more parties', when: { fact: 'partyCount', op: '>=', value: 100 }, level: 'red' },
  { id: 'parties-10', label: '当事人十人以上', labelEn: '10 or more parties', when: { fact: 'partyCount', op: '>=', value: 10 }, points: 2 },
  { id: 'pending-180', label: '审理超过半年', labelEn: 'Pending over six months', when: { fact: 'daysPending', op: '>', value: 180 }, points: 1 },
  // Adds 2 more on top of pending-180: both match after a year.
  { id: 'pending-365', label: '审理超过一年', labelEn: 'Pending over a year', when: { fact: 'daysPending', op: '>', value: 365 }, points: 2 },
  { id: 'petitions-12m', label: '一年内信访两次以上', labelEn: 'Two or more petitions in 12 months', when: { fact: 'petitions12m', op: '>=', value: 2 }, points: 3 },
  { id: 'petitions-7d', label: '七日内信访两次以上', labelEn: 'Two or more petitions in 7 days', when: { fact: 'petitions7d', op: '>=', value: 2 }, level: 'orange' },
  { id: 'amount-1m', label: '标的额百万元以上', labelEn: 'Amount in dispute ¥1,000,000 or more', when: { fact: 'amountInDispute', op: '>=', value: 1_000_000 }, points: 1 },
];

export const DEFAULT_RULE_SET: RuleSet = {
  name: '默认规则',
  thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 },
  warnAt: 'yellow',
  rules: [...DEFAULT_FACTORS.map(factorRule), ...FACT_RULES],
};
