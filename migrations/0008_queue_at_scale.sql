-- The petition office's queue at a province's size (a million cases, over a hundred thousand
-- warnings): the scope is on the warning itself, so that one index walks scope, state and order
-- together, and the tab counts come from counters kept by triggers instead of counting rows.

-- The case's court, its place in the court tree and its kind, on the warning. A case never moves
-- court (its number names it), so these are written once, when the warning is raised.
ALTER TABLE warnings ADD COLUMN case_court_id INTEGER REFERENCES courts(id);
ALTER TABLE warnings ADD COLUMN case_path TEXT;
ALTER TABLE warnings ADD COLUMN case_kind TEXT CHECK (case_kind IN ('trial', 'enforcement'));
-- The level as a number for ordering (red first), and whether the warning is still being worked on.
ALTER TABLE warnings ADD COLUMN level_rank INTEGER GENERATED ALWAYS AS
  (CASE level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 1 ELSE 0 END) VIRTUAL;
ALTER TABLE warnings ADD COLUMN active INTEGER GENERATED ALWAYS AS (state NOT IN ('resolved', 'dismissed')) VIRTUAL;

UPDATE warnings SET
  case_court_id = (SELECT c.court_id FROM cases c WHERE c.id = warnings.case_id),
  case_path = (SELECT ct.path FROM cases c JOIN courts ct ON ct.id = c.court_id WHERE c.id = warnings.case_id),
  case_kind = (SELECT CASE c.category WHEN 'enforcement' THEN 'enforcement' ELSE 'trial' END FROM cases c WHERE c.id = warnings.case_id);

-- One index per order of the queue, walked in that order; the scope and the state are read off
-- the same entries. The same orders within one state, for the state tabs.
DROP INDEX warnings_queue;
CREATE INDEX warnings_by_level ON warnings(level_rank DESC, score DESC, raised_at, id, case_path, case_kind, state);
CREATE INDEX warnings_by_score ON warnings(score DESC, level_rank DESC, raised_at, id, case_path, case_kind, state);
CREATE INDEX warnings_by_age ON warnings(raised_at, id, case_path, case_kind, state);
CREATE INDEX warnings_by_due ON warnings(due_at IS NULL, due_at, raised_at, id, case_path, case_kind, state);
CREATE INDEX warnings_state_by_level ON warnings(state, level_rank DESC, score DESC, raised_at, id, case_path, case_kind);
CREATE INDEX warnings_state_by_score ON warnings(state, score DESC, level_rank DESC, raised_at, id, case_path, case_kind);
CREATE INDEX warnings_state_by_age ON warnings(state, raised_at, id, case_path, case_kind);
CREATE INDEX warnings_state_by_due ON warnings(state, due_at IS NULL, due_at, raised_at, id, case_path, case_kind);
-- A judge's own court, of its kind; and the filters by owner.
CREATE INDEX warnings_case_court ON warnings(case_court_id, case_kind, level_rank DESC, score DESC, raised_at, id);
CREATE INDEX warnings_owner ON warnings(owner_id, state);

-- How many warnings each court's cases have, by kind, state and level: the queue's tabs add these
-- up over the courts of the scope instead of counting warnings.
CREATE TABLE warning_counts (
  court_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  level TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (court_id, kind, state, level)
) WITHOUT ROWID;

INSERT INTO warning_counts (court_id, kind, state, level, n)
SELECT case_court_id, case_kind, state, level, count(*) FROM warnings GROUP BY case_court_id, case_kind, state, level;

CREATE TRIGGER warning_counts_insert AFTER INSERT ON warnings
BEGIN
  INSERT INTO warning_counts (court_id, kind, state, level, n) VALUES (NEW.case_court_id, NEW.case_kind, NEW.state, NEW.level, 1)
  ON CONFLICT (court_id, kind, state, level) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER warning_counts_update AFTER UPDATE OF state, level, case_court_id, case_kind ON warnings
BEGIN
  UPDATE warning_counts SET n = n - 1 WHERE court_id = OLD.case_court_id AND kind = OLD.case_kind AND state = OLD.state AND level = OLD.level;
  INSERT INTO warning_counts (court_id, kind, state, level, n) VALUES (NEW.case_court_id, NEW.case_kind, NEW.state, NEW.level, 1)
  ON CONFLICT (court_id, kind, state, level) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER warning_counts_delete AFTER DELETE ON warnings
BEGIN
  UPDATE warning_counts SET n = n - 1 WHERE court_id = OLD.case_court_id AND kind = OLD.case_kind AND state = OLD.state AND level = OLD.level;
END;

-- The case list in its order (newest filed first) with what its scope and filters read; and a
-- court's own cases in that order.
CREATE INDEX cases_by_filed ON cases(filed_on DESC, case_number, court_id, category, stage, level);
CREATE INDEX cases_court_by_filed ON cases(court_id, filed_on DESC, case_number, category);
