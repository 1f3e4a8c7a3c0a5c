import type { Ui } from './ui.ts';

export function ErrorPanel(props: { ui: Ui; message: string; status: number }) {
  const { t } = props.ui;
  return (
    <section class="card error-panel" role="alert">
      <p class="status-code">{props.status}</p>
      <p>{props.message}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </section>
  );
}
