import { Field, FormError, TextInput, type FormState } from './components/form.tsx';
import type { Ui } from './ui.ts';

export function LoginForm(props: { ui: Ui; form: FormState; next: string }) {
  const { t } = props.ui;
  return (
    <section class="login-card">
      <p class="lead">{t('app.fullName')}</p>
      <FormError message={props.form.formError} />
      <form method="post" action="/login" class="stack" novalidate>
        <input type="hidden" name="next" value={props.next} />
        <Field id="username" label={t('auth.username')} required error={props.form.errors.username}>
          <TextInput id="username" name="username" form={props.form} required autocomplete="username" maxlength={64} />
        </Field>
        <Field id="password" label={t('auth.password')} required error={props.form.errors.password}>
          <TextInput id="password" name="password" type="password" form={{ ...props.form, values: {} }} required autocomplete="current-password" maxlength={256} />
        </Field>
        <button type="submit" class="btn btn-primary">
          {t('auth.signIn')}
        </button>
      </form>
    </section>
  );
}
