import { Hono, type Context } from 'hono';
import { canCreateCase, hasRole, seesSubtree } from '../../domain/roles.ts';
import { shanghaiDay } from '../../domain/time.ts';
import type { FactorRow } from '../../db/factors.ts';
import { listJudges } from '../../db/users.ts';
import { formValues, formVersion, optionalNumber, optionalText, pageQueryOf, refusalToForm, validateForm } from '../../http/forms.ts';
import { htmxTarget, isHtmx, respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv, CurrentUser } from '../../http/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { CaseCreateSchema, CaseSearchSchema, CaseUpdateSchema, FlagCreateSchema, FlagWithdrawSchema } from '../../schemas/cases.ts';
import { updateCase } from '../../services/case-edits.ts';
import { AppError } from '../../http/errors.ts';
import { addFlag, createCase, findCases, loadCaseListPage, loadCasePage, withdrawFlag } from '../../services/cases.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { LiveAnnouncement } from '../../../views/components/feedback.tsx';
import { CaseDetailPage, FlagsSection, RiskCard, type FactorOption } from '../../../views/cases/detail.tsx';
import { CaseResults, CaseSearchForm, type CaseQueryView } from '../../../views/cases/list.tsx';
import { CaseForm } from '../../../views/cases/new.tsx';
import { caseEditValues } from '../../../views/cases/edit.tsx';
import { CaseHistory } from '../../../views/cases/history.tsx';

/** Notices shown after a redirect (no JavaScript), by a fixed key, never free text. */
const DONE: Record<string, MessageKey> = {
  created: 'case.created',
  updated: 'case.updated',
  unchanged: 'case.unchanged',
  flag_added: 'flag.added',
  flag_withdrawn: 'flag.withdrawn',
};

const isJudgeOnly = (u: CurrentUser) => !seesSubtree(u);

function factorOptions(c: Context<AppEnv>, rows: FactorRow[]): FactorOption[] {
  return rows.map((f) => ({
    code: f.code,
    name: c.var.lang === 'en' ? f.name_en : f.name_zh,
    points: f.default_points,
    forcesLevel: f.forces_level,
  }));
}

function casePageTitle(c: Context<AppEnv>): string {
  return isJudgeOnly(currentUser(c)) ? c.var.t('nav.myCases') : c.var.t('nav.cases');
}

async function renderCase(
  c: Context<AppEnv>,
  id: string,
  opts: { flagForm?: FormState; editForm?: FormState; notice?: string; status?: 200 | 409 | 422; fragmentOnly?: boolean } = {},
) {
  const { detail, canFlag, canEdit, history, changes, judges, decisions, factors: factorRows, petitions, canOpenPetitions } = await loadCasePage(c.var.db, currentUser(c), id, c.var.lang);
  const factors = factorOptions(c, factorRows);
  const ui = uiOf(c);
  const flagForm = opts.flagForm ?? emptyForm();
  const section = <FlagsSection ui={ui} detail={detail} factors={factors} canFlag={canFlag} form={flagForm} notice={opts.notice} />;
  return respond(c, {
    title: detail.caseNumber,
    crumbs: [{ href: '/cases', label: casePageTitle(c) }, { label: detail.caseNumber }],
    content: (
      <CaseDetailPage
        ui={ui}
        detail={detail}
        history={history}
        changes={changes}
        factors={factors}
        canFlag={canFlag}
        flagForm={flagForm}
        edit={canEdit ? { judges, form: opts.editForm ?? emptyForm(caseEditValues(detail)), open: Boolean(opts.editForm), today: shanghaiDay() } : undefined}
        notice={opts.notice}
        petitions={petitions}
        canOpenPetitions={canOpenPetitions}
        decisions={decisions}
      />
    ),
    fragment: opts.fragmentOnly ? (
      <>
        {section}
        <RiskCard ui={ui} detail={detail} history={history} oob />
        <CaseHistory ui={ui} changes={changes} oob />
        {opts.notice && <LiveAnnouncement message={opts.notice} />}
      </>
    ) : undefined,
    status: opts.status,
  });
}

/** The party rows of a form, blank rows left out. */
function partiesFromForm(v: Record<string, string>) {
  const parties = [];
  for (let i = 0; i < 200 && `parties.${i}.role` in v; i++) {
    const name = v[`parties.${i}.name`]?.trim();
    if (!name) continue;
    parties.push({ name, role: v[`parties.${i}.role`] ?? 'other', vulnerable: v[`parties.${i}.vulnerable`] === '1' });
  }
  return parties;
}

/** The edit form as a CaseUpdate: every field is sent, an empty closing date or judge clears it. */
function caseEditInput(v: Record<string, string>) {
  return {
    version: formVersion(v.version) ?? 0,
    cause: v.cause ?? '',
    stage: v.stage ?? '',
    closedAt: optionalText(v.closedAt) ?? null,
    partyCount: optionalNumber(v.partyCount),
    amountInDispute: optionalNumber(v.amountInDispute) ?? 0,
    judgeId: optionalText(v.judgeId) ?? null,
    summary: v.summary ?? '',
    parties: partiesFromForm(v),
  };
}

function caseFormInput(v: Record<string, string>) {
  const parties = partiesFromForm(v);
  return {
    caseNumber: v.caseNumber ?? '',
    cause: v.cause ?? '',
    stage: v.stage ?? '',
    filedAt: v.filedAt ?? '',
    closedAt: optionalText(v.closedAt),
    partyCount: optionalNumber(v.partyCount),
    amountInDispute: optionalNumber(v.amountInDispute),
    judgeId: optionalText(v.judgeId),
    summary: optionalText(v.summary),
    parties,
  };
}

async function newCasePage(c: Context<AppEnv>, form: FormState, status: 200 | 409 | 422 = 200) {
  const user = currentUser(c);
  const judges = (await listJudges(c.var.db, user.courtId)).map((j) => ({ id: j.id, name: j.display_name }));
  return respond(c, {
    title: c.var.t('case.new'),
    crumbs: [{ href: '/cases', label: casePageTitle(c) }, { label: c.var.t('case.new') }],
    content: <CaseForm ui={uiOf(c)} form={form} judges={judges} today={shanghaiDay()} />,
    status,
  });
}

export const caseRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = currentUser(c);
    const query = pageQueryOf(c, CaseSearchSchema);
    const view: CaseQueryView = { number: query.number, q: query.q, stage: query.stage, courtId: query.courtId, mine: query.mine, page: query.page };
    const ui = uiOf(c);
    if (htmxTarget(c) === 'case-results') return c.html(<CaseResults ui={ui} query={view} result={await findCases(c.var.db, user, query, c.var.lang)} />);
    const { list, courts } = await loadCaseListPage(c.var.db, user, query, c.var.t, c.var.lang);
    const results = <CaseResults ui={ui} query={view} result={list} />;
    const mayCreate = canCreateCase(user, 'civil') || canCreateCase(user, 'enforcement');
    return respond(c, {
      title: casePageTitle(c),
      crumbs: [{ label: casePageTitle(c) }],
      primary: mayCreate ? (
        <a class="btn btn-primary" href="/cases/new">
          {c.var.t('case.new')}
        </a>
      ) : undefined,
      content: (
        <>
          <CaseSearchForm ui={ui} query={view} courts={courts} showMine={hasRole(user, 'trial_judge', 'enforcement_judge')} />
          {results}
        </>
      ),
    });
  })
  .get('/new', requireRole('registerCases'), (c) =>
    newCasePage(c, emptyForm({ stage: 'trial', filedAt: shanghaiDay() })),
  )
  .post('/', requireRole('registerCases'), async (c) => {
    const values = await formValues(c);
    const checked = validateForm(c, CaseCreateSchema, caseFormInput(values), values);
    if (!checked.ok) return newCasePage(c, checked.state, checked.status);
    try {
      const created = await createCase(c.var.db, currentUser(c), checked.data, c.var.t, c.var.lang);
      return seeOther(c, `/cases/${created.id}?done=created`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return newCasePage(c, state, status);
    }
  })
  .get('/:id', async (c) => {
    const done = DONE[c.req.query('done') ?? ''];
    return renderCase(c, c.req.param('id'), { notice: done ? c.var.t(done) : undefined });
  })
  .post('/:id/edit', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const checked = validateForm(c, CaseUpdateSchema, caseEditInput(values), values);
    if (!checked.ok) {
      // A bad version is nothing the user typed: say it above the form.
      const form = { ...checked.state, formError: checked.state.formError ?? (checked.state.errors.version && c.var.t('form.versionUnusable')) };
      return renderCase(c, id, { editForm: form, status: 422 });
    }
    try {
      const { changed } = await updateCase(c.var.db, currentUser(c), id, checked.data, c.var.t, c.var.lang);
      return seeOther(c, `/cases/${id}?done=${changed ? 'updated' : 'unchanged'}#case-facts`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      // On a 409 the form keeps what was typed and now carries the current version.
      const current = err instanceof AppError ? (err.details.current as { version?: number } | undefined) : undefined;
      if (current?.version) state.values = { ...state.values, version: String(current.version) };
      return renderCase(c, id, { editForm: state, status });
    }
  })
  .post('/:id/flags', async (c) => {
    const id = c.req.param('id');
    const user = currentUser(c);
    const values = await formValues(c);
    const checked = validateForm(c, FlagCreateSchema, { factor: values.factor ?? '', note: values.note ?? '' }, values);
    if (!checked.ok) return renderCase(c, id, { flagForm: checked.state, status: checked.status, fragmentOnly: true });
    try {
      const { flag } = await addFlag(c.var.db, user, id, checked.data, c.var.t, c.var.lang);
      if (!isHtmx(c)) return seeOther(c, `/cases/${id}?done=flag_added`);
      return renderCase(c, id, { notice: c.var.t('flag.addedNamed', { factor: flag.factorName }), fragmentOnly: true });
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return renderCase(c, id, { flagForm: state, status, fragmentOnly: true });
    }
  })
  .post('/:id/flags/:flagId/withdraw', async (c) => {
    const { id, flagId } = c.req.param();
    const values = await formValues(c);
    const checked = validateForm(c, FlagWithdrawSchema, { note: values.note ?? '' }, {});
    if (!checked.ok) {
      // The reason belongs to that flag's row; its message stands above the flags.
      const formError = checked.state.errors.note ?? checked.state.formError;
      return renderCase(c, id, { flagForm: { values: {}, errors: {}, formError }, status: 422, fragmentOnly: true });
    }
    try {
      const { flag } = await withdrawFlag(c.var.db, currentUser(c), id, flagId, checked.data.note, c.var.lang);
      if (!isHtmx(c)) return seeOther(c, `/cases/${id}?done=flag_withdrawn`);
      return renderCase(c, id, { notice: c.var.t('flag.withdrawnNamed', { factor: flag.factorName }), fragmentOnly: true });
    } catch (err) {
      const { state, status } = refusalToForm(c, err, {});
      return renderCase(c, id, { flagForm: state, status, fragmentOnly: true });
    }
  });
