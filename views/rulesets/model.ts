/**
 * The rule-set editor's form model: a rule-set document as the strings a person types (one row per
 * rule, the condition as JSON text), back to a document, and the validator's issues placed under
 * the fields they are about. Pure functions; the route does the saving.
 */
import type { PublicIssue } from '../../src/http/zod-messages.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Condition, RuleSet } from '../../src/domain/rules/types.ts';

export const THRESHOLD_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type ThresholdLevel = (typeof THRESHOLD_LEVELS)[number];

/** Most rows the per-rule form reads back (the schema allows 500 rules; one blank row more). */
export const MAX_ROWS = 501;
export const NOTE_MAX = 2000;

export interface RuleRow {
  id: string;
  label: string;
  labelEn: string;
  points: string;
  level: string;
  when: string;
  remove: boolean;
}

export interface EditorState {
  name: string;
  note: string;
  thresholds: Record<ThresholdLevel, string>;
  warnAt: string;
  rows: RuleRow[];
  /** The whole document as JSON, for the second form. */
  json: string;
  /**
   * Messages by field: 'name', 'note', 'warnAt', 'thresholds', 'thresholds.red', 'rules',
   * 'rules.3' (the rule as a whole), 'rules.3.when', 'rules.3.points' …, and 'json'.
   */
  errors: Record<string, string>;
  /** Issues of a refused JSON document, as "path: message" lines under the JSON field. */
  jsonIssues: { path: string; message: string }[];
  formError?: string;
  /** The form the person used last, so a refused page keeps its place. */
  source: 'rules' | 'json';
}

const blankRow = (): RuleRow => ({ id: '', label: '', labelEn: '', points: '', level: '', when: '', remove: false });

export function isBlankRow(r: RuleRow): boolean {
  return !r.id.trim() && !r.label.trim() && !r.labelEn.trim() && !r.points.trim() && !r.level && !r.when.trim();
}

/** A condition as editable JSON: one line when short, indented when it is a group. */
export function conditionText(when: unknown): string {
  if (when === undefined) return '';
  const flat = JSON.stringify(when);
  return flat.length <= 72 ? flat : JSON.stringify(when, null, 2);
}

export function documentText(doc: unknown): string {
  return JSON.stringify(doc, null, 2);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form's strings for any document, even a broken one sent through the JSON form. */
export function stateFromDocument(doc: unknown, note: string, json?: string): EditorState {
  const d = isRecord(doc) ? doc : {};
  const thresholds = isRecord(d.thresholds) ? d.thresholds : {};
  const rules = Array.isArray(d.rules) ? d.rules : [];
  return {
    name: text(d.name),
    note,
    thresholds: {
      red: text(thresholds.red),
      orange: text(thresholds.orange),
      yellow: text(thresholds.yellow),
      blue: text(thresholds.blue),
    },
    warnAt: text(d.warnAt),
    rows: rules.map((rule): RuleRow => {
      const r = isRecord(rule) ? rule : {};
      return {
        id: text(r.id),
        label: text(r.label),
        labelEn: text(r.labelEn),
        points: text(r.points),
        level: text(r.level),
        when: conditionText(r.when),
        remove: false,
      };
    }),
    json: json ?? documentText(doc),
    errors: {},
    jsonIssues: [],
    source: 'rules',
  };
}

/** The rows to render: the typed ones and one blank row at the end for a new rule. */
export function rowsToRender(state: EditorState): RuleRow[] {
  return [...state.rows, blankRow()];
}

/** A number as typed: empty is absent, a number is a number, anything else stays text for zod. */
function numberField(value: string): number | string | undefined {
  const v = value.trim().replace(/[,，]/g, '');
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

/** Where JSON.parse says it stopped (its messages differ between engines), or null. */
function errorOffset(message: string, source: string): number | null {
  if (/end of (JSON )?input/i.test(message)) return source.length;
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) {
    const lines = source.split('\n').slice(0, Number(lineCol[1]) - 1);
    return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lineCol[2]) - 1;
  }
  return null;
}

/** A prefix is viable when it parses or fails only because it ends: more text could fix it. */
function viable(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const at = errorOffset(err instanceof Error ? err.message : '', prefix);
    return at !== null && at >= prefix.length;
  }
}

/**
 * Where JSON text goes wrong when the engine does not say: the longest viable prefix, found by
 * bisection (viability only goes from true to false as the prefix grows).
 */
function firstBadOffset(source: string): number | null {
  if (viable(source)) return null;
  let good = 0;
  let bad = source.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (viable(source.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

/**
 * "JSON 格式有误（第 2 行第 14 列附近）": JSON.parse's own message is English and engine-specific,
 * so only the position is taken from it.
 */
export function jsonErrorMessage(source: string, err: unknown, t: Translate): string {
  if (!source.trim()) return t('rs.error.jsonEmpty');
  const found = errorOffset(err instanceof Error ? err.message : '', source);
  const at = found === null ? firstBadOffset(source) : Math.min(found, source.trimEnd().length);
  if (at === null) return t('rs.error.json');
  const lines = source.slice(0, at).split('\n');
  return t('rs.error.jsonAt', { line: lines.length, column: lines.at(-1)!.length + 1 });
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(source: string, t: Translate): Parsed {
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (err) {
    return { ok: false, message: jsonErrorMessage(source, err, t) };
  }
}

/** A stand-in for a condition that did not parse, so the rest of the rule set is still checked. */
const PLACEHOLDER: Condition = { fact: 'partyCount', op: '>=', value: 0 };

export interface FromRows {
  state: EditorState;
  /** The document as built from the rows (a malformed condition replaced by a stand-in). */
  doc: Record<string, unknown>;
  /** The state's row index of each rule of `doc.rules`. */
  rowOfRule: number[];
  /** Conditions that did not parse: the document must not be saved. */
  malformed: boolean;
}

/** Reads the per-rule form: `name`, `thresholds.red`, `rules.3.when`, `rules.3.remove` …. */
export function stateFromForm(values: Record<string, string>, t: Translate): FromRows {
  const rows: RuleRow[] = [];
  const count = Math.min(Math.max(Number.parseInt(values.ruleCount ?? '', 10) || 0, 0), MAX_ROWS);
  for (let i = 0; i < count; i++) {
    const row: RuleRow = {
      id: values[`rules.${i}.id`] ?? '',
      label: values[`rules.${i}.label`] ?? '',
      labelEn: values[`rules.${i}.labelEn`] ?? '',
      points: values[`rules.${i}.points`] ?? '',
      level: values[`rules.${i}.level`] ?? '',
      when: values[`rules.${i}.when`] ?? '',
      remove: values[`rules.${i}.remove`] === '1',
    };
    if (!isBlankRow(row)) rows.push(row);
  }
  const state: EditorState = {
    name: values.name ?? '',
    note: values.note ?? '',
    thresholds: {
      red: values['thresholds.red'] ?? '',
      orange: values['thresholds.orange'] ?? '',
      yellow: values['thresholds.yellow'] ?? '',
      blue: values['thresholds.blue'] ?? '',
    },
    warnAt: values.warnAt ?? '',
    rows,
    json: '',
    errors: {},
    jsonIssues: [],
    source: 'rules',
  };
  const rules: Record<string, unknown>[] = [];
  const rowOfRule: number[] = [];
  let malformed = false;
  rows.forEach((row, index) => {
    if (row.remove) return;
    let when: unknown;
    if (row.when.trim()) {
      const parsed = parseJson(row.when, t);
      if (parsed.ok) when = parsed.value;
      else {
        // Named like the validator's messages, so the summary at the top says which rule.
        state.errors[`rules.${index}.when`] = t('rules.error.inRule', { ruleId: row.id.trim() || `#${index + 1}`, message: parsed.message });
        when = PLACEHOLDER;
        malformed = true;
      }
    }
    const rule: Record<string, unknown> = { id: row.id.trim(), label: row.label.trim(), when };
    if (row.labelEn.trim()) rule.labelEn = row.labelEn.trim();
    const points = numberField(row.points);
    if (points !== undefined) rule.points = points;
    if (row.level) rule.level = row.level;
    rules.push(rule);
    rowOfRule.push(index);
  });
  const thresholds = Object.fromEntries(THRESHOLD_LEVELS.map((l) => [l, numberField(state.thresholds[l])]));
  const doc: Record<string, unknown> = { name: state.name.trim(), thresholds, warnAt: state.warnAt || undefined, rules };
  if (state.note.length > NOTE_MAX) state.errors.note = t('rs.error.note', { max: NOTE_MAX });
  // The JSON view follows the rows when they make a document; otherwise it keeps the old one.
  state.json = malformed ? '' : documentText(doc);
  return { state, doc, rowOfRule, malformed };
}

const RULE_FIELDS = new Set(['id', 'label', 'labelEn', 'points', 'level']);

/**
 * Places each issue under its field. `rowOfRule` maps a rule's index in the document to its row in
 * the form (removed and blank rows are not in the document). The first message per field wins, so
 * a JSON syntax message already there is kept.
 */
export function placeIssues(state: EditorState, issues: PublicIssue[], rowOfRule: (index: number) => number | undefined): void {
  const put = (key: string, message: string) => {
    state.errors[key] ??= message;
  };
  for (const issue of issues) {
    const [head, index, field] = issue.path;
    if (head === 'rules' && typeof index === 'number') {
      const row = rowOfRule(index);
      if (row === undefined) {
        put('rules', issue.message);
        continue;
      }
      if (field === 'when') put(`rules.${row}.when`, issue.message);
      else if (typeof field === 'string' && RULE_FIELDS.has(field)) put(`rules.${row}.${field}`, issue.message);
      else put(`rules.${row}`, issue.message);
    } else if (head === 'thresholds') {
      put(typeof index === 'string' ? `thresholds.${index}` : 'thresholds', issue.message);
    } else if (head === 'name' || head === 'warnAt') {
      put(head, issue.message);
    } else if (head === 'rules') {
      put('rules', issue.message);
    } else {
      put('_form', issue.message);
    }
  }
}

/** "rules[3].when.all[1].op" for a path. */
export function pathText(path: (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('') || '—';
}

/** A document ready to send back through the API shape (for the JSON view of a saved set). */
export function documentOf(doc: RuleSet): RuleSet {
  return { name: doc.name, thresholds: doc.thresholds, warnAt: doc.warnAt, rules: doc.rules };
}
