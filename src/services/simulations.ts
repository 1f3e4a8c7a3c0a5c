/**
 * Simulating a rule set: what would change if it were active. The request stores the simulation
 * (the draft as it is, the active set it is compared with, the day, the author's scope) and
 * enqueues it; the queue evaluates the open cases of the scope in chunks (services/job-queue.ts),
 * adding each chunk's counts to the stored ones. Nothing else is written: no assessment, no warning.
 */
import { caseFacts } from '../domain/case-facts.ts';
import { emptyTally, tallyCases, type SimulationChange, type SimulationTally } from '../domain/rules/simulation.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import { auditStatement } from '../db/audit.ts';
import { chunkDoneStatements, chunkQuery } from '../db/job-chunks.ts';
import { type Db, readAll } from '../db/query.ts';
import { activeRuleSetQuery, ruleSetQuery, type RuleSetRow } from '../db/rulesets.ts';
import { caseScope, singleCourtScope } from '../db/scope.ts';
import { openCaseCountSql, rangeEndsQuery } from '../db/scoring.ts';
import {
  addTallyStatements,
  againstRuleSetQuery,
  insertSimulationStatement,
  latestSimulationChangesQuery,
  latestSimulationQuery,
  levelCounts,
  simulationChangesQuery,
  simulationQuery,
  type SimulationRow,
} from '../db/simulations.ts';
import { notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { newId } from '../security/tokens.ts';
import { authorize } from './authorize.ts';
import { CHUNK, chunkKey, layOutRanges, RANGES_PER_PLAN, sendAll, splitRange, type JobQueue, type SimulationMessage } from './job-queue.ts';
import { loadRuleSet, scoringQueries, scoringState } from './scoring.ts';
import { withReplan, write } from './write.ts';

export type { SimulationChange };

/** What the simulation found (when it is done): the tally, the changes the first 200 of them. */
export interface Simulation extends SimulationTally {
  ruleSet: { id: string; version: number };
  against: { id: string; version: number };
}

/** A simulation as the page and the API show it: its progress, and its result once done. */
export interface SimulationJob {
  id: string;
  ruleSet: { id: string; version: number; revision: number };
  against: { id: string; version: number };
  status: 'running' | 'done';
  /** The Shanghai day whose facts are evaluated (the day it began). */
  day: string;
  /** Open cases of the scope when it began (once done: the cases evaluated). */
  total: number;
  done: number;
  createdAt: string;
  finishedAt: string | null;
  result: Simulation | null;
}

export function simulationJob(row: SimulationRow, changes: SimulationChange[]): SimulationJob {
  const finished = row.finished_at !== null;
  return {
    id: row.id,
    ruleSet: { id: row.rule_set_id, version: row.rule_set_version, revision: row.rule_set_revision },
    against: { id: row.against_id, version: row.against_version },
    status: finished ? 'done' : 'running',
    day: row.day,
    total: row.total,
    done: row.done,
    createdAt: shanghaiIso(row.created_at),
    finishedAt: row.finished_at ? shanghaiIso(row.finished_at) : null,
    result: finished
      ? {
          ruleSet: { id: row.rule_set_id, version: row.rule_set_version },
          against: { id: row.against_id, version: row.against_version },
          casesEvaluated: row.done,
          levelsBefore: levelCounts(row, 'before'),
          levelsAfter: levelCounts(row, 'after'),
          casesChanged: row.cases_changed,
          openWarningsChanged: row.open_warnings_changed,
          newWarnings: row.new_warnings,
          changes,
        }
      : null,
  };
}

/**
 * Starts simulating a rule set over the open cases in the caller's scope, on today's facts,
 * against the set active now: one read, one write (the simulation and its audit row), one message.
 */
export async function startSimulation(db: Db, queue: JobQueue, user: CurrentUser, ruleSetId: string): Promise<SimulationJob> {
  authorize(user, 'simulateRuleSets');
  const r = await readAll(db, { row: ruleSetQuery(db, ruleSetId), active: activeRuleSetQuery(db) });
  if (!r.row) throw notFound();
  if (!r.active) throw new Error('no active rule set');
  const id = newId();
  const now = new Date().toISOString();
  const day = shanghaiDay();
  const scope = { roles: user.roles, courtId: user.courtId, courtPath: user.courtPath };
  const results = await write(db, [
    insertSimulationStatement(db, {
      id,
      ruleSet: { id: r.row.id, version: r.row.version, revision: r.row.revision, document: r.row.document },
      against: { id: r.active.id, version: r.active.version },
      createdBy: user.id,
      day,
      total: openCaseCountSql(scope),
      now,
    }),
    auditStatement(db, {
      actorId: user.id,
      via: user.via,
      courtId: user.courtId,
      action: 'ruleset.simulate',
      entity: 'ruleset',
      entityId: r.row.id,
      after: { simulation: id, version: r.row.version, revision: r.row.revision, against: r.active.version },
      at: now,
    }),
  ]);
  await sendAll(queue, [{ kind: 'simulation', jobId: id, scope, day, step: 'plan', after: '' }]);
  const total = (results[0]?.results?.[0] as { total?: number } | undefined)?.total ?? 0;
  const row = { id, rule_set_id: r.row.id, rule_set_version: r.row.version, rule_set_revision: r.row.revision, against_id: r.active.id, against_version: r.active.version };
  return simulationJob({ ...row, day, total, done: 0, created_at: now, finished_at: null } as SimulationRow, []);
}

/** One simulation of the caller's (404 for anyone else's: its cases are of its author's scope). */
export async function loadSimulation(db: Db, user: CurrentUser, id: string): Promise<SimulationJob> {
  authorize(user, 'simulateRuleSets');
  const r = await readAll(db, { sim: simulationQuery(db, id), changes: simulationChangesQuery(db, id) });
  if (!r.sim || r.sim.created_by !== user.id) throw notFound();
  return simulationJob(r.sim, r.changes);
}

/** The caller's latest simulation of a rule set, as queries for the page's one round trip. */
export function latestSimulationQueries(db: Db, ruleSetId: string, userId: string) {
  return { sim: latestSimulationQuery(db, ruleSetId, userId), simChanges: latestSimulationChangesQuery(db, ruleSetId, userId) };
}

/**
 * The queue consumer's work for one message of a simulation, in one read round trip and one write
 * batch: a planning message lays out ranges of the scope's open cases; a range is evaluated under
 * both sets and its counts and changes are added to the simulation with the chunk's record (a
 * message delivered twice adds nothing).
 */
export async function simulationStep(db: Db, queue: JobQueue, msg: SimulationMessage): Promise<{ evaluated: number; skipped: boolean }> {
  const key = chunkKey(msg);
  const scope = { ...caseScope(msg.scope), singleCourt: singleCourtScope(msg.scope) };
  const outcome = await withReplan(async () => {
    const at = new Date().toISOString();
    if (msg.step === 'plan') {
      const r = await readAll(db, {
        sim: simulationQuery(db, msg.jobId),
        chunk: chunkQuery<SimulationMessage>(db, msg.jobId, key),
        found: rangeEndsQuery(db, { after: msg.after, size: CHUNK, count: RANGES_PER_PLAN, scope }),
      });
      if (!r.sim) throw new Error(`simulation ${msg.jobId}: no such simulation`);
      if (r.chunk.done) return { evaluated: 0, skipped: true, send: r.chunk.unsent };
      const next = layOutRanges(msg, r.found);
      await write(db, chunkDoneStatements(db, 'rule_set_simulations', { jobId: msg.jobId, key, next, done: 0, now: at }));
      return { evaluated: 0, skipped: false, send: next.map((n) => n.body) };
    }
    const { rules: _active, ...queries } = scoringQueries(db, { after: msg.after, until: msg.until, limit: CHUNK + 1, scope }, msg.day);
    const { sim, against, chunk, ...reads } = await readAll(db, {
      sim: simulationQuery(db, msg.jobId),
      against: againstRuleSetQuery(db, msg.jobId),
      chunk: chunkQuery<SimulationMessage>(db, msg.jobId, key),
      ...queries,
    });
    if (!sim || !against) throw new Error(`simulation ${msg.jobId}: no such simulation`);
    if (chunk.done) return { evaluated: 0, skipped: true, send: chunk.unsent };
    const active = loadRuleSet(against);
    // The draft as it was when the simulation began (it may be edited meanwhile).
    const candidate = loadRuleSet({ ...against, id: `simulation:${sim.id}`, version: sim.rule_set_version, revision: sim.rule_set_revision, document: sim.document } as RuleSetRow);
    const state = scoringState(reads, active, msg.day);
    const { ids, next } = splitRange(msg, [...state.cases.keys()]);
    const cases = ids.map((id) => {
      const c = state.cases.get(id)!;
      const open = state.warnings.get(id)?.open ?? null;
      return { id, caseNumber: c.caseNumber, facts: caseFacts(c, msg.day), openWarning: open ? { id: open.id, state: open.state } : null };
    });
    const tally = tallyCases(emptyTally(), cases, active.compiled, candidate.compiled);
    await write(db, [
      ...addTallyStatements(db, msg.jobId, tally),
      ...chunkDoneStatements(db, 'rule_set_simulations', { jobId: msg.jobId, key, next, done: ids.length, now: at }),
    ]);
    return { evaluated: ids.length, skipped: false, send: next.map((n) => n.body) };
  });
  await sendAll(queue, outcome.send);
  return { evaluated: outcome.evaluated, skipped: outcome.skipped };
}
