/** Escapes LIKE wildcards in user text; queries use `LIKE ? ESCAPE '\\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
