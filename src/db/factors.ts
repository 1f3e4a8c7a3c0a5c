import type { Level } from '../domain/levels.ts';

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

export async function listFactors(db: D1Database, options: { activeOnly?: boolean } = {}): Promise<FactorRow[]> {
  const { results } = await db
    .prepare(
      `SELECT code, name_zh, name_en, default_points, forces_level, usually_by, active, sort_order, version
       FROM risk_factors ${options.activeOnly ? 'WHERE active = 1' : ''} ORDER BY sort_order, code`,
    )
    .all<FactorRow>();
  return results;
}

export async function getFactor(db: D1Database, code: string): Promise<FactorRow | null> {
  return db
    .prepare(
      'SELECT code, name_zh, name_en, default_points, forces_level, usually_by, active, sort_order, version FROM risk_factors WHERE code = ?',
    )
    .bind(code)
    .first<FactorRow>();
}
