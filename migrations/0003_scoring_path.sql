-- The scoring path under concurrent writers, and a timeline that stores ids instead of words.

-- The second guard table (src/db/batch.ts): a write refused here was planned on rows someone
-- else changed meanwhile; the request reads again and plans again instead of answering 409.
CREATE TABLE replan_guard (ok INTEGER NOT NULL CONSTRAINT replan_guard_ok CHECK (ok = 1));

-- Bumped by every batch that changes what the case's score depends on (flags, case facts,
-- petitions) or writes its assessment. A batch is planned on the revision it read and commits
-- only if it is still that revision, so the latest assessment always counts every stored change.
-- `version` stays what a person editing the case saw: a flag does not make their edit stale.
ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Timeline entries named the court (in the language of the request) and people by name; they
-- now carry ids, and the names are looked up when the timeline is drawn. The timeline is
-- append-only, so its guard is lifted for this one rewrite and put back.
DROP TRIGGER warning_events_no_update;

UPDATE warning_events
SET data_json = json_remove(
  json_set(data_json, '$.courtId', (
    SELECT ct.id FROM courts ct
    WHERE ct.name = json_extract(warning_events.data_json, '$.courtName')
       OR ct.name_en = json_extract(warning_events.data_json, '$.courtName')
    LIMIT 1)),
  '$.courtName')
WHERE json_extract(data_json, '$.courtName') IS NOT NULL;

-- People: the owner or leader the warning had right after the entry, when the name matches.
UPDATE warning_events
SET data_json = json_remove(json_set(data_json, '$.ownerId', (
    SELECT u.id FROM users u WHERE u.display_name = json_extract(warning_events.data_json, '$.ownerName')
    ORDER BY u.id = (SELECT w.owner_id FROM warnings w WHERE w.id = warning_events.warning_id) DESC LIMIT 1)),
  '$.ownerName')
WHERE json_extract(data_json, '$.ownerName') IS NOT NULL
  AND EXISTS (SELECT 1 FROM users u WHERE u.display_name = json_extract(warning_events.data_json, '$.ownerName'));

UPDATE warning_events
SET data_json = json_remove(json_set(data_json, '$.leaderId', (
    SELECT u.id FROM users u WHERE u.display_name = json_extract(warning_events.data_json, '$.leaderName')
    ORDER BY u.id = (SELECT w.leader_id FROM warnings w WHERE w.id = warning_events.warning_id) DESC LIMIT 1)),
  '$.leaderName')
WHERE json_extract(data_json, '$.leaderName') IS NOT NULL
  AND EXISTS (SELECT 1 FROM users u WHERE u.display_name = json_extract(warning_events.data_json, '$.leaderName'));

CREATE TRIGGER warning_events_no_update BEFORE UPDATE ON warning_events
BEGIN SELECT RAISE(ABORT, 'warning_events is append-only'); END;
