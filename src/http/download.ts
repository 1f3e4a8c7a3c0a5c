import type { Context } from 'hono';
import type { AppEnv } from './types.ts';

/** RFC 5987 value characters: everything else is percent-encoded (UTF-8). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A file to save: its media type, `Content-Disposition` with an ASCII name and the real (Chinese)
 * name as RFC 6266 `filename*`, and no caching — the files carry court business.
 */
export function attachment(c: Context<AppEnv>, file: { body: ArrayBuffer | string; contentType: string; filename: string; asciiFilename: string }) {
  const ascii = file.asciiFilename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.filename)}`,
    'Cache-Control': 'no-store',
  });
}
