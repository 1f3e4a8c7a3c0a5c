import type { CaseHistoryRow } from '../db/cases.ts';
import type { FactorRow } from '../db/factors.ts';
import { shanghaiIso } from '../domain/time.ts';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';

/** One change to a case, in the reader's language. */
export interface CaseChange {
  at: string;
  by: string | null;
  lines: string[];
}

const FIELD_KEYS: Record<string, MessageKey> = {
  cause: 'case.cause',
  stage: 'case.stage',
  filedOn: 'case.filedAt',
  closedOn: 'case.closedAt',
  partyCount: 'case.partyCount',
  amountInDispute: 'case.amount',
  judgeId: 'case.judge',
  summary: 'case.summary',
};

/**
 * The case's history as sentences: registration, flags set and withdrawn, and each edit field by
 * field ("阶段：审理 → 结案"). The audit rows carry ids and codes; words are made here.
 */
export function caseChanges(rows: readonly CaseHistoryRow[], factors: readonly FactorRow[], lang: Lang): CaseChange[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const factorName = (code: unknown) => {
    const f = factors.find((x) => x.code === code);
    return f ? (lang === 'en' ? f.name_en : f.name_zh) : String(code ?? '');
  };
  return rows.map((r) => {
    const before = r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : {};
    const after = r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : {};
    const show = (field: string, v: unknown, judge: string | null): string => {
      if (v === null || v === undefined || v === '') return '—';
      if (field === 'stage') return t(`stage.${String(v)}` as MessageKey);
      if (field === 'judgeId') return judge ?? String(v);
      return String(v);
    };
    let lines: string[];
    if (r.action === 'case.create') lines = [t('case.history.create')];
    else if (r.action === 'flag.add') lines = [t('case.history.flagAdd', { factor: factorName(after.factor) })];
    else if (r.action === 'flag.withdraw') lines = [t('case.history.flagWithdraw', { factor: factorName(after.factor ?? before.factor) })];
    else {
      lines = Object.keys(FIELD_KEYS)
        .filter((k) => Object.hasOwn(after, k))
        .map((k) => t('case.history.change', { field: t(FIELD_KEYS[k]!), from: show(k, before[k], r.judge_before), to: show(k, after[k], r.judge_after) }));
      if (Array.isArray(after.parties)) lines.push(t('case.history.partiesChanged', { n: after.parties.length }));
    }
    return { at: shanghaiIso(r.at), by: r.actor_name, lines };
  });
}
