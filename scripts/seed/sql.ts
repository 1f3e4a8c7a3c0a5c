/**
 * Renders seed rows as SQL: INSERTs of batches of rows, every value a literal (strings quoted
 * with single quotes doubled, NULL, finite numbers). Identifiers are checked, never quoted from
 * data. The output applies with `wrangler d1 execute --file`; it has no explicit transaction,
 * which D1 does not accept in a file.
 *
 * - A batch holds at most `batchSize` rows and stays under MAX_STATEMENT_BYTES: D1 refuses a
 *   statement over 100 kB, and a row with long text (a petition's, a meeting's) can carry several kB.
 * - A table with `updateBy` is rendered as one UPDATE per row: its `updateBy` column selects the
 *   row, the other columns are set. The seed fills `cases.assessment_id` that way, once the
 *   assessments that reference the cases exist (D1 enforces foreign keys in both directions).
 */
import type { SeedRows, SeedTable, SeedValue } from './demo.ts';

export const DEFAULT_BATCH_SIZE = 50;
/** Below D1's 100,000-byte limit on one SQL statement, with room to spare. */
export const MAX_STATEMENT_BYTES = 90_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const utf8 = new TextEncoder();

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

function columnsOf({ table, rows }: SeedTable): string[] {
  const columns = Object.keys(rows[0]!);
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) {
      throw new Error(`rows of ${table} do not all have the same columns`);
    }
  }
  return columns;
}

function renderUpdates(t: SeedTable, columns: string[], key: string): string[] {
  if (!columns.includes(key)) throw new Error(`rows of ${t.table} lack their key column ${key}`);
  const set = columns.filter((c) => c !== key);
  if (set.length === 0) throw new Error(`rows of ${t.table} update nothing`);
  return t.rows.map(
    (row) =>
      `UPDATE ${identifier(t.table)} SET ${set.map((c) => `${identifier(c)} = ${sqlLiteral(row[c] ?? null)}`).join(', ')} ` +
      `WHERE ${identifier(key)} = ${sqlLiteral(row[key] ?? null)};`,
  );
}

function renderInserts(t: SeedTable, columns: string[], batchSize: number): string[] {
  const head = `INSERT INTO ${identifier(t.table)} (${columns.map(identifier).join(', ')}) VALUES`;
  const headBytes = utf8.encode(head).length + 2;
  const out: string[] = [];
  let values: string[] = [];
  let bytes = headBytes;
  const flush = () => {
    if (values.length) out.push(`${head}\n${values.join(',\n')};`);
    values = [];
    bytes = headBytes;
  };
  for (const row of t.rows) {
    const value = `  (${columns.map((c) => sqlLiteral(row[c] ?? null)).join(', ')})`;
    const size = utf8.encode(value).length + 2;
    if (headBytes + size > MAX_STATEMENT_BYTES) throw new Error(`a row of ${t.table} alone exceeds ${MAX_STATEMENT_BYTES} bytes`);
    if (values.length === batchSize || bytes + size > MAX_STATEMENT_BYTES) flush();
    values.push(value);
    bytes += size;
  }
  flush();
  return out;
}

export function renderSql(rows: SeedRows, options: { batchSize?: number; header?: string } = {}): string {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const out: string[] = [];
  if (options.header) out.push(...options.header.split('\n').map((l) => `-- ${l}`.trimEnd()), '');
  for (const t of rows) {
    if (t.rows.length === 0) continue;
    const columns = columnsOf(t);
    out.push(...(t.updateBy ? renderUpdates(t, columns, t.updateBy) : renderInserts(t, columns, batchSize)), '');
  }
  return out.join('\n');
}
