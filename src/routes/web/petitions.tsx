import { Hono, type Context } from 'hono';
import { may } from '../../domain/roles.ts';
import { shanghaiDay } from '../../domain/time.ts';
import { AppError } from '../../http/errors.ts';
import { formValues, formVersion, optionalNumber, optionalText, pageQueryOf, refusalToForm, validateForm } from '../../http/forms.ts';
import { respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { PetitionCreateSchema, PetitionPatchSchema, PetitionQuerySchema, type PetitionQueryInput } from '../../schemas/petitions.ts';
import { courtChoices } from '../../services/courts.ts';
import { createPetition, deletePetition, loadPetitionPage, loadRegisterPage, updatePetition, type PetitionView, type PossibleRepeatView } from '../../services/petitions.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { PetitionPage } from '../../../views/petitions/detail.tsx';
import { PetitionForm, petitionFormValues, RepeatsPanel } from '../../../views/petitions/form.tsx';
import { PetitionFilters, PetitionResults, type PetitionQueryView } from '../../../views/petitions/list.tsx';

/** Notices after a redirect, by a fixed key. */
const DONE: Record<string, MessageKey> = {
  created: 'petition.done.created',
  updated: 'petition.done.updated',
  unchanged: 'petition.done.unchanged',
  linked: 'petition.done.linked',
  deleted: 'petition.done.deleted',
};

const notice = (c: Context<AppEnv>) => {
  const key = DONE[c.req.query('done') ?? ''];
  return key ? c.var.t(key) : undefined;
};

function queryView(q: PetitionQueryInput): PetitionQueryView {
  return { channel: q.channel, courtId: q.courtId, from: q.from, to: q.to, linked: q.linked, complaintType: q.complaintType, page: q.page };
}

const registerCrumb = (c: Context<AppEnv>) => ({ href: '/petitions', label: c.var.t('nav.petitions') });

/** The form as the create schema reads it: unchecked boxes are false, empty optional fields absent. */
function createInput(v: Record<string, string>) {
  return {
    channel: v.channel ?? '',
    receivedOn: v.receivedOn ?? '',
    courtId: optionalNumber(v.courtId),
    persons: optionalNumber(v.persons),
    petitionerName: v.petitionerName ?? '',
    petitionerIdNumber: optionalText(v.petitionerIdNumber),
    caseNumber: optionalText(v.caseNumber),
    complaintType: v.complaintType ?? '',
    lawyer: { interview: v['lawyer.interview'] === '1', representation: v['lawyer.representation'] === '1', resolution: v['lawyer.resolution'] === '1' },
    assistance: { applied: v['assistance.applied'] === '1', approved: v['assistance.approved'] === '1', amount: optionalNumber(v['assistance.amount']) ?? 0 },
    state: optionalText(v.state) ?? 'registered',
    outcome: optionalText(v.outcome),
    note: v.note ?? '',
  };
}

/** The edit form sends every field: an emptied case number unlinks, an emptied identity number clears it. */
function patchInput(v: Record<string, string>) {
  const { caseNumber, petitionerIdNumber, outcome, ...rest } = createInput(v);
  return {
    ...rest,
    version: formVersion(v.version) ?? 0,
    caseNumber: caseNumber ?? null,
    petitionerIdNumber: petitionerIdNumber ?? '',
    outcome: outcome ?? null,
  };
}

/** What possible repeats were found for: the same submission again registers anyway. */
const repeatKey = (v: Record<string, string>) => [v.receivedOn, v.petitionerIdNumber, v.caseNumber].map((x) => (x ?? '').trim()).join('|');

async function newPetitionPage(c: Context<AppEnv>, form: FormState, opts: { status?: 200 | 409 | 422; repeats?: PossibleRepeatView[] } = {}) {
  const courts = await courtChoices(c.var.db, currentUser(c), c.var.t, c.var.lang);
  const ui = uiOf(c);
  return respond(c, {
    title: c.var.t('petition.new'),
    crumbs: [registerCrumb(c), { label: c.var.t('petition.new') }],
    content: (
      <>
        {opts.repeats && opts.repeats.length > 0 && <RepeatsPanel ui={ui} repeats={opts.repeats} />}
        <PetitionForm
          ui={ui}
          form={form}
          action="/petitions"
          courts={courts}
          today={shanghaiDay()}
          repeats={opts.repeats}
          confirmedFor={opts.repeats?.length ? repeatKey(form.values) : undefined}
          cancelHref="/petitions"
        />
      </>
    ),
    status: opts.status,
  });
}

async function petitionPage(c: Context<AppEnv>, id: string, opts: { notice?: string; linkForm?: FormState; status?: 200 | 409 | 422 } = {}) {
  const page = await loadPetitionPage(c.var.db, currentUser(c), id, c.var.t, c.var.lang);
  const p = page.petition;
  return respond(c, {
    title: c.var.t('petition.title', { name: p.petitionerName, day: p.receivedOn }),
    crumbs: [registerCrumb(c), { label: c.var.t('petition.crumb', { day: p.receivedOn }) }],
    primary: page.canEdit ? (
      <a class="btn btn-primary" href={`/petitions/${p.id}/edit`}>
        {c.var.t('petition.edit')}
      </a>
    ) : undefined,
    content: <PetitionPage ui={uiOf(c)} page={page} notice={opts.notice} linkForm={opts.linkForm} />,
    status: opts.status,
  });
}

async function editPage(c: Context<AppEnv>, id: string, form?: FormState, status?: 200 | 409 | 422) {
  const page = await loadPetitionPage(c.var.db, currentUser(c), id, c.var.t, c.var.lang);
  if (!page.canEdit) throw new AppError('forbidden', 'error.forbidden');
  const p = page.petition;
  return respond(c, {
    title: c.var.t('petition.editTitle', { name: p.petitionerName, day: p.receivedOn }),
    crumbs: [registerCrumb(c), { href: `/petitions/${p.id}`, label: c.var.t('petition.crumb', { day: p.receivedOn }) }, { label: c.var.t('petition.edit') }],
    content: (
      <PetitionForm
        ui={uiOf(c)}
        form={form ?? emptyForm(petitionFormValues(p))}
        action={`/petitions/${p.id}/edit`}
        courts={page.courts}
        today={shanghaiDay()}
        edit
        cancelHref={`/petitions/${p.id}`}
      />
    ),
    status,
  });
}

/** On a 409 the form keeps what was typed and now carries the current version. */
function withCurrentVersion(err: unknown, state: FormState): FormState {
  const current = err instanceof AppError ? (err.details.current as PetitionView | undefined) : undefined;
  return current ? { ...state, values: { ...state.values, version: String(current.version) } } : state;
}

/** The register's pages: list, petition, registration, edit, link, delete (HTML). */
export const petitionRoutes = new Hono<AppEnv>()
  .get('/', requireRole('readPetitions'), async (c) => {
    const user = currentUser(c);
    const query = pageQueryOf(c, PetitionQuerySchema);
    const { list, courts } = await loadRegisterPage(c.var.db, user, query, c.var.t, c.var.lang);
    const ui = uiOf(c);
    const view = queryView(query);
    return respond(c, {
      title: c.var.t('nav.petitions'),
      crumbs: [{ label: c.var.t('nav.petitions') }],
      primary: may(user, 'registerPetitions') ? (
        <a class="btn btn-primary" href="/petitions/new">
          {c.var.t('petition.new')}
        </a>
      ) : undefined,
      content: (
        <>
          <PetitionFilters ui={ui} query={view} courts={courts} />
          <PetitionResults ui={ui} query={view} result={list} notice={notice(c)} />
        </>
      ),
    });
  })
  .get('/new', requireRole('registerPetitions'), (c) =>
    newPetitionPage(c, emptyForm({ receivedOn: shanghaiDay(), courtId: String(currentUser(c).courtId), persons: '1', state: 'registered' })),
  )
  .post('/', requireRole('registerPetitions'), async (c) => {
    const values = await formValues(c);
    const checked = validateForm(c, PetitionCreateSchema, createInput(values), values);
    if (!checked.ok) return newPetitionPage(c, checked.state, { status: checked.status });
    try {
      const confirmRepeats = values.confirmedFor !== undefined && values.confirmedFor === repeatKey(values);
      const out = await createPetition(c.var.db, currentUser(c), checked.data, { confirmRepeats }, c.var.t, c.var.lang);
      if (!out.saved) return newPetitionPage(c, { values, errors: {} }, { repeats: out.possibleRepeats });
      return seeOther(c, `/petitions/${out.petition.id}?done=created`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return newPetitionPage(c, state, { status });
    }
  })
  .get('/:id', requireRole('readPetitions'), (c) => petitionPage(c, c.req.param('id'), { notice: notice(c) }))
  .get('/:id/edit', requireRole('registerPetitions'), (c) => editPage(c, c.req.param('id')))
  .post('/:id/edit', requireRole('registerPetitions'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const checked = validateForm(c, PetitionPatchSchema, patchInput(values), values);
    if (!checked.ok) {
      const form = { ...checked.state, formError: checked.state.formError ?? (checked.state.errors.version && c.var.t('form.versionUnusable')) };
      return editPage(c, id, form, 422);
    }
    try {
      const { changed } = await updatePetition(c.var.db, currentUser(c), id, checked.data, c.var.t, c.var.lang);
      return seeOther(c, `/petitions/${id}?done=${changed ? 'updated' : 'unchanged'}`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return editPage(c, id, withCurrentVersion(err, state), status);
    }
  })
  .post('/:id/link', requireRole('registerPetitions'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const input = { version: formVersion(values.version) ?? 0, caseNumber: optionalText(values.caseNumber) ?? '' };
    const checked = validateForm(c, PetitionPatchSchema, input, values);
    if (!checked.ok) {
      const form = { ...checked.state, formError: checked.state.formError ?? (checked.state.errors.version && c.var.t('form.versionUnusable')) };
      return petitionPage(c, id, { linkForm: form, status: 422 });
    }
    try {
      await updatePetition(c.var.db, currentUser(c), id, checked.data, c.var.t, c.var.lang);
      return seeOther(c, `/petitions/${id}?done=linked`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return petitionPage(c, id, { linkForm: withCurrentVersion(err, state), status });
    }
  })
  .post('/:id/delete', requireRole('registerPetitions'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const version = formVersion(values.version);
    if (version === null) throw new AppError('conflict', 'petition.stale');
    await deletePetition(c.var.db, currentUser(c), id, version, c.var.t, c.var.lang);
    return seeOther(c, '/petitions?done=deleted');
  });

