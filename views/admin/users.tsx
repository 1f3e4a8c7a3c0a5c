import type { MessageKey } from '../../src/i18n/index.ts';
import { ROLES, type Role } from '../../src/domain/roles.ts';
import type { TokenView, UserView } from '../../src/services/users.ts';
import { Field, FormError, Select, TextInput, type FormState } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { Pagination } from '../components/pagination.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';

export interface UserQueryView {
  q?: string;
  role?: Role;
  inactive?: string;
  page: number;
}

function userQueryString(q: UserQueryView, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.role) p.set('role', q.role);
  if (q.inactive) p.set('inactive', q.inactive);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function RoleList(props: { ui: Ui; roles: readonly Role[] }) {
  return <>{props.roles.map((r) => props.ui.t(`role.${r}` as MessageKey)).join('、')}</>;
}

export function UserList(props: { ui: Ui; query: UserQueryView; result: { items: UserView[]; page: number; pageSize: number; total: number } }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <>
      <form method="get" action="/admin/users" class="filters" role="search">
        <div class="field">
          <label for="u-q">{t('user.search')}</label>
          <input id="u-q" name="q" value={q.q ?? ''} maxlength={50} />
        </div>
        <div class="field">
          <label for="u-role">{t('user.roles')}</label>
          <select id="u-role" name="role">
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => (
              <option value={r} selected={q.role === r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="u-inactive" type="checkbox" name="inactive" value="1" checked={Boolean(q.inactive)} />
          <label for="u-inactive">{t('user.includeInactive')}</label>
        </div>
        <div class="actions">
          <button type="submit" class="btn">
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('user.username')}</th>
              <th scope="col">{t('user.displayName')}</th>
              <th scope="col">{t('user.court')}</th>
              <th scope="col">{t('user.division')}</th>
              <th scope="col">{t('user.roles')}</th>
              <th scope="col">{t('user.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.result.items.map((u) => (
              <tr>
                <td>
                  <a href={`/admin/users/${u.id}`}>{u.username}</a>
                </td>
                <td>{u.displayName}</td>
                <td>{u.court.name}</td>
                <td>{u.division}</td>
                <td>
                  <RoleList ui={props.ui} roles={u.roles} />
                </td>
                <td>{u.active ? t('user.active') : <span class="muted">{t('user.inactive')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination t={t} page={props.result.page} pageSize={props.result.pageSize} total={props.result.total} href={(p) => `/admin/users${userQueryString(q, p)}`} />
    </>
  );
}

export function UserForm(props: { ui: Ui; form: FormState; courts: { id: number; label: string }[] }) {
  const { t } = props.ui;
  const f = props.form;
  const chosen = new Set((f.values.roles ?? '').split(',').filter(Boolean));
  return (
    <form method="post" action="/admin/users" class="stack narrow" novalidate>
      <FormError message={f.formError} />
      <Field id="nu-username" label={t('user.username')} required error={f.errors.username} hint={t('user.usernameHint')}>
        <TextInput id="nu-username" name="username" form={f} required autocomplete="off" maxlength={32} hint={t('user.usernameHint')} />
      </Field>
      <Field id="nu-name" label={t('user.displayName')} required error={f.errors.displayName}>
        <TextInput id="nu-name" name="displayName" form={f} required maxlength={50} />
      </Field>
      <Field id="nu-court" label={t('user.court')} required error={f.errors.courtId}>
        <Select id="nu-court" name="courtId" form={f} options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))} required />
      </Field>
      <Field id="nu-division" label={t('user.division')} error={f.errors.division}>
        <TextInput id="nu-division" name="division" form={f} maxlength={50} />
      </Field>
      <fieldset class={f.errors.roles ? 'field has-error' : 'field'}>
        <legend>
          {t('user.roles')}
          <span class="required" aria-hidden="true">
            {' *'}
          </span>
        </legend>
        {ROLES.map((r) => (
          <div class="checkbox">
            <input type="checkbox" id={`nu-role-${r}`} name="roles" value={r} checked={chosen.has(r)} />
            <label for={`nu-role-${r}`}>{t(`role.${r}` as MessageKey)}</label>
          </div>
        ))}
        {f.errors.roles && <p class="error">{f.errors.roles}</p>}
      </fieldset>
      <Field id="nu-password" label={t('user.initialPassword')} required error={f.errors.password} hint={t('user.passwordHint')}>
        <TextInput id="nu-password" name="password" type="password" form={{ ...f, values: {} }} required autocomplete="new-password" maxlength={128} hint={t('user.passwordHint')} />
      </Field>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('user.create')}
        </button>
        <a class="btn btn-ghost" href="/admin/users">
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}

export function UserDetail(props: {
  ui: Ui;
  user: UserView;
  tokens: TokenView[];
  tokenForm: FormState;
  /** The secret of a token just issued: shown once, never again. */
  newToken?: string;
  notice?: string;
  error?: string;
  isSelf: boolean;
}) {
  const { t } = props.ui;
  const u = props.user;
  return (
    <div class="stack">
      <Notice message={props.notice} />
      <Notice message={props.error} kind="error" />
      <section class="card">
        <h2>{t('user.profile')}</h2>
        <dl class="facts">
          <dt>{t('user.username')}</dt>
          <dd>{u.username}</dd>
          <dt>{t('user.displayName')}</dt>
          <dd>{u.displayName}</dd>
          <dt>{t('user.court')}</dt>
          <dd>{u.court.name}</dd>
          <dt>{t('user.division')}</dt>
          <dd>{u.division || '—'}</dd>
          <dt>{t('user.roles')}</dt>
          <dd>
            <RoleList ui={props.ui} roles={u.roles} />
          </dd>
          <dt>{t('user.status')}</dt>
          <dd>{u.active ? t('user.active') : t('user.inactive')}</dd>
        </dl>
        {u.active && !props.isSelf && (
          <form method="post" action={`/admin/users/${u.id}/deactivate`} class="inline">
            <input type="hidden" name="version" value={String(u.version)} />
            <button type="submit" class="btn btn-danger">
              {t('user.deactivate')}
            </button>
            <p class="hint">{t('user.deactivateHint')}</p>
          </form>
        )}
      </section>
      <section class="card">
        <h2>{t('token.title')}</h2>
        {props.newToken && (
          <div class="alert alert-success token-once" role="status">
            <p>{t('token.shownOnce')}</p>
            <code class="token" id="new-token">
              {props.newToken}
            </code>
          </div>
        )}
        {props.tokens.length === 0 ? (
          <p class="empty">{t('token.none')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('token.name')}</th>
                <th scope="col">{t('token.prefix')}</th>
                <th scope="col">{t('token.createdAt')}</th>
                <th scope="col">{t('token.expiresAt')}</th>
                <th scope="col">{t('token.lastUsedAt')}</th>
                <th scope="col">{t('user.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((tk) => (
                <tr>
                  <td>{tk.name}</td>
                  <td>
                    <code>{tk.prefix}…</code>
                  </td>
                  <td class="nowrap">{dateTime(tk.createdAt)}</td>
                  <td class="nowrap">{tk.expiresAt ? dateTime(tk.expiresAt) : t('token.never')}</td>
                  <td class="nowrap">{dateTime(tk.lastUsedAt)}</td>
                  <td>{tk.revokedAt ? t('token.revoked') : t('user.active')}</td>
                  <td>
                    {!tk.revokedAt && (
                      <form method="post" action={`/admin/users/${u.id}/tokens/${tk.id}/revoke`}>
                        <button type="submit" class="btn btn-small">
                          {t('token.revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {u.active && (
          <form method="post" action={`/admin/users/${u.id}/tokens`} class="stack narrow" novalidate>
            <h3>{t('token.issue')}</h3>
            <FormError message={props.tokenForm.formError} />
            <Field id="tk-name" label={t('token.name')} required error={props.tokenForm.errors.name} hint={t('token.nameHint')}>
              <TextInput id="tk-name" name="name" form={props.tokenForm} required maxlength={50} hint={t('token.nameHint')} />
            </Field>
            <Field id="tk-days" label={t('token.expiresInDays')} error={props.tokenForm.errors.expiresInDays}>
              <TextInput id="tk-days" name="expiresInDays" form={props.tokenForm} inputmode="numeric" />
            </Field>
            <button type="submit" class="btn btn-primary">
              {t('token.issueSubmit')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
