/** Pieces shared by the rule-set pages: level badges, rules in words, thresholds, statuses. */
import type { Level } from '../../src/domain/levels.ts';
import { describeCondition } from '../../src/domain/rules/trace.ts';
import type { Condition, Rule, RuleSet } from '../../src/domain/rules/types.ts';
import type { RuleSetStatus } from '../../src/db/rulesets.ts';
import type { Lang, MessageKey } from '../../src/i18n/index.ts';
import type { Ui } from '../ui.ts';
import { THRESHOLD_LEVELS } from './model.ts';

/** Names risk factors in conditions (GROUP_DISPUTE → 群体性纠纷); the code when unknown. */
export type FactorName = (code: string) => string;

/** Colour and text, never colour alone. */
export function LevelBadge(props: { ui: Ui; level: Level }) {
  return <span class={`badge badge-${props.level}`}>{props.ui.t(`level.${props.level}` as MessageKey)}</span>;
}

export function ruleLabel(rule: Pick<Rule, 'label' | 'labelEn'>, lang: Lang): string {
  return lang === 'en' ? (rule.labelEn ?? rule.label) : rule.label;
}

/** The condition in words; a condition the words cannot be made from (a broken draft) gives null. */
export function conditionWords(when: Condition, ui: Ui, factorName: FactorName): string | null {
  try {
    return describeCondition(when, ui.lang, { factorName });
  } catch {
    return null;
  }
}

export function signedPoints(points: number): string {
  return points < 0 ? `-${-points}` : `+${points}`;
}

/** "+5", a forced-level badge, or both. */
export function RuleEffect(props: { ui: Ui; rule: Pick<Rule, 'points' | 'level'> }) {
  const { points, level } = props.rule;
  return (
    <span class="rs-effect">
      {points !== undefined && <span class="rs-points">{signedPoints(points)}</span>}
      {level !== undefined && <LevelBadge ui={props.ui} level={level} />}
    </span>
  );
}

export function statusText(ui: Ui, status: RuleSetStatus): string {
  return ui.t(`rs.status.${status}` as MessageKey);
}

export function StatusTag(props: { ui: Ui; status: RuleSetStatus }) {
  return <span class={`rs-status rs-status-${props.status}`}>{statusText(props.ui, props.status)}</span>;
}

/** The readable rule table: number, id, label, the condition in words, points or forced level. */
export function RuleTable(props: { ui: Ui; rules: readonly Rule[]; factorName: FactorName; caption?: string }) {
  const { ui } = props;
  const { t } = ui;
  return (
    <div class="table-wrap">
      <table class="data rs-rules">
        {props.caption && <caption class="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            <th scope="col" class="num">
              #
            </th>
            <th scope="col">{t('rs.col.rule')}</th>
            <th scope="col">{t('rs.col.condition')}</th>
            <th scope="col" class="num nowrap">
              {t('rs.col.effect')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rules.map((rule, i) => (
            <tr id={`rule-${rule.id}`}>
              <td class="num muted">{i + 1}</td>
              <td>
                <span class="rs-label">{ruleLabel(rule, ui.lang)}</span>
                <code class="rs-id">{rule.id}</code>
              </td>
              <td>{conditionWords(rule.when, ui, props.factorName) ?? <code>{JSON.stringify(rule.when)}</code>}</td>
              <td class="num nowrap">
                <RuleEffect ui={ui} rule={rule} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Thresholds as badges with their scores, and the warning line. */
export function Thresholds(props: { ui: Ui; doc: Pick<RuleSet, 'thresholds' | 'warnAt'> }) {
  const { ui } = props;
  const { t } = ui;
  return (
    <dl class="rs-thresholds">
      <dt>{t('rs.thresholds')}</dt>
      <dd>
        <ul class="rs-levels">
          {THRESHOLD_LEVELS.map((level) => (
            <li>
              <LevelBadge ui={ui} level={level} /> <span class="rs-min">{t('rs.threshold.atLeast', { n: props.doc.thresholds[level] })}</span>
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('rs.warnAt')}</dt>
      <dd>
        <LevelBadge ui={ui} level={props.doc.warnAt} /> {t('rs.warnAt.andAbove')}
      </dd>
    </dl>
  );
}
