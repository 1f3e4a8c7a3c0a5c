/** Only same-site paths are followed after sign-in or a language switch: no open redirects. */
export function localPath(next: string | undefined | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
