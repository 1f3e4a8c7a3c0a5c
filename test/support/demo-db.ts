import { env } from 'cloudflare:test';
import type { SeedRows } from '../../scripts/seed/demo.ts';

/** Loads demo seed rows into this file's D1 (or `db`), table by table, in chunks (each batch is one transaction). */
export async function insertSeedRows(rows: SeedRows, db: D1Database = env.DB): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (const { table, rows: tableRows, updateBy } of rows) {
    for (const row of tableRows) {
      const columns = Object.keys(row);
      if (updateBy) {
        const set = columns.filter((c) => c !== updateBy);
        const sql = `UPDATE ${table} SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE ${updateBy} = ?`;
        statements.push(db.prepare(sql).bind(...set.map((c) => row[c] ?? null), row[updateBy] ?? null));
        continue;
      }
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      statements.push(db.prepare(sql).bind(...columns.map((c) => row[c] ?? null)));
    }
  }
  // In order and in chunks: later tables refer to earlier ones.
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}
