-- Joint coordination meetings (issue 7): meetings, their agendas and decisions, attendance,
-- action items and their follow-up, amendments of final minutes, and the in-app notifications.
-- Instants are ISO 8601 UTC strings; `due_on` is a Shanghai day (YYYY-MM-DD).

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  court_id INTEGER NOT NULL REFERENCES courts(id),
  kind TEXT NOT NULL CHECK (kind IN ('trial_enforcement', 'petition', 'case_coordination')),
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'held', 'minutes_final', 'cancelled')),
  starts_at TEXT NOT NULL,
  planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 15 AND 480),
  place TEXT NOT NULL DEFAULT '',
  video_link TEXT NOT NULL DEFAULT '',
  chair_id TEXT NOT NULL REFERENCES users(id),
  coordinator_id TEXT NOT NULL REFERENCES users(id),
  -- Division codes of the catalog (src/domain/meetings/kinds.ts), and outside units as typed.
  divisions_json TEXT NOT NULL DEFAULT '[]',
  outside_units_json TEXT NOT NULL DEFAULT '[]',
  cancel_reason TEXT,
  published_at TEXT,
  held_at TEXT,
  finalized_at TEXT,
  cancelled_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The meetings of a court subtree by time; the previous meeting of a kind; the meetings a leader chairs.
CREATE INDEX meetings_court_start ON meetings(court_id, starts_at);
CREATE INDEX meetings_court_kind_start ON meetings(court_id, kind, starts_at);
CREATE INDEX meetings_chair_start ON meetings(chair_id, starts_at);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  kind TEXT NOT NULL CHECK (kind IN ('data_report', 'previous_actions', 'warning')),
  position INTEGER NOT NULL,
  warning_id TEXT REFERENCES warnings(id),
  presenter_id TEXT REFERENCES users(id),
  minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 480),
  -- 1 while the meeting still holds its warnings (draft, published, held); 0 once its minutes
  -- are final or it is cancelled. The unique index below is the rule "a warning is on at most one
  -- agenda that is not final": two coordinators adding the same warning at once cannot both win.
  open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'warning') = (warning_id IS NOT NULL))
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
CREATE UNIQUE INDEX agenda_items_warning_open ON agenda_items(warning_id) WHERE open = 1;
CREATE INDEX agenda_items_warning ON agenda_items(warning_id);
CREATE UNIQUE INDEX agenda_items_one_standard ON agenda_items(meeting_id, kind) WHERE kind <> 'warning';

-- What the meeting decided on an item (处置意见), its leader in charge and its outcome.
CREATE TABLE decisions (
  agenda_item_id TEXT PRIMARY KEY REFERENCES agenda_items(id),
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  text TEXT NOT NULL DEFAULT '',
  leader_id TEXT REFERENCES users(id),
  outcome TEXT CHECK (outcome IN ('resolved', 'follow_up', 'carry_over', 'withdrawn')),
  resolution_outcome TEXT CHECK (resolution_outcome IN ('petition_ceased', 'mediated', 'judicial_assistance', 'terminated_lawfully', 'other')),
  version INTEGER NOT NULL DEFAULT 1,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX decisions_meeting ON decisions(meeting_id);

-- Who attended, as the minutes name them ("王建国（副院长）"); replaced as a whole when recorded again.
CREATE TABLE attendance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  name TEXT NOT NULL,
  present INTEGER NOT NULL CHECK (present IN (0, 1))
);
CREATE INDEX attendance_meeting ON attendance(meeting_id, id);

-- 督办事项: what a decision asks of a division (at a court) or a person, by a Shanghai day.
CREATE TABLE action_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id),
  warning_id TEXT REFERENCES warnings(id),
  -- The meeting's court: whose coordinators follow it up, and whose leaders see it.
  court_id INTEGER NOT NULL REFERENCES courts(id),
  text TEXT NOT NULL,
  owner_court_id INTEGER NOT NULL REFERENCES courts(id),
  owner_division TEXT,
  owner_id TEXT REFERENCES users(id),
  due_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  note TEXT,
  reason TEXT,
  closed_at TEXT,
  closed_by TEXT REFERENCES users(id),
  -- Set by the daily run the first time it finds the item overdue; cleared when the due day moves.
  overdue_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (owner_division IS NOT NULL OR owner_id IS NOT NULL)
);
CREATE INDEX action_items_owner ON action_items(owner_id, state, due_on);
CREATE INDEX action_items_division ON action_items(owner_court_id, owner_division, state, due_on);
CREATE INDEX action_items_court ON action_items(court_id, state, due_on);
CREATE INDEX action_items_due ON action_items(state, due_on);
CREATE INDEX action_items_meeting ON action_items(meeting_id, agenda_item_id);
CREATE INDEX action_items_warning ON action_items(warning_id, state);

-- The open action items of earlier meetings that a published agenda lists under
-- 上次会议议定事项落实情况: frozen at publishing; how many meetings an item was carried over.
CREATE TABLE carried_action_items (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  action_item_id TEXT NOT NULL REFERENCES action_items(id),
  PRIMARY KEY (meeting_id, action_item_id)
);
CREATE INDEX carried_action_items_item ON carried_action_items(action_item_id);

-- Corrections of final minutes: their own records, never an edit in place.
CREATE TABLE minutes_amendments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  text TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX minutes_amendments_meeting ON minutes_amendments(meeting_id, id);
CREATE TRIGGER minutes_amendments_no_update BEFORE UPDATE ON minutes_amendments
BEGIN SELECT RAISE(ABORT, 'minutes_amendments is append-only'); END;
CREATE TRIGGER minutes_amendments_no_delete BEFORE DELETE ON minutes_amendments
BEGIN SELECT RAISE(ABORT, 'minutes_amendments is append-only'); END;

-- How many meetings did not reach the warning (顺延): +1 each time minutes finalize it as carried over.
ALTER TABLE warnings ADD COLUMN carry_overs INTEGER NOT NULL DEFAULT 0;

-- The in-app inbox. `dedupe_key` makes each notification happen once: the daily run writes its
-- due-soon and overdue notifications with INSERT … ON CONFLICT DO NOTHING, so running it twice
-- writes nothing more.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('meeting_published', 'action_item_assigned', 'action_item_due_soon', 'action_item_overdue')),
  meeting_id TEXT REFERENCES meetings(id),
  action_item_id TEXT REFERENCES action_items(id),
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  read_at TEXT
);
-- The inbox, newest first; the unread count the header shows on every page.
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
