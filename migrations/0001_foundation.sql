-- Foundation: courts, users and sessions, cases with parties, the risk-factor catalog, flags,
-- API tokens and the append-only audit log. Times are ISO 8601 UTC strings; calendar days
-- (filed_on, closed_on) are Shanghai days as YYYY-MM-DD.

CREATE TABLE courts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT,
  level TEXT NOT NULL CHECK (level IN ('high', 'intermediate', 'basic')),
  parent_id INTEGER REFERENCES courts(id),
  -- Materialized path of ids ('/1/2/5/'), so a court's subtree is one LIKE on an index.
  path TEXT NOT NULL UNIQUE,
  has_video_room INTEGER NOT NULL DEFAULT 0 CHECK (has_video_room IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX courts_parent ON courts(parent_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  court_id INTEGER NOT NULL REFERENCES courts(id),
  division TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_court ON users(court_id);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('trial_judge', 'enforcement_judge', 'petition_officer', 'coordinator', 'leader', 'admin')),
  PRIMARY KEY (user_id, role)
);

-- Only the SHA-256 of the session token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL COLLATE NOCASE,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures(username, at);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE risk_factors (
  code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z0-9_]*'),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  default_points INTEGER CHECK (default_points BETWEEN -100 AND 100),
  forces_level TEXT CHECK (forces_level IN ('blue', 'yellow', 'orange', 'red')),
  usually_by TEXT NOT NULL CHECK (usually_by IN ('trial', 'enforcement', 'trial_enforcement', 'any')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (default_points IS NOT NULL OR forces_level IS NOT NULL)
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  court_id INTEGER NOT NULL REFERENCES courts(id),
  case_number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  type_code TEXT NOT NULL,
  serial INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('civil', 'criminal', 'administrative', 'enforcement', 'assistance', 'compensation')),
  cause TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('filing', 'trial', 'judgment', 'enforcement', 'closed')),
  filed_on TEXT NOT NULL,
  closed_on TEXT,
  party_count INTEGER NOT NULL DEFAULT 0 CHECK (party_count >= 0),
  amount_in_dispute REAL NOT NULL DEFAULT 0 CHECK (amount_in_dispute >= 0),
  judge_id TEXT REFERENCES users(id),
  summary TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_court_category ON cases(court_id, category, filed_on);
CREATE INDEX cases_judge ON cases(judge_id);

CREATE TABLE parties (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('plaintiff', 'defendant', 'third_party', 'appellant', 'appellee', 'applicant', 'respondent', 'defendant_criminal', 'victim', 'other')),
  vulnerable INTEGER NOT NULL DEFAULT 0 CHECK (vulnerable IN (0, 1))
);
CREATE INDEX parties_case ON parties(case_id, position);
CREATE INDEX parties_name ON parties(name);

CREATE TABLE flags (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  factor_code TEXT NOT NULL REFERENCES risk_factors(code),
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  withdrawn_by TEXT REFERENCES users(id),
  withdrawn_at TEXT,
  withdraw_note TEXT
);
CREATE INDEX flags_case ON flags(case_id, created_at);
-- The same factor cannot be active twice on one case; withdrawn flags stay as history.
CREATE UNIQUE INDEX flags_one_active ON flags(case_id, factor_code) WHERE withdrawn_at IS NULL;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT,
  via TEXT NOT NULL CHECK (via IN ('web', 'api', 'system')),
  court_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_court ON audit_log(court_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- A conditional write in a db.batch() is followed by `INSERT INTO write_guard SELECT changes()`:
-- when the write touched no row (a stale version, a state already changed) the CHECK fails and
-- the whole batch, audit row included, rolls back. The batch ends by emptying the table.
CREATE TABLE write_guard (ok INTEGER NOT NULL CONSTRAINT write_guard_ok CHECK (ok = 1));

INSERT INTO risk_factors (code, name_zh, name_en, default_points, forces_level, usually_by, sort_order, created_at, updated_at) VALUES
  ('GROUP_DISPUTE', '群体性纠纷', 'Group dispute', 5, NULL, 'trial_enforcement', 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('ILLEGAL_FUNDRAISING', '涉众型经济犯罪 / 非法集资', 'Mass economic crime / illegal fundraising', 5, NULL, 'trial', 20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('WAGE_ARREARS', '拖欠劳动报酬（农民工工资）', 'Unpaid wages (migrant workers)', 4, NULL, 'trial_enforcement', 30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('LAND_REQUISITION', '征地拆迁补偿', 'Land requisition and demolition compensation', 4, NULL, 'trial', 40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('THREAT_EXTREME', '扬言自杀、自伤或其他极端行为', 'Threatens suicide, self-harm or other extreme acts', NULL, 'red', 'trial_enforcement', 50, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('THREAT_PETITION', '扬言上访、越级访', 'Threatens to petition or to skip levels', 3, NULL, 'trial_enforcement', 60, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('PRIOR_PETITION', '有信访经历', 'Has petitioned before', 3, NULL, 'trial_enforcement', 70, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('MEDIA_ATTENTION', '舆情 / 媒体关注', 'Public opinion / media attention', 3, NULL, 'any', 80, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('DEATH_OR_SERIOUS_INJURY', '涉及死亡或重伤', 'Death or serious injury involved', 3, NULL, 'trial', 90, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('EXTREME_EMOTION', '情绪激烈、矛盾尖锐', 'Strong emotions, sharp conflict', 2, NULL, 'any', 100, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('VULNERABLE_PARTY', '涉及弱势群体（老人、残疾人、未成年人、农民工）', 'Vulnerable party (elderly, disabled, minor, migrant worker)', 2, NULL, 'any', 110, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('ECONOMIC_HARDSHIP', '当事人生活困难', 'Party in economic hardship', 2, NULL, 'any', 120, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('ENFORCEMENT_IMPOSSIBLE', '执行不能（无财产可供执行）', 'Enforcement impossible (no assets)', 2, NULL, 'enforcement', 130, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('PROCEDURE_COMPLAINT', '对办案程序或办案人员不满', 'Complaint about procedure or court staff', 2, NULL, 'any', 140, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('COMPLEX_OR_NEW_TYPE', '新类型、疑难复杂或敏感案件', 'New-type, complex or sensitive case', 2, NULL, 'trial', 150, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('UNREALISTIC_DEMAND', '诉求明显过高', 'Clearly excessive demands', 1, NULL, 'any', 160, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
