import type { Level } from '../domain/levels.ts';
import { type Db, many, one, type Query, run } from './query.ts';

export interface FactorRow {
  code: string;
  name_zh: string;
  name_en: string;
  default_points: number | null;
  forces_level: Exclude<Level, 'none'> | null;
  usually_by: 'trial' | 'enforcement' | 'trial_enforcement' | 'any';
  active: number;
  sort_order: number;
  version: number;
}

const COLUMNS = 'code, name_zh, name_en, default_points, forces_level, usually_by, active, sort_order, version';

export function factorsQuery(db: Db, options: { activeOnly?: boolean } = {}): Query<FactorRow[]> {
  return many<FactorRow>(db.prepare(`SELECT ${COLUMNS} FROM risk_factors ${options.activeOnly ? 'WHERE active = 1' : ''} ORDER BY sort_order, code`));
}

export async function listFactors(db: Db, options: { activeOnly?: boolean } = {}): Promise<FactorRow[]> {
  return run(db, factorsQuery(db, options));
}

export function factorQuery(db: Db, code: string): Query<FactorRow | null> {
  return one<FactorRow>(db.prepare(`SELECT ${COLUMNS} FROM risk_factors WHERE code = ?`).bind(code));
}
