import { randomBytes, toBase64Url, toHex } from './encoding.ts';

/** A fresh random secret (256 bits) for a session cookie or an API token. */
export function newSecret(prefix = ''): string {
  return prefix + toBase64Url(randomBytes(32));
}

/** Only this digest of a session or API token is ever stored. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

export function newId(): string {
  return crypto.randomUUID();
}
