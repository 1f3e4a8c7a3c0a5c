/**
 * Renders seed rows as SQL: one INSERT per batch of rows, every value a literal (strings quoted
 * with single quotes doubled, NULL, finite numbers). Identifiers are checked, never quoted from
 * data. The output applies with `wrangler d1 execute --file`; it has no explicit transaction,
 * which D1 does not accept in a file.
 */
import type { SeedRows, SeedValue } from './demo.ts';

export const DEFAULT_BATCH_SIZE = 50;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function sqlLiteral(value: SeedValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value !== 'string') throw new Error(`unsupported value: ${String(value)}`);
  // SQLite string literals have no backslash escapes; only the quote itself is doubled. A NUL
  // would end the string early in some clients, so it is refused rather than mangled.
  if (value.includes('\0')) throw new Error('NUL in a string value');
  return `'${value.replace(/'/g, "''")}'`;
}

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

export function renderSql(rows: SeedRows, options: { batchSize?: number; header?: string } = {}): string {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const out: string[] = [];
  if (options.header) out.push(...options.header.split('\n').map((l) => `-- ${l}`.trimEnd()), '');
  for (const { table, rows: tableRows } of rows) {
    if (tableRows.length === 0) continue;
    const columns = Object.keys(tableRows[0]!);
    for (const row of tableRows) {
      const keys = Object.keys(row);
      if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) {
        throw new Error(`rows of ${table} do not all have the same columns`);
      }
    }
    const head = `INSERT INTO ${identifier(table)} (${columns.map(identifier).join(', ')}) VALUES`;
    for (let i = 0; i < tableRows.length; i += batchSize) {
      const values = tableRows
        .slice(i, i + batchSize)
        .map((row) => `  (${columns.map((c) => sqlLiteral(row[c] ?? null)).join(', ')})`);
      out.push(`${head}\n${values.join(',\n')};`);
    }
    out.push('');
  }
  return out.join('\n');
}
