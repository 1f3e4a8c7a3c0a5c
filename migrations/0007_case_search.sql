-- Case search over a full-text index (src/domain/search-text.ts): every character of a case's
-- number, cause, summary and parties' names is a token, and a term is queried as the phrase of
-- its characters, so a two-character term such as 劳动 or a party's name matches without
-- scanning the cases. Keyed by the case's rowid; the batch that changes a case rewrites its row.
CREATE VIRTUAL TABLE case_search USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61');

-- The cases that exist: their text split into characters here (white space dropped, as the app does).
WITH RECURSIVE
  src(rid, txt) AS (
    SELECT c.rowid, c.case_number || ' ' || c.cause || ' ' || c.summary || ' ' ||
      coalesce((SELECT group_concat(p.name, ' ') FROM parties p WHERE p.case_id = c.id), '')
    FROM cases c
  ),
  chars(rid, pos, ch, txt) AS (
    SELECT rid, 1, substr(txt, 1, 1), txt FROM src
    UNION ALL
    SELECT rid, pos + 1, substr(txt, pos + 1, 1), txt FROM chars WHERE pos < length(txt)
  )
INSERT INTO case_search (rowid, body)
SELECT rid, group_concat(ch, ' ' ORDER BY pos) FROM chars
WHERE ch NOT IN (' ', char(12288), char(9), char(10), char(13))
GROUP BY rid;
