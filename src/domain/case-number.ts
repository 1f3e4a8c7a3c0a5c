/**
 * Case numbers (案号), e.g. （2024）甘0102民初1234号: year in parentheses, court code, case-type
 * code, serial, 号. Either parenthesis width and surrounding spaces are accepted; the stored and
 * shown form uses full-width parentheses.
 */

export type CaseCategory = 'civil' | 'criminal' | 'administrative' | 'enforcement' | 'assistance' | 'compensation';

export const CASE_CATEGORIES: readonly CaseCategory[] = [
  'civil',
  'criminal',
  'administrative',
  'enforcement',
  'assistance',
  'compensation',
];

/** Case-type codes (类型代字) and the category each one decides. */
export const CASE_TYPE_CODES: Readonly<Record<string, CaseCategory>> = {
  民初: 'civil',
  民终: 'civil',
  民申: 'civil',
  民再: 'civil',
  民特: 'civil',
  民辖: 'civil',
  民监: 'civil',
  刑初: 'criminal',
  刑终: 'criminal',
  刑申: 'criminal',
  刑再: 'criminal',
  行初: 'administrative',
  行终: 'administrative',
  行申: 'administrative',
  行再: 'administrative',
  执: 'enforcement',
  执恢: 'enforcement',
  执异: 'enforcement',
  执复: 'enforcement',
  执保: 'enforcement',
  执监: 'enforcement',
  司救民: 'assistance',
  司救刑: 'assistance',
  司救执: 'assistance',
  司救访: 'assistance',
  司救行: 'assistance',
  国赔: 'compensation',
  赔: 'compensation',
};

/** Province-level abbreviations used as the first character of a court code; 最高法 is the Supreme People's Court. */
const PROVINCES = new Set('京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵'.split(''));
const SUPREME = '最高法';

export const MIN_YEAR = 1980;
export const MAX_YEAR = 2099;

export interface ParsedCaseNumber {
  year: number;
  courtCode: string;
  typeCode: string;
  serial: number;
  category: CaseCategory;
  /** The canonical form: full-width parentheses, no spaces. */
  normalized: string;
}

/** Which part of a case number is wrong; `value` is the offending text as typed. */
export type CaseNumberPart = 'empty' | 'year' | 'court' | 'type' | 'serial' | 'suffix';
export interface CaseNumberError {
  part: CaseNumberPart;
  value: string;
}

export type ParseResult = { ok: true; value: ParsedCaseNumber } | { ok: false; error: CaseNumberError };

/** Half-width parentheses to full-width; all whitespace (including the ideographic space) removed. */
export function normalizeCaseNumberText(input: string): string {
  return input.replace(/[\s\u3000]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function fail(part: CaseNumberPart, value: string): ParseResult {
  return { ok: false, error: { part, value } };
}

export function parseCaseNumber(input: string): ParseResult {
  const text = normalizeCaseNumberText(input);
  if (text === '') return fail('empty', '');

  const year = /^（(\d{4})）/.exec(text);
  if (!year) {
    const shown = /^（[^）]*）?/.exec(text)?.[0] ?? text.slice(0, 6);
    return fail('year', shown);
  }
  const yearValue = Number(year[1]);
  if (yearValue < MIN_YEAR || yearValue > MAX_YEAR) return fail('year', year[1]!);

  let rest = text.slice(year[0].length);
  let courtCode: string;
  if (rest.startsWith(SUPREME)) {
    courtCode = SUPREME;
  } else {
    const court = /^(\D)(\d*)/.exec(rest);
    const province = court?.[1] ?? '';
    const digits = court?.[2] ?? '';
    courtCode = province + digits;
    if (!PROVINCES.has(province) || ![0, 2, 4].includes(digits.length)) {
      return fail('court', courtCode || rest.slice(0, 1));
    }
  }
  rest = rest.slice(courtCode.length);

  const type = /^[^\d号]+/.exec(rest);
  const typeCode = type?.[0] ?? '';
  const category = CASE_TYPE_CODES[typeCode];
  if (!category) return fail('type', typeCode);
  rest = rest.slice(typeCode.length);

  const serial = /^\d+/.exec(rest);
  const serialValue = serial ? Number(serial[0]) : 0;
  if (!serial || serialValue < 1 || serial[0].startsWith('0') || serial[0].length > 7) {
    return fail('serial', serial?.[0] ?? rest.replace(/号$/, ''));
  }
  rest = rest.slice(serial[0].length);
  if (rest !== '号') return fail('suffix', rest);

  return {
    ok: true,
    value: {
      year: yearValue,
      courtCode,
      typeCode,
      serial: serialValue,
      category,
      normalized: `（${yearValue}）${courtCode}${typeCode}${serialValue}号`,
    },
  };
}

export function isEnforcementType(typeCode: string): boolean {
  return CASE_TYPE_CODES[typeCode] === 'enforcement';
}
