/**
 * 规则回测: a rule set replayed over the scope's case histories, beside a second one (the draft
 * against the active set) — recall with the median lead, precision, each rule's record, and the
 * petitioned cases one set foresaw and the other did not.
 */
import type { Backtest, BacktestView, RuleSetRef } from '../../src/services/backtest.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { count } from '../format.ts';
import type { Ui } from '../ui.ts';

export interface BacktestQueryView {
  ruleSetId?: string;
  compareWith?: string;
  from: string;
  to: string;
}

function percent(rate: number | null, lang: Ui['lang']): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

function setName(ui: Ui, r: RuleSetRef): string {
  return ui.t('bt.setName', { name: r.name, version: r.version, status: ui.t(`bt.status.${r.status}` as MessageKey) });
}

export function BacktestForm(props: { ui: Ui; query: BacktestQueryView; ruleSets: RuleSetRef[]; chosen: string; against: string | null }) {
  const { ui } = props;
  const { t } = ui;
  const option = (r: RuleSetRef, selected: boolean) => (
    <option value={r.id} selected={selected}>
      {setName(ui, r)}
    </option>
  );
  return (
    <form method="get" action="/backtest" class="filters" role="search">
      <div class="field field-wide">
        <label for="bt-set">{t('bt.field.ruleSet')}</label>
        <select id="bt-set" name="ruleSetId">
          {props.ruleSets.map((r) => option(r, r.id === props.chosen))}
        </select>
      </div>
      <div class="field field-wide">
        <label for="bt-against">{t('bt.field.against')}</label>
        <select id="bt-against" name="compareWith">
          <option value="">{t('bt.none')}</option>
          {props.ruleSets.map((r) => option(r, r.id === props.against))}
        </select>
      </div>
      <div class="field">
        <label for="bt-from">{t('stats.filter.from')}</label>
        <input id="bt-from" name="from" type="date" value={props.query.from} required />
      </div>
      <div class="field">
        <label for="bt-to">{t('stats.filter.to')}</label>
        <input id="bt-to" name="to" type="date" value={props.query.to} required />
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary">
          {t('bt.run')}
        </button>
      </div>
    </form>
  );
}

/** The headline figures of one or two results, side by side. */
function Headline(props: { ui: Ui; results: BacktestView[] }) {
  const { ui, results } = props;
  const { t, lang } = ui;
  const rows: [MessageKey, (r: BacktestView) => string, boolean?][] = [
    ['bt.cases', (r) => count(r.cases, lang)],
    ['bt.recall', (r) => percent(r.recall.rate, lang), true],
    ['bt.petitioned', (r) => count(r.recall.petitioned, lang)],
    ['bt.warnedBefore', (r) => count(r.recall.warnedBefore, lang)],
    ['bt.medianLead', (r) => (r.recall.medianLeadDays === null ? '—' : t('bt.days', { n: r.recall.medianLeadDays }))],
    ['bt.precision', (r) => percent(r.precision.rate, lang), true],
    ['bt.warned', (r) => count(r.precision.warned, lang)],
    ['bt.petitionFollowed', (r) => count(r.precision.petitionFollowed, lang)],
    ['bt.undecided', (r) => count(r.precision.undecided, lang)],
  ];
  return (
    <div class="table-wrap">
      <table class="data bt-headline">
        <thead>
          <tr>
            <th scope="col">{t('stats.col.figure')}</th>
            {results.map((r) => (
              <th scope="col" class="num">
                {setName(ui, r.ruleSet)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value, strong]) => (
            <tr class={strong ? 'key-figure' : undefined}>
              <th scope="row">{t(key)}</th>
              {results.map((r) => (
                <td class="num">{value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each rule's record under each set: fired on how many cases, then a petition within 180 days or not. */
function Rules(props: { ui: Ui; results: BacktestView[] }) {
  const { ui, results } = props;
  const { t, lang } = ui;
  const ids: string[] = [];
  const labels = new Map<string, string>();
  for (const r of results) for (const rule of r.rules) if (!labels.has(rule.id)) (ids.push(rule.id), labels.set(rule.id, rule.label));
  const cell = (r: BacktestView, id: string) => {
    const rule = r.rules.find((x) => x.id === id);
    if (!rule) return [<td class="num muted" colspan={4}>{t('bt.ruleAbsent')}</td>];
    return [
      <td class="num">{count(rule.fired, lang)}</td>,
      <td class="num">{count(rule.firedThenPetition, lang)}</td>,
      <td class="num">{count(rule.firedNoPetition, lang)}</td>,
      <td class="num">{percent(rule.share, lang)}</td>,
    ];
  };
  return (
    <div class="table-wrap">
      <table class="data bt-rules">
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {t('bt.rule')}
            </th>
            {results.map((r) => (
              <th scope="colgroup" colspan={4} class="group">
                {setName(ui, r.ruleSet)}
              </th>
            ))}
          </tr>
          <tr>
            {results.map(() => (
              <>
                <th scope="col" class="num">{t('bt.fired')}</th>
                <th scope="col" class="num">{t('bt.thenPetition')}</th>
                <th scope="col" class="num">{t('bt.noPetition')}</th>
                <th scope="col" class="num">{t('bt.share')}</th>
              </>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr>
              <th scope="row">
                {labels.get(id)} <code class="rs-id">{id}</code>
              </th>
              {results.map((r) => cell(r, id))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The petitioned cases, each with when it was warned under each set and the lead. */
function PetitionedCases(props: { ui: Ui; results: BacktestView[] }) {
  const { ui, results } = props;
  const { t } = ui;
  const first = results[0]!;
  const petitioned = first.perCase.filter((c) => c.firstPetition !== null).sort((a, b) => (a.firstPetition! < b.firstPetition! ? -1 : 1));
  const lead = (r: BacktestView, caseId: string) => {
    const c = r.perCase.find((x) => x.caseId === caseId);
    return c?.leadDays === null || c?.leadDays === undefined ? t('bt.notWarned') : t('bt.leadOf', { n: c.leadDays, since: c.warnedSince ?? '' });
  };
  return (
    <details class="card bt-cases">
      <summary>
        <h2 class="inline">{t('bt.petitionedCases', { n: petitioned.length })}</h2>
      </summary>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('case.number')}</th>
              <th scope="col">{t('bt.firstPetition')}</th>
              {results.map((r) => (
                <th scope="col">{setName(ui, r.ruleSet)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {petitioned.map((c) => (
              <tr>
                <td class="nowrap">
                  <a href={`/cases/${c.caseId}`}>{c.caseNumber}</a>
                </td>
                <td class="nowrap">{c.firstPetition}</td>
                {results.map((r) => (
                  <td>{lead(r, c.caseId)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function CaseList(props: { ui: Ui; title: string; numbers: string[]; ids: ReadonlyMap<string, string> }) {
  const { t } = props.ui;
  return (
    <div class="bt-only">
      <h3>{props.title}</h3>
      {props.numbers.length === 0 ? (
        <p class="empty">{t('bt.noneOnly')}</p>
      ) : (
        <ul class="case-list">
          {props.numbers.map((n) => (
            <li class="nowrap">{props.ids.has(n) ? <a href={`/cases/${props.ids.get(n)}`}>{n}</a> : n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function BacktestReport(props: { ui: Ui; backtest: Backtest }) {
  const { ui, backtest: b } = props;
  const { t } = ui;
  const results = b.comparison ? [b.result, b.comparison.against] : [b.result];
  const ids = new Map(results.flatMap((r) => r.perCase.map((c) => [c.caseNumber, c.caseId] as [string, string])));
  return (
    <div class="stack backtest">
      <p class="muted">{t('bt.basis', { from: b.period.from, to: b.period.to, asOf: b.asOf })}</p>
      <section class="card" aria-labelledby="bt-head-h">
        <h2 id="bt-head-h">{t('bt.headline')}</h2>
        <Headline ui={ui} results={results} />
        <p class="hint">{t('bt.definitions')}</p>
      </section>
      {b.comparison && (
        <section class="card" aria-labelledby="bt-diff-h">
          <h2 id="bt-diff-h">{t('bt.difference')}</h2>
          <div class="grid-2 bt-diff">
            <CaseList ui={ui} title={t('bt.onlyThis', { set: setName(ui, b.result.ruleSet) })} numbers={b.comparison.onlyThis} ids={ids} />
            <CaseList ui={ui} title={t('bt.onlyThis', { set: setName(ui, b.comparison.against.ruleSet) })} numbers={b.comparison.onlyAgainst} ids={ids} />
          </div>
        </section>
      )}
      <section class="card" aria-labelledby="bt-rules-h">
        <h2 id="bt-rules-h">{t('bt.rules')}</h2>
        <Rules ui={ui} results={results} />
      </section>
      <PetitionedCases ui={ui} results={results} />
    </div>
  );
}
