/**
 * The draft editor: a form per rule (the condition as a small JSON field with its words beneath)
 * and, beside it, the whole document as JSON in a second form. Both save by a plain post; htmx only
 * refreshes a condition's words when its field changes.
 */
import { FORCED_LEVELS } from '../../src/domain/rules/types.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import type { Ui } from '../ui.ts';
import { conditionWords, LevelBadge, type FactorName } from './common.tsx';
import { rowsToRender, THRESHOLD_LEVELS, type EditorState, type RuleRow } from './model.ts';

/** Where on the page the message of a field is, for the summary of problems at the top. */
function anchorOf(key: string): string {
  const rule = /^rules\.(\d+)(?:\.(\w+))?$/.exec(key);
  if (rule) return rule[2] ? `rs-r${rule[1]}-${rule[2]}` : `rs-r${rule[1]}`;
  if (key.startsWith('thresholds')) return `rs-th-${key.split('.')[1] ?? 'red'}`;
  const fixed: Record<string, string> = { name: 'rs-name', note: 'rs-note', warnAt: 'rs-warnat', rules: 'rs-rules-h', json: 'rs-json' };
  return fixed[key] ?? 'rs-editor';
}

function described(id: string, error: string | undefined, hint?: boolean): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function ErrorText(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="error" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

/** The words under a condition field: what it means, or why it cannot be read. */
export function ConditionInfo(props: { ui: Ui; index: number; words?: string | null; error?: string }) {
  const { t } = props.ui;
  const id = `rs-r${props.index}-when`;
  return (
    <div id={`${id}-info`} class="rs-when-info" aria-live="polite">
      {props.words && (
        <p class="rs-words" id={`${id}-words`}>
          <span class="muted">{t('rs.words.prefix')}</span>
          {props.words}
        </p>
      )}
      <ErrorText id={id} message={props.error} />
    </div>
  );
}

/** The words for a row's condition as typed, when it is a condition the validator accepted. */
function rowWords(ui: Ui, row: RuleRow, error: string | undefined, factorName: FactorName): string | null {
  if (error || !row.when.trim()) return null;
  try {
    return conditionWords(JSON.parse(row.when), ui, factorName);
  } catch {
    return null;
  }
}

const GRID_FIELDS = ['id', 'label', 'labelEn', 'points', 'level'] as const;

function RuleFields(props: { ui: Ui; row: RuleRow; index: number; isNew: boolean; errors: Record<string, string>; factorName: FactorName }) {
  const { ui, row, index: i } = props;
  const { t } = ui;
  const e = (field: string) => props.errors[`rules.${i}.${field}`];
  const ruleError = props.errors[`rules.${i}`];
  const p = `rs-r${i}`;
  const name = (field: string) => `rules.${i}.${field}`;
  const whenLines = Math.min(Math.max(row.when.split('\n').length, 1), 14);
  const cls = ['rs-rule', props.isNew ? 'rs-rule-new' : '', ruleError || Object.keys(props.errors).some((k) => k.startsWith(`rules.${i}.`)) ? 'has-errors' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset class={cls} id={p}>
      <legend>
        {props.isNew ? t('rs.rule.new') : t('rs.rule.legend', { n: i + 1 })}
        {!props.isNew && row.id && <code class="rs-id">{row.id}</code>}
      </legend>
      <div class="rs-rule-grid">
        <div class={e('id') ? 'field has-error' : 'field'}>
          <label for={`${p}-id`}>{t('rs.field.id')}</label>
          <input id={`${p}-id`} name={name('id')} value={row.id} maxlength={64} autocomplete="off" spellcheck={false} aria-invalid={e('id') ? 'true' : undefined} aria-describedby={described(`${p}-id`, e('id'))} />
        </div>
        <div class={e('label') ? 'field has-error' : 'field'}>
          <label for={`${p}-label`}>{t('rs.field.label')}</label>
          <input id={`${p}-label`} name={name('label')} value={row.label} maxlength={200} aria-invalid={e('label') ? 'true' : undefined} aria-describedby={described(`${p}-label`, e('label'))} />
        </div>
        <div class={e('labelEn') ? 'field has-error' : 'field'}>
          <label for={`${p}-labelEn`}>{t('rs.field.labelEn')}</label>
          <input id={`${p}-labelEn`} name={name('labelEn')} value={row.labelEn} maxlength={200} lang="en" aria-invalid={e('labelEn') ? 'true' : undefined} aria-describedby={described(`${p}-labelEn`, e('labelEn'))} />
        </div>
        <div class={e('points') || ruleError ? 'field has-error' : 'field'}>
          <label for={`${p}-points`}>{t('rs.field.points')}</label>
          <input
            id={`${p}-points`}
            name={name('points')}
            value={row.points}
            inputmode="numeric"
            class="rs-num"
            aria-invalid={e('points') || ruleError ? 'true' : undefined}
            aria-describedby={described(`${p}-points`, e('points') ?? ruleError)}
          />
        </div>
        <div class={e('level') || ruleError ? 'field has-error' : 'field'}>
          <label for={`${p}-level`}>{t('rs.field.level')}</label>
          <select id={`${p}-level`} name={name('level')} aria-invalid={e('level') || ruleError ? 'true' : undefined} aria-describedby={described(`${p}-level`, e('level'))}>
            <option value="">{t('rs.level.notForced')}</option>
            {FORCED_LEVELS.map((l) => (
              <option value={l} selected={row.level === l}>
                {t(`level.${l}` as MessageKey)}
              </option>
            ))}
            {row.level && !(FORCED_LEVELS as readonly string[]).includes(row.level) && (
              <option value={row.level} selected>
                {row.level}
              </option>
            )}
          </select>
        </div>
      </div>
      {/* Under the row rather than inside its narrow columns; each still described by its field. */}
      {GRID_FIELDS.map((field) => (
        <ErrorText id={`${p}-${field}`} message={e(field)} />
      ))}
      {ruleError && !e('points') && (
        <p class="error" id={`${p}-points-error`}>
          {ruleError}
        </p>
      )}
      <div class={e('when') ? 'field has-error rs-when' : 'field rs-when'}>
        <label for={`${p}-when`}>{t('rs.field.when')}</label>
        <textarea
          id={`${p}-when`}
          name={name('when')}
          rows={whenLines}
          class="code"
          spellcheck={false}
          autocomplete="off"
          aria-invalid={e('when') ? 'true' : undefined}
          aria-describedby={[e('when') ? `${p}-when-error` : '', `${p}-when-words`].filter(Boolean).join(' ')}
          hx-post="/admin/rulesets/describe"
          hx-trigger="change"
          hx-target={`#${p}-when-info`}
          hx-swap="outerHTML"
          hx-params={`${name('when')},${name('id')},row`}
          hx-vals={JSON.stringify({ row: String(i) })}
          placeholder={props.isNew ? t('rs.field.whenPlaceholder') : undefined}
        >
          {row.when}
        </textarea>
        <ConditionInfo ui={ui} index={i} words={rowWords(ui, row, e('when'), props.factorName)} error={e('when')} />
      </div>
      {!props.isNew && (
        <div class="checkbox rs-remove">
          <input type="checkbox" id={`${p}-remove`} name={name('remove')} value="1" checked={row.remove} />
          <label for={`${p}-remove`}>{t('rs.rule.remove')}</label>
        </div>
      )}
    </fieldset>
  );
}

export function EditorPage(props: {
  ui: Ui;
  state: EditorState;
  /** Where both forms post. */
  action: string;
  revision?: number;
  /** The page of the draft, offered when someone else saved it meanwhile. */
  currentHref?: string;
  /** The active set a new draft was copied from. */
  copiedFrom?: number;
  factorName: FactorName;
  cancelHref: string;
}) {
  const { ui, state } = props;
  const { t } = ui;
  const errors = state.errors;
  const rows = rowsToRender(state);
  const problems = Object.entries(errors).filter(([k]) => k !== '_form');
  const v = (field: keyof EditorState['thresholds']) => state.thresholds[field];
  return (
    <div id="rs-editor" class="stack">
      {props.copiedFrom !== undefined && <p class="muted">{t('rs.editor.copiedFrom', { version: props.copiedFrom })}</p>}
      {(state.formError || problems.length > 0) && (
        <div class="alert alert-error rs-problems" role="alert">
          <p>{state.formError ?? errors._form ?? t('rules.error.documentInvalid')}</p>
          {props.currentHref && (
            <p>
              <a href={props.currentHref}>{t('rs.editor.seeCurrent')}</a>
            </p>
          )}
          {problems.length > 0 && (
            <ul>
              {problems.slice(0, 20).map(([key, message]) => (
                <li>
                  <a href={`#${anchorOf(key)}`}>{message}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="rs-editor">
        <form method="post" action={props.action} class="card rs-rules-form" novalidate aria-labelledby="rs-form-h">
          <h2 id="rs-form-h">{t('rs.editor.rulesForm')}</h2>
          <input type="hidden" name="mode" value="rules" />
          <input type="hidden" name="ruleCount" value={String(rows.length)} />
          {props.revision !== undefined && <input type="hidden" name="revision" value={String(props.revision)} />}
          <div class="rs-doc-grid">
            <div class={errors.name ? 'field has-error' : 'field'}>
              <label for="rs-name">
                {t('rs.field.name')}
                <span class="required" aria-hidden="true">
                  {' *'}
                </span>
              </label>
              <input id="rs-name" name="name" value={state.name} maxlength={200} required aria-invalid={errors.name ? 'true' : undefined} aria-describedby={described('rs-name', errors.name)} />
              <ErrorText id="rs-name" message={errors.name} />
            </div>
            <div class={errors.note ? 'field has-error' : 'field'}>
              <label for="rs-note">{t('rs.field.note')}</label>
              <input id="rs-note" name="note" value={state.note} maxlength={2000} aria-invalid={errors.note ? 'true' : undefined} aria-describedby={described('rs-note', errors.note)} />
              <ErrorText id="rs-note" message={errors.note} />
            </div>
          </div>
          <fieldset class="rs-thresholds-fields">
            <legend>{t('rs.thresholds')}</legend>
            <div class="rs-th-grid">
              {THRESHOLD_LEVELS.map((level) => {
                const key = `thresholds.${level}`;
                const error = errors[key];
                return (
                  <div class={error ? 'field has-error' : 'field'}>
                    <label for={`rs-th-${level}`}>
                      <LevelBadge ui={ui} level={level} /> {t('rs.field.thresholdMin')}
                    </label>
                    <input id={`rs-th-${level}`} name={key} value={v(level)} inputmode="numeric" class="rs-num" aria-invalid={error ? 'true' : undefined} aria-describedby={described(`rs-th-${level}`, error)} />
                    <ErrorText id={`rs-th-${level}`} message={error} />
                  </div>
                );
              })}
              <div class={errors.warnAt ? 'field has-error' : 'field'}>
                <label for="rs-warnat">{t('rs.warnAt')}</label>
                <select id="rs-warnat" name="warnAt" aria-invalid={errors.warnAt ? 'true' : undefined} aria-describedby={described('rs-warnat', errors.warnAt)}>
                  {FORCED_LEVELS.map((l) => (
                    <option value={l} selected={state.warnAt === l}>
                      {t('rs.warnAt.option', { level: t(`level.${l}` as MessageKey) })}
                    </option>
                  ))}
                </select>
                <ErrorText id="rs-warnat" message={errors.warnAt} />
              </div>
            </div>
            {errors.thresholds && <p class="error">{errors.thresholds}</p>}
          </fieldset>
          <h2 id="rs-rules-h">{t('rs.rules.title', { n: state.rows.length })}</h2>
          {errors.rules && <p class="error">{errors.rules}</p>}
          <p class="hint muted">{t('rs.editor.whenHint')}</p>
          {rows.map((row, i) => (
            <RuleFields ui={ui} row={row} index={i} isNew={i === rows.length - 1} errors={errors} factorName={props.factorName} />
          ))}
          <div class="form-actions rs-actions">
            <button type="submit" class="btn btn-primary">
              {t('rs.save')}
            </button>
            <a class="btn btn-ghost" href={props.cancelHref}>
              {t('common.cancel')}
            </a>
          </div>
        </form>
        <form method="post" action={props.action} class="card rs-json-form" novalidate aria-labelledby="rs-json-h">
          <h2 id="rs-json-h">{t('rs.editor.jsonForm')}</h2>
          <input type="hidden" name="mode" value="json" />
          <input type="hidden" name="note" value={state.note} />
          {props.revision !== undefined && <input type="hidden" name="revision" value={String(props.revision)} />}
          <div class={errors.json || state.jsonIssues.length ? 'field has-error' : 'field'}>
            <label for="rs-json">{t('rs.editor.jsonLabel')}</label>
            <textarea
              id="rs-json"
              name="document"
              class="code rs-json"
              rows={30}
              spellcheck={false}
              autocomplete="off"
              aria-invalid={errors.json || state.jsonIssues.length ? 'true' : undefined}
              aria-describedby={[errors.json || state.jsonIssues.length ? 'rs-json-error' : '', 'rs-json-hint'].filter(Boolean).join(' ')}
            >
              {state.json}
            </textarea>
            <p class="hint" id="rs-json-hint">
              {t('rs.editor.jsonHint')}
            </p>
            {errors.json && !state.jsonIssues.length && (
              <p class="error" id="rs-json-error">
                {errors.json}
              </p>
            )}
            {state.jsonIssues.length > 0 && (
              <ul class="error rs-json-issues" id="rs-json-error">
                {state.jsonIssues.map((issue) => (
                  <li>
                    <code>{issue.path}</code> {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div class="form-actions">
            <button type="submit" class="btn">
              {t('rs.saveJson')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
