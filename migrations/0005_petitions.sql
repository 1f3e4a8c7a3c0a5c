-- The petition register (信访登记) and the roll-ups the statistics read (issue 8).
-- Days (received_on, day) are Shanghai days as YYYY-MM-DD; months YYYY-MM; instants ISO UTC.

CREATE TABLE petitions (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('letter', 'visit', 'group_visit', 'video', 'online', 'phone')),
  received_on TEXT NOT NULL,
  -- The receiving court: the office's own court or one below it.
  court_id INTEGER NOT NULL REFERENCES courts(id),
  persons INTEGER NOT NULL CHECK (persons >= 1),
  petitioner_name TEXT NOT NULL,
  -- Stored as given (upper-case X); shown masked to everyone but the petition office.
  petitioner_id_number TEXT,
  -- The linked case, if any: its facts petitions12m / petitions7d count this petition.
  case_id TEXT REFERENCES cases(id),
  complaint_type TEXT NOT NULL CHECK (complaint_type IN ('judgment', 'enforcement', 'conduct', 'procedure', 'other')),
  lawyer_interview INTEGER NOT NULL DEFAULT 0 CHECK (lawyer_interview IN (0, 1)),
  lawyer_representation INTEGER NOT NULL DEFAULT 0 CHECK (lawyer_representation IN (0, 1)),
  lawyer_resolution INTEGER NOT NULL DEFAULT 0 CHECK (lawyer_resolution IN (0, 1)),
  assistance_applied INTEGER NOT NULL DEFAULT 0 CHECK (assistance_applied IN (0, 1)),
  assistance_approved INTEGER NOT NULL DEFAULT 0 CHECK (assistance_approved IN (0, 1)),
  -- Whole yuan.
  assistance_amount INTEGER NOT NULL DEFAULT 0 CHECK (assistance_amount >= 0),
  state TEXT NOT NULL CHECK (state IN ('registered', 'in_progress', 'concluded')),
  outcome TEXT CHECK (outcome IN ('ceased', 'explained', 'transferred', 'terminated', 'other')),
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((state = 'concluded') = (outcome IS NOT NULL))
);
-- The register's list: a court's (or a subtree's, court by court) petitions newest first, and
-- the same within a period; the filters (channel, linked, complaint type) are read off the rows.
CREATE INDEX petitions_court_day ON petitions(court_id, received_on, created_at);
-- The whole province newest first (a leader of the High Court, or the office of a large scope).
CREATE INDEX petitions_day ON petitions(received_on, created_at, court_id);
-- A case's petitions by day: its facts (petitions12m, petitions7d), its page, the backtest.
CREATE INDEX petitions_case ON petitions(case_id, received_on) WHERE case_id IS NOT NULL;
-- The daily run: linked petitions leaving the 7- and 365-day windows today.
CREATE INDEX petitions_linked_day ON petitions(received_on, case_id) WHERE case_id IS NOT NULL;
-- Possible repeats: the same petitioner within 30 days either side.
CREATE INDEX petitions_petitioner ON petitions(petitioner_id_number, received_on) WHERE petitioner_id_number IS NOT NULL;

-- The daily roll-up (court × Shanghai day × channel), changed by the same batch as every petition
-- write by the deltas src/domain/stats/rollup.ts `rollupDeltas` gives, so it always equals a direct
-- count of the petitions. A row whose count reaches 0 is deleted.
CREATE TABLE petition_daily (
  court_id INTEGER NOT NULL REFERENCES courts(id),
  day TEXT NOT NULL,
  channel TEXT NOT NULL,
  cases INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  lawyer_interview INTEGER NOT NULL,
  lawyer_representation INTEGER NOT NULL,
  lawyer_resolution INTEGER NOT NULL,
  assistance_applied INTEGER NOT NULL,
  assistance_approved INTEGER NOT NULL,
  assistance_amount INTEGER NOT NULL,
  PRIMARY KEY (court_id, day, channel)
) WITHOUT ROWID;

-- The same roll-up by Shanghai month, from the same deltas in the same batch: a report reads
-- whole months here and only the partial months at its ends from the daily table, so a year of
-- the whole province is a few thousand rows whatever the number of petitions.
CREATE TABLE petition_monthly (
  court_id INTEGER NOT NULL REFERENCES courts(id),
  month TEXT NOT NULL,
  channel TEXT NOT NULL,
  cases INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  lawyer_interview INTEGER NOT NULL,
  lawyer_representation INTEGER NOT NULL,
  lawyer_resolution INTEGER NOT NULL,
  assistance_applied INTEGER NOT NULL,
  assistance_approved INTEGER NOT NULL,
  assistance_amount INTEGER NOT NULL,
  PRIMARY KEY (court_id, month, channel)
) WITHOUT ROWID;
