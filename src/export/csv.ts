/**
 * CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so Excel reads the Chinese,
 * CRLF line ends, and a field quoted when it holds a comma, a quote, CR or LF.
 *
 * Formula injection: a text cell starting with = + - @ tab or CR would be run as a formula by a
 * spreadsheet, so it gets a leading apostrophe — except a plain number written as text, such as
 * "-9.5%" or "+3.0%" or "-12", which stays as it is so the spreadsheet reads a number. Cells
 * given as numbers are written as numbers (a non-finite number becomes an empty cell).
 */
export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?%?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell)) return `'${cell}`;
  return cell;
}

export function csvField(cell: CsvCell): string {
  const text = cellText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
}
