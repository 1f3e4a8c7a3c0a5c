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

export async function getCourtByCode(db: D1Database, code: string): Promise<CourtRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM courts WHERE code = ?`).bind(code).first<CourtRow>();
}

export async function getCourt(db: D1Database, id: number): Promise<CourtRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM courts WHERE id = ?`).bind(id).first<CourtRow>();
}

/** The court at `path` and every court below it, ordered so parents come before children. */
export async function listCourtSubtree(db: D1Database, path: string): Promise<CourtRow[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM courts WHERE path LIKE ? ORDER BY length(path), code`)
    .bind(`${path}%`)
    .all<CourtRow>();
  return results;
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
