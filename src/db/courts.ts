import { type Db, many, one, type Query, run } from './query.ts';
export type CourtLevel = 'high' | 'intermediate' | 'basic';

export interface CourtRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  level: CourtLevel;
  parent_id: number | null;
  path: string;
  has_video_room: number;
}

const COLUMNS = 'id, code, name, name_en, level, parent_id, path, has_video_room';

export function courtByCodeQuery(db: Db, code: string): Query<CourtRow | null> {
  return one<CourtRow>(db.prepare(`SELECT ${COLUMNS} FROM courts WHERE code = ?`).bind(code));
}

export function courtQuery(db: Db, id: number): Query<CourtRow | null> {
  return one<CourtRow>(db.prepare(`SELECT ${COLUMNS} FROM courts WHERE id = ?`).bind(id));
}

export async function getCourt(db: Db, id: number): Promise<CourtRow | null> {
  return run(db, courtQuery(db, id));
}

/** The court above a court — or above the court handling a warning — if any. */
export function parentCourtQuery(db: Db, of: number | { warningId: string }): Query<CourtRow | null> {
  const court = typeof of === 'number' ? '?' : '(SELECT court_id FROM warnings WHERE id = ?)';
  return one<CourtRow>(
    db.prepare(`SELECT ${COLUMNS} FROM courts WHERE id = (SELECT parent_id FROM courts WHERE id = ${court})`).bind(typeof of === 'number' ? of : of.warningId),
  );
}

/** The court at `path` and every court below it, ordered so parents come before children. */
export function courtSubtreeQuery(db: Db, path: string): Query<CourtRow[]> {
  return many<CourtRow>(db.prepare(`SELECT ${COLUMNS} FROM courts WHERE path LIKE ? ORDER BY length(path), code`).bind(`${path}%`));
}

export async function listCourtSubtree(db: Db, path: string): Promise<CourtRow[]> {
  return run(db, courtSubtreeQuery(db, path));
}

export interface CourtNode {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  level: CourtLevel;
  hasVideoRoom: boolean;
  children: CourtNode[];
}

/** Builds the tree from rows ordered parents-first; rows whose parent is absent become roots. */
export function courtTree(rows: CourtRow[]): CourtNode[] {
  const byId = new Map<number, CourtNode>();
  const roots: CourtNode[] = [];
  for (const r of rows) {
    const node: CourtNode = {
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      level: r.level,
      hasVideoRoom: r.has_video_room === 1,
      children: [],
    };
    byId.set(r.id, node);
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
