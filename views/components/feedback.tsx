/** Notices and the aria-live announcement that htmx swaps in out of band. */

export function Notice(props: { message?: string; kind?: 'success' | 'error' | 'info' }) {
  if (!props.message) return null;
  return (
    <div class={`alert alert-${props.kind ?? 'success'}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.message}
    </div>
  );
}

/** Replaces the page's live region so screen readers hear what happened. */
export function LiveAnnouncement(props: { message: string }) {
  return (
    <div id="live" class="visually-hidden" role="status" aria-live="polite" hx-swap-oob="true">
      {props.message}
    </div>
  );
}
