import type { AssessmentView } from '../../src/services/present.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { dateTime } from '../format.ts';
import { LevelBadge } from './level-badge.tsx';

/**
 * An assessment as people read it: the level badge and score, the rule-set version and time, the
 * summary, and one sentence per matched rule. Used on the case page and the warning page.
 */
export function Explanation(props: { t: Translate; assessment: AssessmentView }) {
  const { t, assessment: a } = props;
  return (
    <>
      <p class="risk-line">
        <LevelBadge t={t} level={a.level} />
        <strong class="score">{t('case.assessment.score', { n: a.score })}</strong>
        <span class="muted">
          {t('case.assessment.ruleSet', { version: a.ruleSetVersion })} · {t('case.assessment.assessedAt', { time: dateTime(a.assessedAt) })}
        </span>
      </p>
      <p class="risk-summary">{a.explanation.summary}</p>
      {a.explanation.sentences.length > 0 ? (
        <ul class="reasons">
          {a.explanation.sentences.map((s) => (
            <li>{s}</li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t('case.assessment.noRules')}</p>
      )}
    </>
  );
}
