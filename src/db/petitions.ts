/**
 * The petition register over D1: rows, the register's list, possible repeats, a case's petitions,
 * and the statements of a petition write with the roll-up deltas of the same batch.
 */
import type { CaseCategory } from '../domain/case-number.ts';
import type { Level } from '../domain/levels.ts';
import type { ComplaintType, HandlingOutcome, HandlingState, PetitionChannel } from '../domain/petitions/kinds.ts';
import type { PetitionRecord } from '../domain/petitions/record.ts';
import { monthlyRollupOf, TALLY_FIELDS, type RollupRow, type Tally } from '../domain/stats/rollup.ts';
import { expectOneRowChanged } from './batch.ts';
import { type Db, many, mapped, one, type Query } from './query.ts';

export interface PetitionRow {
  id: string;
  channel: PetitionChannel;
  received_on: string;
  court_id: number;
  persons: number;
  petitioner_name: string;
  petitioner_id_number: string | null;
  case_id: string | null;
  complaint_type: ComplaintType;
  lawyer_interview: number;
  lawyer_representation: number;
  lawyer_resolution: number;
  assistance_applied: number;
  assistance_approved: number;
  assistance_amount: number;
  state: HandlingState;
  outcome: HandlingOutcome | null;
  note: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  court_code: string;
  court_name: string;
  court_name_en: string | null;
  court_path: string;
  case_number: string | null;
  case_court_path: string | null;
  case_category: CaseCategory | null;
  created_by_name: string | null;
}

/** A petition with its linked case's current risk, for its page. */
export interface PetitionPageRow extends PetitionRow {
  case_level: Level | null;
  case_score: number | null;
  case_warning_id: string | null;
}

const SELECT = `SELECT p.*, ct.code AS court_code, ct.name AS court_name, ct.name_en AS court_name_en, ct.path AS court_path,
  k.case_number AS case_number, kc.path AS case_court_path, k.category AS case_category, u.display_name AS created_by_name
  FROM petitions p JOIN courts ct ON ct.id = p.court_id
  LEFT JOIN cases k ON k.id = p.case_id LEFT JOIN courts kc ON kc.id = k.court_id
  LEFT JOIN users u ON u.id = p.created_by`;

/** Any petition by id, unscoped: callers check scope on the row. */
export function petitionQuery(db: Db, id: string): Query<PetitionRow | null> {
  return one<PetitionRow>(db.prepare(`${SELECT} WHERE p.id = ?`).bind(id));
}

/** A petition with its case's level, score and open warning. */
export function petitionPageQuery(db: Db, id: string): Query<PetitionPageRow | null> {
  return one<PetitionPageRow>(
    db
      .prepare(
        SELECT.replace(
          'u.display_name AS created_by_name',
          `u.display_name AS created_by_name, k.level AS case_level, k.score AS case_score,
           (SELECT w.id FROM warnings w WHERE w.case_id = k.id AND w.state NOT IN ('resolved', 'dismissed')) AS case_warning_id`,
        ) + ' WHERE p.id = ?',
      )
      .bind(id),
  );
}

/** The register's filters (the scope is a court path: that court and every court below it). */
export interface PetitionListFilter {
  scopePath: string;
  /** One court (asked for, or the scope when it is a single court): its own index serves the page. */
  courtId?: number;
  channel?: PetitionChannel;
  from?: string;
  to?: string;
  linked?: 'linked' | 'unlinked';
  complaintType?: ComplaintType;
  limit: number;
  offset: number;
}

/**
 * One page of the register, newest first (`limit` rows; ask for one more to know whether another
 * page follows). The page's rows are found first on an index that is already in that order — the
 * court's (court_id, received_on, created_at), the linked petitions' (received_on, case_id), or the
 * whole register's (received_on, created_at, court_id), which also holds the court to test the
 * scope — and only those rows are joined: no sort of the scope's petitions, however many.
 * There is no total: counting a filtered million rows on every page would cost more than the page.
 */
export function listPetitions(db: Db, f: PetitionListFilter): Query<PetitionRow[]> {
  const where = ['p.court_id IN (SELECT id FROM courts WHERE path LIKE ?)'];
  const binds: (string | number)[] = [`${f.scopePath}%`];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    binds.push(...values);
  };
  if (f.courtId !== undefined) add('p.court_id = ?', f.courtId);
  if (f.channel) add('p.channel = ?', f.channel);
  if (f.from) add('p.received_on >= ?', f.from);
  if (f.to) add('p.received_on <= ?', f.to);
  if (f.linked === 'linked') add('p.case_id IS NOT NULL');
  if (f.linked === 'unlinked') add('p.case_id IS NULL');
  if (f.complaintType) add('p.complaint_type = ?', f.complaintType);
  const index = f.courtId !== undefined ? 'petitions_court_day' : f.linked === 'linked' ? 'petitions_linked_day' : 'petitions_day';
  const order = 'p.received_on DESC, p.created_at DESC, p.rowid DESC';
  return many<PetitionRow>(
    db
      .prepare(
        `${SELECT} JOIN (SELECT p.rowid AS rid FROM petitions p INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?) pg
           ON pg.rid = p.rowid ORDER BY ${order}`,
      )
      .bind(...binds, f.limit, f.offset),
  );
}

/** A candidate for a possible repeat, with what the office needs to recognise it. */
export interface RepeatCandidateRow {
  id: string;
  received_on: string;
  petitioner_id_number: string | null;
  petitioner_name: string;
  case_id: string | null;
  case_number: string | null;
  channel: PetitionChannel;
  court_name: string;
  court_name_en: string | null;
}

/**
 * Petitions in the scope received within the window by the same identity number, or about the same
 * case (given by id, or by its number when the id is not known yet). Each side is served by its own
 * index (petitions_petitioner, petitions_case).
 */
export function repeatCandidatesQuery(
  db: Db,
  q: { scopePath: string; from: string; to: string; idNumber: string | null; caseId?: string | null; caseNumber?: string | null },
): Query<RepeatCandidateRow[]> {
  const caseSide = q.caseId ? '?' : '(SELECT id FROM cases WHERE case_number = ?)';
  return many<RepeatCandidateRow>(
    db
      .prepare(
        `SELECT p.id, p.received_on, p.petitioner_id_number, p.petitioner_name, p.case_id, k.case_number, p.channel,
           ct.name AS court_name, ct.name_en AS court_name_en
         FROM petitions p JOIN courts ct ON ct.id = p.court_id LEFT JOIN cases k ON k.id = p.case_id
         WHERE ((p.petitioner_id_number = ? AND p.received_on BETWEEN ? AND ?) OR (p.case_id = ${caseSide} AND p.received_on BETWEEN ? AND ?))
           AND p.court_id IN (SELECT id FROM courts WHERE path LIKE ?)
         ORDER BY p.received_on LIMIT 50`,
      )
      .bind(q.idNumber, q.from, q.to, q.caseId ?? q.caseNumber ?? null, q.from, q.to, `${q.scopePath}%`),
  );
}

export interface CasePetitionRow {
  id: string;
  received_on: string;
  channel: PetitionChannel;
  complaint_type: ComplaintType;
  state: HandlingState;
  court_name: string;
  court_name_en: string | null;
}

/** A case's petitions, newest first — for its page: never the petitioner's identity. */
export function casePetitionsQuery(db: Db, caseId: string): Query<CasePetitionRow[]> {
  return many<CasePetitionRow>(
    db
      .prepare(
        `SELECT p.id, p.received_on, p.channel, p.complaint_type, p.state, ct.name AS court_name, ct.name_en AS court_name_en
         FROM petitions p JOIN courts ct ON ct.id = p.court_id WHERE p.case_id = ? ORDER BY p.received_on DESC, p.created_at DESC`,
      )
      .bind(caseId),
  );
}

/** A petition as written: the record with its id, link and who registered it. */
export interface PetitionWrite extends Omit<PetitionRecord, 'caseNumber'> {
  id: string;
  caseId: string | null;
}

const flag = (b: boolean) => (b ? 1 : 0);

/** A record as the petitions table's columns (all but id, version and the instants). */
export function petitionColumns(p: PetitionWrite) {
  return {
    channel: p.channel,
    received_on: p.receivedOn,
    court_id: p.courtId,
    persons: p.persons,
    petitioner_name: p.petitionerName,
    petitioner_id_number: p.petitionerIdNumber,
    case_id: p.caseId,
    complaint_type: p.complaintType,
    lawyer_interview: flag(p.lawyer.interview),
    lawyer_representation: flag(p.lawyer.representation),
    lawyer_resolution: flag(p.lawyer.resolution),
    assistance_applied: flag(p.assistance.applied),
    assistance_approved: flag(p.assistance.approved),
    assistance_amount: p.assistance.amount,
    state: p.state,
    outcome: p.outcome,
    note: p.note,
  };
}

export function insertPetitionStatement(db: Db, p: PetitionWrite, by: string, now: string): D1PreparedStatement {
  const c = { id: p.id, ...petitionColumns(p), version: 1, created_by: by, created_at: now, updated_at: now };
  const names = Object.keys(c);
  return db.prepare(`INSERT INTO petitions (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).bind(...Object.values(c));
}

/** The whole record from the version read; a stale version fails the batch (409). */
export function updatePetitionStatements(db: Db, p: PetitionWrite, version: number, now: string): D1PreparedStatement[] {
  const c = petitionColumns(p);
  const names = Object.keys(c);
  return [
    db
      .prepare(`UPDATE petitions SET ${names.map((n) => `${n} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`)
      .bind(...Object.values(c), now, p.id, version),
    expectOneRowChanged(db),
  ];
}

export function deletePetitionStatements(db: Db, id: string, version: number): D1PreparedStatement[] {
  return [db.prepare('DELETE FROM petitions WHERE id = ? AND version = ?').bind(id, version), expectOneRowChanged(db)];
}

/** The tally columns in TALLY_FIELDS order. */
const TALLY_COLUMNS = TALLY_FIELDS.map((f) => f.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`));

function upsert(db: Db, table: 'petition_daily' | 'petition_monthly', key: 'day' | 'month', k: [number, string, string], t: Tally): D1PreparedStatement[] {
  const statements = [
    db
      .prepare(
        `INSERT INTO ${table} (court_id, ${key}, channel, ${TALLY_COLUMNS.join(', ')}) VALUES (?, ?, ?, ${TALLY_COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT (court_id, ${key}, channel) DO UPDATE SET ${TALLY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      )
      .bind(...k, ...TALLY_FIELDS.map((f) => t[f])),
  ];
  // A row left counting no petition goes: the roll-up holds exactly the rows a direct count gives.
  if (t.cases < 0) statements.push(db.prepare(`DELETE FROM ${table} WHERE court_id = ? AND ${key} = ? AND channel = ? AND cases = 0`).bind(...k));
  return statements;
}

/** Applies a petition write's roll-up deltas (rollupDeltas) to the daily and the monthly roll-up. */
export function rollupStatements(db: Db, deltas: readonly RollupRow[]): D1PreparedStatement[] {
  return [
    ...deltas.flatMap((d) => upsert(db, 'petition_daily', 'day', [d.courtId, d.day, d.channel], d)),
    ...monthlyRollupOf(deltas).flatMap((m) => upsert(db, 'petition_monthly', 'month', [m.courtId, m.month, m.channel], m)),
  ];
}

/** Open cases with a linked petition received on one of these days (the daily run: windows left today). */
export function openCasesWithPetitionsOnQuery(db: Db, days: readonly string[]): Query<string[]> {
  return mapped(
    many<{ id: string }>(
      db
        .prepare(
          `SELECT DISTINCT c.id FROM petitions p JOIN cases c ON c.id = p.case_id
           WHERE p.case_id IS NOT NULL AND p.received_on IN (${days.map(() => '?').join(',')}) AND c.stage <> 'closed' ORDER BY c.id`,
        )
        .bind(...days),
    ),
    (rows) => rows.map((r) => r.id),
  );
}
