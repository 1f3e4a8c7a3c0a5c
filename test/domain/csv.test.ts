import { describe, expect, it } from 'vitest';
import { CSV_BOM, toCsv } from '../../src/export/csv.ts';

describe('CSV export', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv([['渠道', '件'], ['来信', 905]]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('渠道,件\r\n来信,905\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rhere']]).slice(1)).toBe('"a,b","say ""hi""","two\nlines","cr\rhere"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const line = toCsv([['=SUM(A1:A9)', '+86 931 1234', '-2+3+cmd', '@HYPERLINK("x")', '\tx', '\rx']]).slice(1);
    expect(line).toBe(`'=SUM(A1:A9),'+86 931 1234,'-2+3+cmd,"'@HYPERLINK(""x"")",'\tx,"'\rx"\r\n`);
  });

  it('leaves plain numbers alone, signed and in percent, so they stay numbers', () => {
    expect(toCsv([['-9.5%', '+3.0%', '-12', -9.5, 0]]).slice(1)).toBe('-9.5%,+3.0%,-12,-9.5,0\r\n');
  });

  it('writes empty cells for null, undefined and non-finite numbers', () => {
    expect(toCsv([[null, undefined, Number.NaN, Number.POSITIVE_INFINITY, '']]).slice(1)).toBe(',,,,\r\n');
  });
});
