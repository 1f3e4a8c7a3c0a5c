/**
 * Case search over a full-text index (SQLite FTS5 in D1). Chinese needs no spaces between words,
 * and a two-character term such as 劳动 or a party's name must match, so every character of the
 * searchable text is indexed as its own token (the `unicode61` tokenizer splits on the spaces put
 * between them) and a term is queried as a phrase of its characters: "劳 动" matches the two
 * characters next to each other, anywhere — in a cause, a party's name, a summary or a case number
 * (its digits too: 0102民初12 finds （2024）甘0102民初1234号).
 */

/** The characters of a text that are tokens: everything but white space. */
function characters(text: string): string[] {
  return Array.from(text.normalize('NFKC')).filter((ch) => !/\s/u.test(ch));
}

/** What the index holds for a case: its number, cause, summary and parties' names, a token per character. */
export function searchBody(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map((p) => characters(p).join(' '))
    .filter(Boolean)
    .join(' ');
}

/**
 * The FTS5 query for a term: the phrase of its characters, or null when the term has none that
 * the tokenizer keeps (only punctuation or spaces). Quotes are the only syntax inside a phrase and
 * are dropped, so no term can inject a query operator.
 */
export function phraseQuery(term: string): string | null {
  const kept = characters(term).filter((ch) => /[\p{L}\p{N}]/u.test(ch));
  return kept.length ? `"${kept.join(' ')}"` : null;
}
