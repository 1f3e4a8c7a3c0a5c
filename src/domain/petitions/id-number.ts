/**
 * Chinese resident identity numbers (公民身份号码, GB 11643-1999): 6 digits of the address code,
 * 8 of the birth date, 3 of the sequence, and a check character (0–9 or X) computed with ISO 7064
 * MOD 11-2. A lower-case x is accepted and stored as X.
 *
 * 15-digit numbers (first-generation cards) are refused with their own message: those cards have
 * not been valid since 2013, and turning one into 18 digits would guess the century and keep an
 * address code that may have changed since, so the officer asks for the current card instead.
 */
import { isValidDay } from '../time.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const PROVINCE_CODES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

export type IdNumberIssue = 'legacy15' | 'length' | 'format' | 'region' | 'birthDate' | 'checkDigit';

export type IdNumberResult = { ok: true; value: string } | { ok: false; issue: IdNumberIssue };

/** The check character the first 17 digits call for. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an identity number; surrounding spaces are ignored. The birth date must be a real
 * day from 1900-01-01 up to `today` (a Shanghai day, YYYY-MM-DD); the first two digits must be a
 * province-level code of GB/T 2260, or 81–83 (residence permits of Hong Kong, Macao and Taiwan).
 */
export function parseIdNumber(input: string, today: string): IdNumberResult {
  const text = input.trim().toUpperCase();
  if (/^\d{15}$/.test(text)) return { ok: false, issue: 'legacy15' };
  if (text.length !== 18) return { ok: false, issue: 'length' };
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, issue: 'format' };
  if (!PROVINCE_CODES.has(text.slice(0, 2))) return { ok: false, issue: 'region' };
  const birth = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (!isValidDay(birth) || birth < '1900-01-01' || birth > today) return { ok: false, issue: 'birthDate' };
  if (idCheckChar(text) !== text[17]) return { ok: false, issue: 'checkDigit' };
  return { ok: true, value: text };
}
