/** /admin/rulesets/:id: one rule set in words; for a draft its difference, simulation and activation. */
import type { Level } from '../../src/domain/levels.ts';
import { isEmptyDiff, type RuleSetDiff } from '../../src/domain/rules/diff.ts';
import type { Rule } from '../../src/domain/rules/types.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import type { RuleSetView } from '../../src/services/rulesets.ts';
import type { Simulation, SimulationJob } from '../../src/services/simulations.ts';
import { Notice } from '../components/feedback.tsx';
import { count, dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { conditionWords, LevelBadge, RuleEffect, ruleLabel, RuleTable, signedPoints, StatusTag, Thresholds, type FactorName } from './common.tsx';
import { THRESHOLD_LEVELS } from './model.ts';

const LEVELS_DOWN: readonly Level[] = ['red', 'orange', 'yellow', 'blue', 'none'];

export function RuleSetFacts(props: { ui: Ui; ruleSet: RuleSetView }) {
  const { t } = props.ui;
  const r = props.ruleSet;
  return (
    <dl class="facts rs-facts">
      <dt>{t('rs.col.status')}</dt>
      <dd>
        <StatusTag ui={props.ui} status={r.status} />
      </dd>
      <dt>{t('rs.col.author')}</dt>
      <dd>{r.author?.displayName || t('rs.author.system')}</dd>
      <dt>{t('rs.col.created')}</dt>
      <dd>{dateTime(r.createdAt)}</dd>
      <dt>{t('rs.col.updated')}</dt>
      <dd>{dateTime(r.updatedAt)}</dd>
      {r.activatedAt && (
        <>
          <dt>{t('rs.col.activated')}</dt>
          <dd>{dateTime(r.activatedAt)}</dd>
        </>
      )}
      {r.retiredAt && (
        <>
          <dt>{t('rs.col.retired')}</dt>
          <dd>{dateTime(r.retiredAt)}</dd>
        </>
      )}
      <dt>{t('rs.field.note')}</dt>
      <dd>{r.note || '—'}</dd>
    </dl>
  );
}

function FieldValue(props: { ui: Ui; rule: Rule; field: 'label' | 'labelEn' | 'when' | 'points' | 'level'; factorName: FactorName }) {
  const { ui, rule } = props;
  switch (props.field) {
    case 'label':
      return <>{rule.label}</>;
    case 'labelEn':
      return <>{rule.labelEn ?? '—'}</>;
    case 'when':
      return <>{conditionWords(rule.when, ui, props.factorName) ?? JSON.stringify(rule.when)}</>;
    case 'points':
      return <>{rule.points === undefined ? '—' : signedPoints(rule.points)}</>;
    case 'level':
      return rule.level === undefined ? <>{ui.t('rs.level.notForced')}</> : <LevelBadge ui={ui} level={rule.level} />;
  }
}

function RuleCell(props: { ui: Ui; rule: Rule }) {
  return (
    <>
      <span class="rs-label">{ruleLabel(props.rule, props.ui.lang)}</span>
      <code class="rs-id">{props.rule.id}</code>
    </>
  );
}

/** Added, removed and changed rules in words, and the thresholds and warning line when they moved. */
export function DiffView(props: { ui: Ui; diff: RuleSetDiff; activeVersion: number; factorName: FactorName }) {
  const { ui, diff } = props;
  const { t } = ui;
  const fieldName = (f: string) => t(`rs.field.${f}` as MessageKey);
  return (
    <section class="card" aria-labelledby="rs-diff-h">
      <h2 id="rs-diff-h">{t('rs.diff.title', { version: props.activeVersion })}</h2>
      {isEmptyDiff(diff) ? (
        <p class="empty">{t('rs.diff.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data rs-diff">
            <thead>
              <tr>
                <th scope="col">{t('rs.diff.kind')}</th>
                <th scope="col">{t('rs.diff.what')}</th>
                <th scope="col">{t('rs.diff.before')}</th>
                <th scope="col">{t('rs.diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.name && (
                <tr>
                  <td class="nowrap">
                    <span class="rs-change rs-change-changed">{t('rs.diff.changed')}</span>
                  </td>
                  <td>{t('rs.field.name')}</td>
                  <td>{diff.name.from}</td>
                  <td>{diff.name.to}</td>
                </tr>
              )}
              {diff.thresholds &&
                THRESHOLD_LEVELS.filter((l) => diff.thresholds!.from[l] !== diff.thresholds!.to[l]).map((l) => (
                  <tr>
                    <td class="nowrap">
                      <span class="rs-change rs-change-changed">{t('rs.diff.changed')}</span>
                    </td>
                    <td>
                      {t('rs.thresholds')} <LevelBadge ui={ui} level={l} />
                    </td>
                    <td>{t('rs.threshold.atLeast', { n: diff.thresholds!.from[l] })}</td>
                    <td>{t('rs.threshold.atLeast', { n: diff.thresholds!.to[l] })}</td>
                  </tr>
                ))}
              {diff.warnAt && (
                <tr>
                  <td class="nowrap">
                    <span class="rs-change rs-change-changed">{t('rs.diff.changed')}</span>
                  </td>
                  <td>{t('rs.warnAt')}</td>
                  <td>
                    <LevelBadge ui={ui} level={diff.warnAt.from} /> {t('rs.warnAt.andAbove')}
                  </td>
                  <td>
                    <LevelBadge ui={ui} level={diff.warnAt.to} /> {t('rs.warnAt.andAbove')}
                  </td>
                </tr>
              )}
              {diff.added.map((rule) => (
                <tr>
                  <td class="nowrap">
                    <span class="rs-change rs-change-added">{t('rs.diff.added')}</span>
                  </td>
                  <td>
                    <RuleCell ui={ui} rule={rule} />
                  </td>
                  <td class="muted">—</td>
                  <td>
                    {conditionWords(rule.when, ui, props.factorName)} <RuleEffect ui={ui} rule={rule} />
                  </td>
                </tr>
              ))}
              {diff.removed.map((rule) => (
                <tr>
                  <td class="nowrap">
                    <span class="rs-change rs-change-removed">{t('rs.diff.removed')}</span>
                  </td>
                  <td>
                    <RuleCell ui={ui} rule={rule} />
                  </td>
                  <td>
                    {conditionWords(rule.when, ui, props.factorName)} <RuleEffect ui={ui} rule={rule} />
                  </td>
                  <td class="muted">—</td>
                </tr>
              ))}
              {diff.changed.map((change) =>
                change.fields.map((field, i) => (
                  <tr class={i > 0 ? 'rs-continued' : undefined}>
                    <td class="nowrap">{i === 0 && <span class="rs-change rs-change-changed">{t('rs.diff.changed')}</span>}</td>
                    <td>
                      {i === 0 && <RuleCell ui={ui} rule={change.to} />}
                      <span class="rs-field-name">{fieldName(field)}</span>
                    </td>
                    <td>
                      <FieldValue ui={ui} rule={change.from} field={field} factorName={props.factorName} />
                    </td>
                    <td>
                      <FieldValue ui={ui} rule={change.to} field={field} factorName={props.factorName} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {!isEmptyDiff(diff) && <p class="muted rs-unchanged">{t('rs.diff.unchanged', { n: diff.unchanged })}</p>}
    </section>
  );
}

/** Counts per level before and after, and the cases that would move. */
export function SimulationResult(props: { ui: Ui; sim: Simulation; day: string }) {
  const { ui, sim } = props;
  const { t, lang } = ui;
  return (
    <div class="rs-sim-result">
      <p class="muted">{t('rs.sim.basis', { against: sim.against.version, day: props.day, n: count(sim.casesEvaluated, lang) })}</p>
      <div class="rs-sim-grid">
        <table class="data rs-sim-counts">
          <caption class="visually-hidden">{t('rs.sim.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rs.sim.level')}</th>
              <th scope="col" class="num">
                {t('rs.sim.before', { version: sim.against.version })}
              </th>
              <th scope="col" class="num">
                {t('rs.sim.after', { version: sim.ruleSet.version })}
              </th>
              <th scope="col" class="num">
                {t('rs.sim.delta')}
              </th>
            </tr>
          </thead>
          <tbody>
            {LEVELS_DOWN.map((level) => {
              const before = sim.levelsBefore[level] ?? 0;
              const after = sim.levelsAfter[level] ?? 0;
              const delta = after - before;
              return (
                <tr>
                  <th scope="row">
                    <LevelBadge ui={ui} level={level} />
                  </th>
                  <td class="num">{count(before, lang)}</td>
                  <td class="num">{count(after, lang)}</td>
                  <td class={delta === 0 ? 'num muted' : 'num rs-delta'}>{delta === 0 ? '0' : signedPoints(delta)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <dl class="rs-sim-totals">
          <div>
            <dt>{t('rs.sim.casesChanged')}</dt>
            <dd>{count(sim.casesChanged, lang)}</dd>
          </div>
          <div>
            <dt>{t('rs.sim.openWarningsChanged')}</dt>
            <dd>{count(sim.openWarningsChanged, lang)}</dd>
          </div>
          <div>
            <dt>{t('rs.sim.newWarnings')}</dt>
            <dd>{count(sim.newWarnings, lang)}</dd>
          </div>
        </dl>
      </div>
      {sim.changes.length === 0 ? (
        <p class="empty">{t('rs.sim.noChanges')}</p>
      ) : (
        <>
          <h3>{t('rs.sim.changesTitle')}</h3>
          {sim.casesChanged > sim.changes.length && <p class="muted">{t('rs.sim.truncated', { shown: sim.changes.length, total: sim.casesChanged })}</p>}
          <div class="table-wrap rs-sim-changes">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('rs.sim.caseNumber')}</th>
                  <th scope="col">{t('rs.sim.from')}</th>
                  <th scope="col">{t('rs.sim.to')}</th>
                  <th scope="col" class="num">
                    {t('rs.sim.score')}
                  </th>
                  <th scope="col">{t('rs.sim.warning')}</th>
                </tr>
              </thead>
              <tbody>
                {sim.changes.map((ch) => (
                  <tr>
                    <td class="nowrap">
                      <a href={`/cases/${ch.caseId}`}>{ch.caseNumber}</a>
                    </td>
                    <td class="nowrap">
                      <LevelBadge ui={ui} level={ch.from} />
                    </td>
                    <td class="nowrap">
                      <span aria-hidden="true" class="rs-arrow">
                        →{' '}
                      </span>
                      <LevelBadge ui={ui} level={ch.to} />
                    </td>
                    <td class="num nowrap">
                      {ch.scoreFrom} → {ch.scoreTo}
                    </td>
                    <td class="nowrap">{ch.warning ? t(`warning.state.${ch.warning.state}` as MessageKey) : <span class="muted">{t('rs.sim.noWarning')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * The simulate button and the caller's latest simulation: its progress while it runs (htmx asks
 * for this section again every two seconds; without JavaScript, reloading the page shows it), then
 * its result. htmx swaps this section whole.
 */
export function SimulationSection(props: { ui: Ui; ruleSetId: string; revision: number; sim: SimulationJob | null }) {
  const { ui, sim } = props;
  const { t, lang } = ui;
  const action = `/admin/rulesets/${props.ruleSetId}/simulate`;
  const self = `/admin/rulesets/${props.ruleSetId}/simulation`;
  const running = sim?.status === 'running';
  const poll = running ? { 'hx-get': self, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {};
  return (
    <section id="rs-simulation" class="card" aria-labelledby="rs-sim-h" aria-busy={running ? 'true' : undefined} {...poll}>
      <div class="rs-head">
        <h2 id="rs-sim-h">{t('rs.sim.title')}</h2>
        <form method="post" action={action} hx-post={action} hx-target="#rs-simulation" hx-swap="outerHTML" hx-indicator="#rs-sim-busy" class="inline">
          <button type="submit" class="btn">
            {sim ? t('rs.simulateAgain') : t('rs.simulate')}
          </button>
          <span id="rs-sim-busy" class="busy" aria-hidden="true"></span>
        </form>
      </div>
      {!sim && <p class="muted">{t('rs.sim.hint')}</p>}
      {sim && running && (
        <p class="rs-sim-running">
          {t('rs.sim.running', { done: count(sim.done, lang), total: count(Math.max(sim.total, sim.done), lang) })}{' '}
          <progress value={String(sim.done)} max={String(Math.max(sim.total, sim.done, 1))} aria-label={t('rs.sim.progress')}></progress>{' '}
          <a href={`/admin/rulesets/${props.ruleSetId}#rs-simulation`}>{t('rs.sim.refresh')}</a>
        </p>
      )}
      {sim?.result && (
        <>
          {sim.ruleSet.revision !== props.revision && <Notice message={t('rs.sim.stale', { revision: sim.ruleSet.revision })} kind="info" />}
          <SimulationResult ui={ui} sim={sim.result} day={sim.day} />
        </>
      )}
    </section>
  );
}

export function ActivateForm(props: { ui: Ui; ruleSet: RuleSetView; activeVersion: number | null; error?: string }) {
  const { t } = props.ui;
  const r = props.ruleSet;
  return (
    <section class="card" aria-labelledby="rs-activate-h" id="rs-activate">
      <h2 id="rs-activate-h">{t('rs.activate.title')}</h2>
      <Notice message={props.error} kind="error" />
      <p>{props.activeVersion ? t('rs.activate.hint', { version: props.activeVersion }) : t('rs.activate.hintFirst')}</p>
      <form method="post" action={`/admin/rulesets/${r.id}/activate`}>
        <input type="hidden" name="revision" value={String(r.revision)} />
        <button type="submit" class="btn btn-primary">
          {t('rs.activate')}
        </button>
      </form>
    </section>
  );
}

/** Judging the set by what happened: the backtest page, this set against the active one. */
function BacktestLink(props: { ui: Ui; ruleSetId: string; activeId: string | null }) {
  const { t } = props.ui;
  const q = new URLSearchParams({ ruleSetId: props.ruleSetId, ...(props.activeId ? { compareWith: props.activeId } : {}) });
  return (
    <section class="card" aria-labelledby="rs-backtest-h">
      <h2 id="rs-backtest-h">{t('rs.backtest.title')}</h2>
      <p class="muted">{t('rs.backtest.hint')}</p>
      <a class="btn" href={`/backtest?${q.toString()}`}>
        {t('rs.backtest.link')}
      </a>
    </section>
  );
}

export function RuleSetDetailPage(props: {
  ui: Ui;
  ruleSet: RuleSetView;
  diff: { active: RuleSetView; diff: RuleSetDiff } | null;
  factorName: FactorName;
  notice?: string;
  error?: string;
  sim: SimulationJob | null;
}) {
  const { ui, ruleSet: r } = props;
  const { t } = ui;
  const draft = r.status === 'draft';
  return (
    <div class="stack">
      <Notice message={props.notice} />
      {!draft && <Notice message={props.error} kind="error" />}
      <section class="card" aria-labelledby="rs-facts-h">
        <h2 id="rs-facts-h" class="visually-hidden">
          {t('rs.facts')}
        </h2>
        <div class="rs-summary">
          <RuleSetFacts ui={ui} ruleSet={r} />
          <Thresholds ui={ui} doc={r.document} />
        </div>
      </section>
      {props.diff && (draft || r.status === 'retired') && (
        <DiffView ui={ui} diff={props.diff.diff} activeVersion={props.diff.active.version} factorName={props.factorName} />
      )}
      {draft && <SimulationSection ui={ui} ruleSetId={r.id} revision={r.revision} sim={props.sim} />}
      {(draft || r.status === 'retired') && <BacktestLink ui={ui} ruleSetId={r.id} activeId={props.diff?.active.id ?? null} />}
      {draft && <ActivateForm ui={ui} ruleSet={r} activeVersion={props.diff?.active.version ?? null} error={props.error} />}
      <section class="card" aria-labelledby="rs-rules-h">
        <h2 id="rs-rules-h">{t('rs.rules.title', { n: r.document.rules.length })}</h2>
        <RuleTable ui={ui} rules={r.document.rules} factorName={props.factorName} />
      </section>
    </div>
  );
}
