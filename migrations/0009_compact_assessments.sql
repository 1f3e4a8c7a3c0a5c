-- Compact assessments: a province files some 400,000 cases a year, and a stored trace (~5 KB a row,
-- each condition with the fact values it read) would fill D1 in a few years. An assessment keeps
-- what it decided — score, level, rule-set version, facts — and the ids of the rules that matched;
-- its trace is rebuilt when read, by evaluating its rule set's document (kept for every version,
-- never edited once active) over its facts. See docs/decisions.md "Compact assessments".

-- The ids of the matched rules, in rule order: what a one-line explanation and a comparison need.
ALTER TABLE assessments ADD COLUMN matched_json TEXT NOT NULL DEFAULT '[]';

UPDATE assessments
SET matched_json = (
  SELECT json_group_array(id) FROM (
    SELECT json_extract(r.value, '$.id') AS id
    FROM json_each(assessments.trace_json, '$.rules') r
    WHERE json_extract(r.value, '$.matched') = 1
    ORDER BY r.key))
WHERE json_valid(trace_json) AND json_type(trace_json, '$.rules') = 'array';

-- The stored traces go. The column stays (empty) so that a Worker still running the previous
-- version while this deploys keeps writing; a later migration drops it.
UPDATE assessments SET trace_json = '' WHERE trace_json <> '';
