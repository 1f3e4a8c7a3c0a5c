import { Hono, type Context } from 'hono';
import { listFactors, type FactorRow } from '../../db/factors.ts';
import { DEFAULT_RULE_SET } from '../../domain/rules/default-rule-set.ts';
import type { RuleSet } from '../../domain/rules/types.ts';
import { AppError } from '../../http/errors.ts';
import { formValues, requireFormVersion } from '../../http/forms.ts';
import { isHtmx, respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import {
  activateRuleSet,
  createDraft,
  loadEditor,
  loadRuleSetList,
  loadRuleSetPage,
  requireValidRuleSet,
  updateDraft,
} from '../../services/rulesets.ts';
import { startSimulation } from '../../services/simulations.ts';
import { LiveAnnouncement } from '../../../views/components/feedback.tsx';
import { conditionWords, type FactorName } from '../../../views/rulesets/common.tsx';
import { RuleSetDetailPage, SimulationSection } from '../../../views/rulesets/detail.tsx';
import { ConditionInfo, EditorPage } from '../../../views/rulesets/editor.tsx';
import { RuleSetListPage } from '../../../views/rulesets/list.tsx';
import {
  documentText,
  NOTE_MAX,
  parseJson,
  pathText,
  placeIssues,
  stateFromDocument,
  stateFromForm,
  type EditorState,
} from '../../../views/rulesets/model.ts';

/** Notices after a redirect, by a fixed key, never free text. */
const DONE: Record<string, MessageKey> = {
  created: 'rs.done.created',
  saved: 'rs.done.saved',
};

function factorNamer(c: Context<AppEnv>, factors: FactorRow[]): FactorName {
  const names = new Map(factors.map((f) => [f.code, c.var.lang === 'en' ? f.name_en : f.name_zh]));
  return (code) => names.get(code) ?? code;
}

function listCrumb(c: Context<AppEnv>) {
  return { href: '/admin/rulesets', label: c.var.t('rs.title') };
}

function versionLabel(c: Context<AppEnv>, r: { version: number }) {
  return c.var.t('rs.version', { n: r.version });
}

async function detailPage(
  c: Context<AppEnv>,
  id: string,
  opts: { notice?: string; error?: string; status?: 200 | 409; simulationOnly?: boolean; jobId?: string; done?: string } = {},
) {
  const { ruleSet, diff, factors, job, simulation } = await loadRuleSetPage(c.var.db, id, { jobId: opts.jobId, userId: currentUser(c).id });
  const ui = uiOf(c);
  const factorName = factorNamer(c, factors);
  const doneKey = opts.done ? DONE[opts.done] : undefined;
  const notice =
    opts.notice ??
    (opts.done === 'activated'
      ? job
        ? c.var.t('rs.done.activated', { version: ruleSet.version, job: job.id.slice(0, 8), total: job.total, done: job.done })
        : c.var.t('rs.done.activatedNoJob', { version: ruleSet.version })
      : doneKey && c.var.t(doneKey));
  const section = <SimulationSection ui={ui} ruleSetId={ruleSet.id} revision={ruleSet.revision} sim={simulation} />;
  return respond(c, {
    title: c.var.t('rs.detail.title', { name: ruleSet.name, version: ruleSet.version }),
    crumbs: [listCrumb(c), { label: versionLabel(c, ruleSet) }],
    primary:
      ruleSet.status === 'draft' ? (
        <a class="btn" href={`/admin/rulesets/${ruleSet.id}/edit`}>
          {c.var.t('rs.edit')}
        </a>
      ) : undefined,
    content: (
      <RuleSetDetailPage ui={ui} ruleSet={ruleSet} diff={diff} factorName={factorName} notice={notice} error={opts.error} sim={simulation} />
    ),
    fragment: opts.simulationOnly ? (
      <>
        {section}
        {simulation?.result && <LiveAnnouncement message={c.var.t('rs.sim.announce', { n: simulation.result.casesChanged })} />}
      </>
    ) : undefined,
    status: opts.status,
  });
}

type Editor = Awaited<ReturnType<typeof loadEditor>>;

function editorPage(
  c: Context<AppEnv>,
  state: EditorState,
  editor: Editor,
  opts: { status?: 200 | 409 | 422; copiedFrom?: number; stale?: boolean } = {},
) {
  const draft = editor.draft;
  const t = c.var.t;
  const crumbs = draft
    ? [listCrumb(c), { href: `/admin/rulesets/${draft.id}`, label: versionLabel(c, draft) }, { label: t('rs.edit') }]
    : [listCrumb(c), { label: t('rs.new') }];
  return respond(c, {
    title: draft ? t('rs.edit.title', { version: draft.version }) : t('rs.new.title'),
    crumbs,
    content: (
      <EditorPage
        ui={uiOf(c)}
        state={state}
        action={draft ? `/admin/rulesets/${draft.id}/edit` : '/admin/rulesets/new'}
        revision={draft?.revision}
        currentHref={opts.stale && draft ? `/admin/rulesets/${draft.id}` : undefined}
        copiedFrom={opts.copiedFrom}
        factorName={factorNamer(c, editor.factors)}
        cancelHref={draft ? `/admin/rulesets/${draft.id}` : '/admin/rulesets'}
      />
    ),
    status: opts.status,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Saves either form: the per-rule form (`mode=rules`) or the whole JSON (`mode=json`). Problems go
 * under their fields and the page comes back as typed (422); a stale revision is a 409.
 */
async function saveDraft(c: Context<AppEnv>, draftId: string | null) {
  const t = c.var.t;
  const editor = await loadEditor(c.var.db, currentUser(c), draftId);
  const draft = editor.draft;
  const values = await formValues(c);
  const base = draft ?? editor.active;
  const baseDoc: RuleSet = base?.document ?? DEFAULT_RULE_SET;
  let state: EditorState;
  let doc: unknown;
  let rowOf: (index: number) => number | undefined;
  let blocked = false;
  if (values.mode === 'json') {
    const source = values.document ?? '';
    const parsed = parseJson(source, t);
    if (!parsed.ok) {
      state = stateFromDocument(baseDoc, values.note ?? draft?.note ?? '', source);
      state.errors.json = parsed.message;
      state.source = 'json';
      return editorPage(c, state, editor, { status: 422 });
    }
    let raw = parsed.value;
    let note = values.note ?? '';
    if (isRecord(raw)) {
      // The API's shape is accepted too: a document with `note` (and `revision`, ignored here).
      const { note: given, revision: _revision, ...rest } = raw;
      if (typeof given === 'string') note = given;
      raw = rest;
    }
    state = stateFromDocument(raw, note, source);
    state.source = 'json';
    if (note.length > NOTE_MAX) state.errors.note = t('rs.error.note', { max: NOTE_MAX });
    doc = raw;
    rowOf = (index) => index;
  } else {
    const fromRows = stateFromForm(values, t);
    state = fromRows.state;
    if (!state.json) state.json = documentText(baseDoc);
    doc = fromRows.doc;
    rowOf = (index) => fromRows.rowOfRule[index];
    blocked = fromRows.malformed;
  }

  let valid: RuleSet | undefined;
  try {
    valid = requireValidRuleSet(doc, t);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'invalid') throw err;
    placeIssues(state, err.issues, rowOf);
    if (state.source === 'json') state.jsonIssues = err.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
  }
  if (!valid || blocked || Object.keys(state.errors).length > 0) {
    state.formError = t('rules.error.documentInvalid');
    return editorPage(c, state, editor, { status: 422 });
  }

  try {
    const user = currentUser(c);
    const saved = draft
      ? await updateDraft(c.var.db, user, draft.id, valid, state.note, requireFormVersion(values.revision, 'ruleset.stale'))
      : await createDraft(c.var.db, user, valid, state.note);
    return seeOther(c, `/admin/rulesets/${saved.id}?done=${draft ? 'saved' : 'created'}`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      state.formError = t(err.key, err.params);
      return editorPage(c, state, editor, { status: 409, stale: err.key === 'ruleset.stale' });
    }
    throw err;
  }
}

/** The admin's rule-set pages (HTML). */
export const ruleSetRoutes = new Hono<AppEnv>()
  .use(requireRole('editRuleSets'))
  .get('/', async (c) => {
    const { ruleSets, jobs, factors } = await loadRuleSetList(c.var.db);
    const factorName = factorNamer(c, factors);
    return respond(c, {
      title: c.var.t('rs.title'),
      crumbs: [{ label: c.var.t('rs.title') }],
      primary: (
        <a class="btn btn-primary" href="/admin/rulesets/new">
          {c.var.t('rs.new')}
        </a>
      ),
      content: (
        <RuleSetListPage ui={uiOf(c)} active={ruleSets.find((r) => r.status === 'active') ?? null} ruleSets={ruleSets} jobs={jobs} factorName={factorName} />
      ),
    });
  })
  .get('/new', async (c) => {
    const editor = await loadEditor(c.var.db, currentUser(c), null);
    const state = stateFromDocument(editor.active?.document ?? DEFAULT_RULE_SET, '');
    return editorPage(c, state, editor, { copiedFrom: editor.active?.version });
  })
  .post('/new', (c) => saveDraft(c, null))
  // The words for one condition field as typed (htmx, when the field changes).
  .post('/describe', async (c) => {
    const values = await formValues(c);
    const index = Number.parseInt(values.row ?? '', 10);
    if (!Number.isInteger(index) || index < 0 || index > 1000) throw new AppError('malformed', 'error.malformed');
    const ui = uiOf(c);
    const source = values[`rules.${index}.when`] ?? '';
    if (!source.trim()) return c.html(<ConditionInfo ui={ui} index={index} />);
    const parsed = parseJson(source, c.var.t);
    if (!parsed.ok) return c.html(<ConditionInfo ui={ui} index={index} error={parsed.message} />);
    const ruleId = values[`rules.${index}.id`]?.trim() || `#${index + 1}`;
    const probe = { ...DEFAULT_RULE_SET, rules: [{ id: ruleId, label: ruleId, when: parsed.value, points: 0 }] };
    try {
      const checked = requireValidRuleSet(probe, c.var.t);
      return c.html(<ConditionInfo ui={ui} index={index} words={conditionWords(checked.rules[0]!.when, ui, factorNamer(c, await listFactors(c.var.db)))} />);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid') throw err;
      const issue = err.issues.find((i) => i.path[0] === 'rules' && i.path[2] === 'when');
      if (!issue) return c.html(<ConditionInfo ui={ui} index={index} words={conditionWords(parsed.value as never, ui, factorNamer(c, await listFactors(c.var.db)))} />);
      return c.html(<ConditionInfo ui={ui} index={index} error={issue.message} />);
    }
  })
  .get('/:id', async (c) => {
    return detailPage(c, c.req.param('id'), { done: c.req.query('done'), jobId: c.req.query('job') });
  })
  .get('/:id/edit', async (c) => {
    const editor = await loadEditor(c.var.db, currentUser(c), c.req.param('id'));
    return editorPage(c, stateFromDocument(editor.draft!.document, editor.draft!.note), editor);
  })
  .post('/:id/edit', async (c) => saveDraft(c, c.req.param('id')))
  // Starts a simulation: htmx gets the section (its progress, polled until done); a plain form post
  // goes back to the page, which shows the same.
  .post('/:id/simulate', async (c) => {
    const id = c.req.param('id');
    await startSimulation(c.var.db, c.env.RESCORE_QUEUE, currentUser(c), id);
    if (!isHtmx(c)) return seeOther(c, `/admin/rulesets/${encodeURIComponent(id)}#rs-simulation`);
    return detailPage(c, id, { simulationOnly: true });
  })
  // The caller's latest simulation of the set (the section, for htmx; the page otherwise).
  .get('/:id/simulation', async (c) => detailPage(c, c.req.param('id'), { simulationOnly: true }))
  .post('/:id/activate', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    try {
      const { job } = await activateRuleSet(c.var.db, c.env.RESCORE_QUEUE, currentUser(c), id, requireFormVersion(values.revision, 'ruleset.stale'));
      return seeOther(c, `/admin/rulesets/${id}?done=activated&job=${encodeURIComponent(job.id)}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return detailPage(c, id, { error: c.var.t(err.key, err.params), status: 409 });
      throw err;
    }
  });
