-- Rule sets, stored assessments, warnings with their timeline, and re-scoring jobs.

CREATE TABLE rule_sets (
  id TEXT PRIMARY KEY,
  -- The rule set's version number (1, 2, …), recorded on every assessment it produced.
  version INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  document TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  author_id TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  activated_at TEXT,
  activated_by TEXT REFERENCES users(id),
  retired_at TEXT,
  -- Edits of a draft carry the revision they saw; a stale one is refused.
  revision INTEGER NOT NULL DEFAULT 1
);
-- Exactly one active rule set at a time.
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets(status) WHERE status = 'active';

CREATE TABLE rescore_jobs (
  id TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('ruleset_activation', 'daily', 'manual')),
  rule_set_id TEXT REFERENCES rule_sets(id),
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  rule_set_id TEXT NOT NULL REFERENCES rule_sets(id),
  rule_set_version INTEGER NOT NULL,
  score INTEGER NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('none', 'blue', 'yellow', 'orange', 'red')),
  warn INTEGER NOT NULL CHECK (warn IN (0, 1)),
  facts_json TEXT NOT NULL,
  trace_json TEXT NOT NULL,
  -- What caused it: a flag, a case change, a rule-set activation, the daily run, a petition.
  cause TEXT NOT NULL,
  -- Set for assessments made by a re-scoring job: a batch delivered twice writes nothing more.
  job_id TEXT REFERENCES rescore_jobs(id),
  assessed_at TEXT NOT NULL
);
CREATE INDEX assessments_case ON assessments(case_id, assessed_at);
CREATE UNIQUE INDEX assessments_once_per_job ON assessments(case_id, job_id) WHERE job_id IS NOT NULL;

-- The current assessment, kept on the case for lists, filters and sorting.
ALTER TABLE cases ADD COLUMN assessment_id TEXT REFERENCES assessments(id);
ALTER TABLE cases ADD COLUMN score INTEGER;
ALTER TABLE cases ADD COLUMN level TEXT CHECK (level IN ('none', 'blue', 'yellow', 'orange', 'red'));
CREATE INDEX cases_level ON cases(level, score);

CREATE TABLE warnings (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  -- The court whose petition office handles it: the case's court, or above after escalation.
  court_id INTEGER NOT NULL REFERENCES courts(id),
  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'proposed', 'scheduled', 'in_followup', 'resolved', 'dismissed')),
  level TEXT NOT NULL CHECK (level IN ('none', 'blue', 'yellow', 'orange', 'red')),
  score INTEGER NOT NULL,
  owner_id TEXT REFERENCES users(id),
  leader_id TEXT REFERENCES users(id),
  -- When raised or last reopened: the review deadline counts from here.
  raised_at TEXT NOT NULL,
  due_at TEXT,
  escalated_at TEXT,
  escalations INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('petition_ceased', 'mediated', 'judicial_assistance', 'terminated_lawfully', 'other')),
  reason TEXT,
  closed_at TEXT,
  level_at_close TEXT CHECK (level_at_close IN ('none', 'blue', 'yellow', 'orange', 'red')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One open (not resolved, not dismissed) warning per case.
CREATE UNIQUE INDEX warnings_one_open ON warnings(case_id) WHERE state NOT IN ('resolved', 'dismissed');
CREATE INDEX warnings_case ON warnings(case_id, created_at);
CREATE INDEX warnings_queue ON warnings(state, level, due_at);
CREATE INDEX warnings_court ON warnings(court_id, state);

-- The warning's append-only timeline: who, when, what, why.
CREATE TABLE warning_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  warning_id TEXT NOT NULL REFERENCES warnings(id),
  at TEXT NOT NULL,
  actor_id TEXT REFERENCES users(id),
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  from_level TEXT,
  to_level TEXT,
  note TEXT NOT NULL DEFAULT '',
  data_json TEXT
);
CREATE INDEX warning_events_warning ON warning_events(warning_id, id);
CREATE TRIGGER warning_events_no_update BEFORE UPDATE ON warning_events
BEGIN SELECT RAISE(ABORT, 'warning_events is append-only'); END;
CREATE TRIGGER warning_events_no_delete BEFORE DELETE ON warning_events
BEGIN SELECT RAISE(ABORT, 'warning_events is append-only'); END;

-- The default rule set of domain.md §6, active from the start (test/domain/rules-migration.test.ts
-- keeps this document equal to src/domain/rules/default-rule-set.ts).
INSERT INTO rule_sets (id, version, name, status, document, note, created_at, updated_at, activated_at)
VALUES ('ruleset-default-v1', 1, '默认规则', 'active',
  '{"name":"默认规则","thresholds":{"red":11,"orange":6,"yellow":3,"blue":1},"warnAt":"yellow","rules":[{"id":"group-dispute","label":"群体性纠纷","labelEn":"Group dispute","when":{"fact":"flags","op":"has","value":"GROUP_DISPUTE"},"points":5},{"id":"illegal-fundraising","label":"涉众型经济犯罪 / 非法集资","labelEn":"Mass economic crime / illegal fundraising","when":{"fact":"flags","op":"has","value":"ILLEGAL_FUNDRAISING"},"points":5},{"id":"wage-arrears","label":"拖欠劳动报酬（农民工工资）","labelEn":"Unpaid wages (migrant workers)","when":{"fact":"flags","op":"has","value":"WAGE_ARREARS"},"points":4},{"id":"land-requisition","label":"征地拆迁补偿","labelEn":"Land requisition and demolition compensation","when":{"fact":"flags","op":"has","value":"LAND_REQUISITION"},"points":4},{"id":"threat-extreme","label":"扬言自杀、自伤或其他极端行为","labelEn":"Threatens suicide, self-harm or other extreme acts","when":{"fact":"flags","op":"has","value":"THREAT_EXTREME"},"level":"red"},{"id":"threat-petition","label":"扬言上访、越级访","labelEn":"Threatens to petition or to skip levels","when":{"fact":"flags","op":"has","value":"THREAT_PETITION"},"points":3},{"id":"prior-petition","label":"有信访经历","labelEn":"Has petitioned before","when":{"fact":"flags","op":"has","value":"PRIOR_PETITION"},"points":3},{"id":"media-attention","label":"舆情 / 媒体关注","labelEn":"Public opinion / media attention","when":{"fact":"flags","op":"has","value":"MEDIA_ATTENTION"},"points":3},{"id":"death-or-serious-injury","label":"涉及死亡或重伤","labelEn":"Death or serious injury involved","when":{"fact":"flags","op":"has","value":"DEATH_OR_SERIOUS_INJURY"},"points":3},{"id":"extreme-emotion","label":"情绪激烈、矛盾尖锐","labelEn":"Strong emotions, sharp conflict","when":{"fact":"flags","op":"has","value":"EXTREME_EMOTION"},"points":2},{"id":"vulnerable-party","label":"涉及弱势群体（老人、残疾人、未成年人、农民工）","labelEn":"Vulnerable party (elderly, disabled, minor, migrant worker)","when":{"fact":"flags","op":"has","value":"VULNERABLE_PARTY"},"points":2},{"id":"economic-hardship","label":"当事人生活困难","labelEn":"Party in economic hardship","when":{"fact":"flags","op":"has","value":"ECONOMIC_HARDSHIP"},"points":2},{"id":"enforcement-impossible","label":"执行不能（无财产可供执行）","labelEn":"Enforcement impossible (no assets)","when":{"fact":"flags","op":"has","value":"ENFORCEMENT_IMPOSSIBLE"},"points":2},{"id":"procedure-complaint","label":"对办案程序或办案人员不满","labelEn":"Complaint about procedure or court staff","when":{"fact":"flags","op":"has","value":"PROCEDURE_COMPLAINT"},"points":2},{"id":"complex-or-new-type","label":"新类型、疑难复杂或敏感案件","labelEn":"New-type, complex or sensitive case","when":{"fact":"flags","op":"has","value":"COMPLEX_OR_NEW_TYPE"},"points":2},{"id":"unrealistic-demand","label":"诉求明显过高","labelEn":"Clearly excessive demands","when":{"fact":"flags","op":"has","value":"UNREALISTIC_DEMAND"},"points":1},{"id":"parties-100","label":"当事人百人以上","labelEn":"100 or more parties","when":{"fact":"partyCount","op":">=","value":100},"level":"red"},{"id":"parties-10","label":"当事人十人以上","labelEn":"10 or more parties","when":{"fact":"partyCount","op":">=","value":10},"points":2},{"id":"pending-180","label":"审理超过半年","labelEn":"Pending over six months","when":{"fact":"daysPending","op":">","value":180},"points":1},{"id":"pending-365","label":"审理超过一年","labelEn":"Pending over a year","when":{"fact":"daysPending","op":">","value":365},"points":2},{"id":"petitions-12m","label":"一年内信访两次以上","labelEn":"Two or more petitions in 12 months","when":{"fact":"petitions12m","op":">=","value":2},"points":3},{"id":"petitions-7d","label":"七日内信访两次以上","labelEn":"Two or more petitions in 7 days","when":{"fact":"petitions7d","op":">=","value":2},"level":"orange"},{"id":"amount-1m","label":"标的额百万元以上","labelEn":"Amount in dispute ¥1,000,000 or more","when":{"fact":"amountInDispute","op":">=","value":1000000},"points":1}]}',
  '随系统安装的默认规则（domain.md §6）', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
