import type { Child } from 'hono/jsx';

/** Values as typed and messages per field, so a refused form comes back as the user left it. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A message about the form as a whole (a conflict, a refused sign-in). */
  formError?: string;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A label above its control, a hint, and the server's message under it in red. */
export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  requiredMark?: string;
  children: Child;
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>
        {props.label}
        {props.required && (
          <span class="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export function TextInput(props: {
  id: string;
  name: string;
  form: FormState;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  maxlength?: number;
  placeholder?: string;
  hint?: string;
  min?: string;
  max?: string;
  step?: string;
  class?: string;
}) {
  const error = props.form.errors[props.name];
  return (
    <input
      id={props.id}
      name={props.name}
      type={props.type ?? 'text'}
      value={props.form.values[props.name] ?? ''}
      required={props.required}
      autocomplete={props.autocomplete}
      inputmode={props.inputmode}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      min={props.min}
      max={props.max}
      step={props.step}
      class={props.class}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(props.id, error, props.hint)}
    />
  );
}

export function Select(props: {
  id: string;
  name: string;
  form: FormState;
  options: { value: string; label: string }[];
  required?: boolean;
  blank?: string;
}) {
  const error = props.form.errors[props.name];
  const current = props.form.values[props.name] ?? '';
  return (
    <select
      id={props.id}
      name={props.name}
      required={props.required}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(props.id, error)}
    >
      {props.blank !== undefined && <option value="">{props.blank}</option>}
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === current}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function FormError(props: { message?: string }) {
  return props.message ? (
    <div class="alert alert-error" role="alert">
      {props.message}
    </div>
  ) : null;
}

/** A filter drop-down whose first choice is "all" (an empty value, ignored by the server). */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  current: string | number | undefined;
  options: { value: string; label: string }[];
}) {
  const current = props.current === undefined ? '' : String(props.current);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
