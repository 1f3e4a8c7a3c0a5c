import { describe, expect, it } from 'vitest';
import { CASE_TYPE_CODES, normalizeCaseNumberText, parseCaseNumber } from '../../src/domain/case-number.ts';
import { translate } from '../../src/i18n/index.ts';

const ok = (text: string) => {
  const r = parseCaseNumber(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const err = (text: string) => {
  const r = parseCaseNumber(text);
  if (r.ok) throw new Error(`expected ${text} to be refused`);
  return r.error;
};

describe('parseCaseNumber', () => {
  it('reads the full-width form', () => {
    expect(ok('（2024）甘0102民初1234号')).toEqual({
      year: 2024,
      courtCode: '甘0102',
      typeCode: '民初',
      serial: 1234,
      category: 'civil',
      normalized: '（2024）甘0102民初1234号',
    });
  });

  it('accepts half-width parentheses and surrounding or inner spaces, normalizing to full width', () => {
    expect(ok('(2024)甘0102民初1234号').normalized).toBe('（2024）甘0102民初1234号');
    expect(ok('  (2024) 甘0102 民初 1234 号 ').normalized).toBe('（2024）甘0102民初1234号');
    expect(ok('（2024)甘0102执3456号').normalized).toBe('（2024）甘0102执3456号');
    expect(ok('\u3000（2023）甘0103民初5678号\u3000').normalized).toBe('（2023）甘0103民初5678号');
  });

  it('reads court codes of every level', () => {
    expect(ok('（2024）甘民终12号').courtCode).toBe('甘');
    expect(ok('（2024）甘01民终12号').courtCode).toBe('甘01');
    expect(ok('（2024）甘0502民初7号').courtCode).toBe('甘0502');
    expect(ok('（2024）最高法民申100号').courtCode).toBe('最高法');
  });

  const expected: Record<string, string> = {
    民初: 'civil', 民终: 'civil', 民申: 'civil', 民再: 'civil', 民特: 'civil',
    刑初: 'criminal', 刑终: 'criminal', 刑申: 'criminal',
    行初: 'administrative', 行终: 'administrative', 行申: 'administrative',
    执: 'enforcement', 执恢: 'enforcement', 执异: 'enforcement', 执复: 'enforcement', 执保: 'enforcement',
    司救民: 'assistance', 司救刑: 'assistance', 司救执: 'assistance', 司救访: 'assistance',
    国赔: 'compensation',
  };
  it.each(Object.entries(expected))('type code %s decides category %s (both widths)', (code, category) => {
    expect(ok(`（2025）甘0102${code}88号`).category).toBe(category);
    expect(ok(`(2025)甘0102${code}88号`).typeCode).toBe(code);
    expect(CASE_TYPE_CODES[code]).toBe(category);
  });

  it('names the wrong part', () => {
    expect(err('')).toEqual({ part: 'empty', value: '' });
    expect(err('2024甘0102民初1234号').part).toBe('year');
    expect(err('（24）甘0102民初1234号')).toEqual({ part: 'year', value: '（24）' });
    expect(err('（1900）甘0102民初1234号')).toEqual({ part: 'year', value: '1900' });
    expect(err('（2024）X0102民初1234号')).toEqual({ part: 'court', value: 'X0102' });
    expect(err('（2024）甘012民初1234号')).toEqual({ part: 'court', value: '甘012' });
    expect(err('（2024）甘0102民X1234号')).toEqual({ part: 'type', value: '民X' });
    expect(err('（2024）甘01021234号')).toEqual({ part: 'court', value: '甘01021234' });
    expect(err('（2024）甘0102民初号')).toEqual({ part: 'serial', value: '' });
    expect(err('（2024）甘0102民初0123号')).toEqual({ part: 'serial', value: '0123' });
    expect(err('（2024）甘0102民初1234')).toEqual({ part: 'suffix', value: '' });
    expect(err('（2024）甘0102民初1234号之一')).toEqual({ part: 'suffix', value: '号之一' });
  });

  it('turns the wrong part into a message in both languages', () => {
    const e = err('（2024）甘0102民X1234号');
    expect(translate('zh-CN', `caseNumber.${e.part}` as 'caseNumber.type', { value: e.value })).toContain('类型代字“民X”');
    expect(translate('en', `caseNumber.${e.part}` as 'caseNumber.type', { value: e.value })).toContain('case-type code “民X”');
  });

  it('normalizes fragments for searching', () => {
    expect(normalizeCaseNumberText('(2024) 甘0102')).toBe('（2024）甘0102');
  });
});
