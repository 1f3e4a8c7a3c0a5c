-- Rule-set activation and simulation at a province's size (a million cases): the work is laid out
-- as ranges of case ids, one queue message each, never as a list of ids loaded in one request.

-- The open cases in id order, with what a scope reads: a range of open cases walks one of these
-- indexes only — all of them or a subtree's in id order, or one court's.
CREATE INDEX cases_open_by_id ON cases(id, court_id, category, stage) WHERE stage <> 'closed';
CREATE INDEX cases_open_by_court ON cases(court_id, id, category, stage) WHERE stage <> 'closed';

-- How many of a job's chunks are laid out and not yet done; the job is finished when none is left.
-- NULL for jobs enqueued before this migration: they finish when their count is done.
ALTER TABLE rescore_jobs ADD COLUMN pending INTEGER;

-- A chunk of a job (a re-scoring job or a simulation) that is done, written in the same batch as its
-- work: a message delivered twice finds it and writes nothing again. `next` holds the messages it laid
-- out, sent again if it is delivered twice (the first delivery may have stopped before sending them).
CREATE TABLE job_chunks (
  job_id TEXT NOT NULL,
  chunk_key TEXT NOT NULL,
  next TEXT,
  done_at TEXT NOT NULL,
  PRIMARY KEY (job_id, chunk_key)
) WITHOUT ROWID;

-- A draft's simulation: the open cases of its author's scope evaluated under the set active when it
-- began and under the draft as it was then, on that day's facts; the counts add up chunk by chunk.
CREATE TABLE rule_set_simulations (
  id TEXT PRIMARY KEY,
  rule_set_id TEXT NOT NULL REFERENCES rule_sets(id),
  rule_set_version INTEGER NOT NULL,
  rule_set_revision INTEGER NOT NULL,
  document TEXT NOT NULL,
  against_id TEXT NOT NULL REFERENCES rule_sets(id),
  against_version INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  day TEXT NOT NULL,
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  pending INTEGER NOT NULL,
  before_none INTEGER NOT NULL DEFAULT 0,
  before_blue INTEGER NOT NULL DEFAULT 0,
  before_yellow INTEGER NOT NULL DEFAULT 0,
  before_orange INTEGER NOT NULL DEFAULT 0,
  before_red INTEGER NOT NULL DEFAULT 0,
  after_none INTEGER NOT NULL DEFAULT 0,
  after_blue INTEGER NOT NULL DEFAULT 0,
  after_yellow INTEGER NOT NULL DEFAULT 0,
  after_orange INTEGER NOT NULL DEFAULT 0,
  after_red INTEGER NOT NULL DEFAULT 0,
  cases_changed INTEGER NOT NULL DEFAULT 0,
  open_warnings_changed INTEGER NOT NULL DEFAULT 0,
  new_warnings INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX rule_set_simulations_latest ON rule_set_simulations(rule_set_id, created_by, created_at);

-- The cases a simulation would move, biggest moves first; only the first 200 are kept.
CREATE TABLE rule_set_simulation_changes (
  simulation_id TEXT NOT NULL REFERENCES rule_set_simulations(id),
  case_id TEXT NOT NULL,
  case_number TEXT NOT NULL,
  level_from TEXT NOT NULL,
  level_to TEXT NOT NULL,
  score_from INTEGER NOT NULL,
  score_to INTEGER NOT NULL,
  warning_id TEXT,
  warning_state TEXT,
  move INTEGER NOT NULL,
  PRIMARY KEY (simulation_id, case_id)
) WITHOUT ROWID;
CREATE INDEX rule_set_simulation_changes_order ON rule_set_simulation_changes(simulation_id, move DESC, case_number);
