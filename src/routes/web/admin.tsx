import { Hono, type Context } from 'hono';
import { listFactors } from '../../db/factors.ts';
import { formValues, formWithLists, optionalNumber, pageQueryOf, refusalToForm, requireFormVersion, validateForm } from '../../http/forms.ts';
import { respond, seeOther, uiOf } from '../../http/render.tsx';
import { AppError } from '../../http/errors.ts';
import type { AppEnv } from '../../http/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { TokenCreateSchema, UserCreateSchema, UserListQuerySchema } from '../../schemas/users.ts';
import { courtChoices } from '../../services/courts.ts';
import {
  createUser,
  deactivateUser,
  findUsers,
  issueToken,
  requireManagedUser,
  revokeToken,
  tokensOf,
  userView,
} from '../../services/users.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { FactorTable } from '../../../views/admin/factors.tsx';
import { UserDetail, UserForm, UserList } from '../../../views/admin/users.tsx';

const DONE: Record<string, MessageKey> = {
  created: 'user.created',
  deactivated: 'user.deactivated',
  revoked: 'token.revokedNotice',
};

function usersCrumb(c: Context<AppEnv>) {
  return { href: '/admin/users', label: c.var.t('nav.users') };
}


async function newUserPage(c: Context<AppEnv>, form: FormState, status: 200 | 409 | 422 = 200) {
  return respond(c, {
    title: c.var.t('user.new'),
    crumbs: [usersCrumb(c), { label: c.var.t('user.new') }],
    content: <UserForm ui={uiOf(c)} form={form} courts={await courtChoices(c.var.db, currentUser(c), c.var.t, c.var.lang)} />,
    status,
  });
}

async function userPage(
  c: Context<AppEnv>,
  id: string,
  opts: { tokenForm?: FormState; newToken?: string; error?: string; status?: 200 | 201 | 409 | 422 } = {},
) {
  const admin = currentUser(c);
  const user = userView(await requireManagedUser(c.var.db, admin, id), c.var.lang);
  const tokens = await tokensOf(c.var.db, admin, id);
  const done = DONE[c.req.query('done') ?? ''];
  return respond(c, {
    title: user.displayName,
    crumbs: [usersCrumb(c), { label: user.username }],
    content: (
      <UserDetail
        ui={uiOf(c)}
        user={user}
        tokens={tokens}
        tokenForm={opts.tokenForm ?? emptyForm()}
        newToken={opts.newToken}
        notice={done ? c.var.t(done) : undefined}
        error={opts.error}
        isSelf={admin.id === id}
      />
    ),
    status: opts.status === 201 ? 200 : opts.status,
  });
}

export const adminRoutes = new Hono<AppEnv>()
  .use(requireRole('manageUsers'))
  .get('/users', async (c) => {
    const query = pageQueryOf(c, UserListQuerySchema);
    const result = await findUsers(c.var.db, currentUser(c), query, c.var.lang);
    return respond(c, {
      title: c.var.t('nav.users'),
      crumbs: [{ label: c.var.t('nav.users') }],
      primary: (
        <a class="btn btn-primary" href="/admin/users/new">
          {c.var.t('user.new')}
        </a>
      ),
      content: <UserList ui={uiOf(c)} query={query} result={result} />,
    });
  })
  .get('/users/new', (c) => newUserPage(c, emptyForm({ courtId: String(currentUser(c).courtId) })))
  .post('/users', async (c) => {
    const { values, lists } = await formWithLists(c);
    const roles = lists.roles ?? [];
    const shown = { ...values, roles: roles.join(',') };
    const input = {
      username: values.username ?? '',
      displayName: values.displayName ?? '',
      courtId: optionalNumber(values.courtId),
      division: values.division ?? '',
      roles,
      password: values.password ?? '',
    };
    const checked = validateForm(c, UserCreateSchema, input, shown);
    if (!checked.ok) return newUserPage(c, checked.state, checked.status);
    try {
      const user = await createUser(c.var.db, currentUser(c), checked.data, c.var.t, c.var.lang);
      return seeOther(c, `/admin/users/${user.id}?done=created`);
    } catch (err) {
      const { state, status } = refusalToForm(c, err, shown);
      return newUserPage(c, state, status);
    }
  })
  .get('/users/:id', (c) => userPage(c, c.req.param('id')))
  .post('/users/:id/deactivate', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    try {
      await deactivateUser(c.var.db, currentUser(c), id, requireFormVersion(values.version), c.var.lang);
      return seeOther(c, `/admin/users/${id}?done=deactivated`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return userPage(c, id, { error: c.var.t(err.key, err.params), status: 409 });
      throw err;
    }
  })
  // The page after issuing a token has this URL; opening it again shows the user, not the secret.
  .get('/users/:id/tokens', (c) => seeOther(c, `/admin/users/${c.req.param('id')}`))
  .post('/users/:id/tokens', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const checked = validateForm(c, TokenCreateSchema, { name: values.name ?? '', expiresInDays: optionalNumber(values.expiresInDays) }, values);
    if (!checked.ok) return userPage(c, id, { tokenForm: checked.state, status: checked.status });
    try {
      const { token } = await issueToken(c.var.db, currentUser(c), id, checked.data);
      // Shown in this answer only; a reload does not show it again.
      c.header('Cache-Control', 'no-store');
      return userPage(c, id, { newToken: token, status: 201 });
    } catch (err) {
      const { state, status } = refusalToForm(c, err, values);
      return userPage(c, id, { tokenForm: state, status });
    }
  })
  .post('/users/:id/tokens/:tokenId/revoke', async (c) => {
    const { id, tokenId } = c.req.param();
    try {
      await revokeToken(c.var.db, currentUser(c), id, tokenId);
      return seeOther(c, `/admin/users/${id}?done=revoked`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return userPage(c, id, { error: c.var.t(err.key), status: 409 });
      throw err;
    }
  })
  .get('/factors', async (c) =>
    respond(c, {
      title: c.var.t('nav.factors'),
      crumbs: [{ label: c.var.t('nav.factors') }],
      content: <FactorTable ui={uiOf(c)} factors={await listFactors(c.var.db)} />,
    }),
  );
