/** Stored rule-set simulations: their progress, their counts and the first of the cases they move. */
import { LEVELS, type Level } from '../domain/levels.ts';
import { levelMove, SIMULATION_CHANGES_SHOWN, type SimulationChange, type SimulationTally } from '../domain/rules/simulation.ts';
import { type Db, many, mapped, one, type Query } from './query.ts';
import type { RuleSetRow } from './rulesets.ts';

export interface SimulationRow {
  id: string;
  rule_set_id: string;
  rule_set_version: number;
  rule_set_revision: number;
  document: string;
  against_id: string;
  against_version: number;
  created_by: string;
  day: string;
  total: number;
  done: number;
  pending: number;
  before_none: number;
  before_blue: number;
  before_yellow: number;
  before_orange: number;
  before_red: number;
  after_none: number;
  after_blue: number;
  after_yellow: number;
  after_orange: number;
  after_red: number;
  cases_changed: number;
  open_warnings_changed: number;
  new_warnings: number;
  created_at: string;
  finished_at: string | null;
}

/** A new simulation with one chunk laid out; its total is the open cases of the scope, counted in the same batch. */
export function insertSimulationStatement(
  db: Db,
  s: {
    id: string;
    ruleSet: { id: string; version: number; revision: number; document: string };
    against: { id: string; version: number };
    createdBy: string;
    day: string;
    total: { sql: string; binds: (string | number)[] };
    now: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO rule_set_simulations (id, rule_set_id, rule_set_version, rule_set_revision, document, against_id, against_version, created_by, day, total, pending, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ${s.total.sql}, 1, ? RETURNING total`,
    )
    .bind(s.id, s.ruleSet.id, s.ruleSet.version, s.ruleSet.revision, s.ruleSet.document, s.against.id, s.against.version, s.createdBy, s.day, ...s.total.binds, s.now);
}

export function simulationQuery(db: Db, id: string): Query<SimulationRow | null> {
  return one<SimulationRow>(db.prepare('SELECT * FROM rule_set_simulations WHERE id = ?').bind(id));
}

/** The rule set a simulation compares with (the one active when it began). */
export function againstRuleSetQuery(db: Db, simulationId: string): Query<RuleSetRow | null> {
  return one<RuleSetRow>(db.prepare('SELECT r.* FROM rule_sets r WHERE r.id = (SELECT against_id FROM rule_set_simulations WHERE id = ?)').bind(simulationId));
}

const LATEST = 'SELECT id FROM rule_set_simulations WHERE rule_set_id = ? AND created_by = ? ORDER BY created_at DESC LIMIT 1';

/** The caller's latest simulation of a rule set. */
export function latestSimulationQuery(db: Db, ruleSetId: string, userId: string): Query<SimulationRow | null> {
  return one<SimulationRow>(db.prepare(`SELECT * FROM rule_set_simulations WHERE id = (${LATEST})`).bind(ruleSetId, userId));
}

/** The changes of the caller's latest simulation of a rule set (read with it, in the same round trip). */
export function latestSimulationChangesQuery(db: Db, ruleSetId: string, userId: string): Query<SimulationChange[]> {
  return changesQuery(db, `(${LATEST})`, [ruleSetId, userId]);
}

/** The first SIMULATION_CHANGES_SHOWN changes of a simulation, in their order. */
export function simulationChangesQuery(db: Db, id: string): Query<SimulationChange[]> {
  return changesQuery(db, '?', [id]);
}

function changesQuery(db: Db, simulation: string, binds: string[]): Query<SimulationChange[]> {
  const rows = many<{
    case_id: string;
    case_number: string;
    level_from: Level;
    level_to: Level;
    score_from: number;
    score_to: number;
    warning_id: string | null;
    warning_state: string | null;
  }>(
    db
      .prepare(`SELECT * FROM rule_set_simulation_changes WHERE simulation_id = ${simulation} ORDER BY move DESC, case_number LIMIT ?`)
      .bind(...binds, SIMULATION_CHANGES_SHOWN),
  );
  return mapped(rows, (list) =>
    list.map((r) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      from: r.level_from,
      to: r.level_to,
      scoreFrom: r.score_from,
      scoreTo: r.score_to,
      warning: r.warning_id ? { id: r.warning_id, state: r.warning_state ?? '' } : null,
    })),
  );
}

export function levelCounts(row: SimulationRow, when: 'before' | 'after'): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, row[`${when}_${l}`]])) as Record<Level, number>;
}

/**
 * Adds a chunk's tally to the simulation: the counts in one statement, its changes in one (from
 * JSON, whatever their number), then only the first SIMULATION_CHANGES_SHOWN changes are kept.
 */
export function addTallyStatements(db: Db, id: string, t: SimulationTally): D1PreparedStatement[] {
  const counts = LEVELS.flatMap((l) => [`before_${l} = before_${l} + ?`, `after_${l} = after_${l} + ?`]);
  const statements = [
    db
      .prepare(`UPDATE rule_set_simulations SET ${counts.join(', ')}, cases_changed = cases_changed + ?, open_warnings_changed = open_warnings_changed + ?, new_warnings = new_warnings + ? WHERE id = ?`)
      .bind(...LEVELS.flatMap((l) => [t.levelsBefore[l], t.levelsAfter[l]]), t.casesChanged, t.openWarningsChanged, t.newWarnings, id),
  ];
  if (t.changes.length === 0) return statements;
  const rows = t.changes.map((c) => [c.caseId, c.caseNumber, c.from, c.to, c.scoreFrom, c.scoreTo, c.warning?.id ?? null, c.warning?.state ?? null, levelMove(c)]);
  statements.push(
    db
      .prepare(
        `INSERT INTO rule_set_simulation_changes (simulation_id, case_id, case_number, level_from, level_to, score_from, score_to, warning_id, warning_state, move)
         SELECT ?, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6, r.value ->> 7, r.value ->> 8
         FROM json_each(?) r`,
      )
      .bind(id, JSON.stringify(rows)),
    db
      .prepare(
        `DELETE FROM rule_set_simulation_changes WHERE simulation_id = ?1 AND case_id NOT IN (
           SELECT case_id FROM rule_set_simulation_changes WHERE simulation_id = ?1 ORDER BY move DESC, case_number LIMIT ?2)`,
      )
      .bind(id, SIMULATION_CHANGES_SHOWN),
  );
  return statements;
}
