import { describe, expect, it } from 'vitest';
import { phraseQuery, searchBody } from '../../src/domain/search-text.ts';

describe('search text', () => {
  it('indexes every character of the number, cause, summary and names as a token', () => {
    expect(searchBody(['（2024）甘0102民初1234号', '追索劳动报酬纠纷', null, '张三'])).toBe('( 2 0 2 4 ) 甘 0 1 0 2 民 初 1 2 3 4 号 追 索 劳 动 报 酬 纠 纷 张 三');
  });

  it('drops white space, including the ideographic space, and folds full-width letters and digits', () => {
    expect(searchBody(['王\u3000五 ', 'ＡＢＣ１２'])).toBe('王 五 A B C 1 2');
  });

  it('queries a term as the phrase of its letters and digits', () => {
    expect(phraseQuery('劳动')).toBe('"劳 动"');
    expect(phraseQuery(' 0102民初12 ')).toBe('"0 1 0 2 民 初 1 2"');
    expect(phraseQuery('(2024)甘0102')).toBe('"2 0 2 4 甘 0 1 0 2"');
  });

  it('leaves no FTS syntax in a query: quotes, operators and punctuation are not tokens', () => {
    expect(phraseQuery('" OR *')).toBe('"O R"');
    expect(phraseQuery('劳"动')).toBe('"劳 动"');
    expect(phraseQuery('NEAR(a b)')).toBe('"N E A R a b"');
  });

  it('answers null for a term with nothing to search for', () => {
    expect(phraseQuery('  ')).toBeNull();
    expect(phraseQuery('（）、。')).toBeNull();
  });

  it('keeps a 100-character term as one phrase', () => {
    const term = '劳'.repeat(100);
    expect(phraseQuery(term)!.split(' ')).toHaveLength(100);
  });
});
