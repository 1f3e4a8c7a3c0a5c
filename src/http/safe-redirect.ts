/**
 * Only same-site paths are followed after sign-in or a language switch: no open redirects. A path
 * has one leading `/` not followed by another `/` or `\` (browsers read `//host` and `/\host` as
 * another site), and no control character anywhere (browsers drop a tab or newline, turning
 * `/<TAB>/evil.example` into `//evil.example`; a newline cannot go into a header at all).
 */
export function localPath(next: string | undefined | null, fallback = '/'): string {
  if (!next || next[0] !== '/' || next[1] === '/' || next[1] === '\\') return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}
