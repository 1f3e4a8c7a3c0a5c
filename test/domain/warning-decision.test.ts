import { describe, expect, it } from 'vitest';
import { decideWarning } from '../../src/domain/warnings/on-assessment.ts';

const open = (level: 'yellow' | 'orange' | 'red', score = 5) => ({ id: 'w1', state: 'acknowledged' as const, level, score });

describe('decideWarning', () => {
  it('raises a warning when the level reaches the warn line and none exists', () => {
    expect(decideWarning({ open: null, lastClosed: null, level: 'yellow', score: 3, warn: true })).toEqual({ kind: 'raise' });
    expect(decideWarning({ open: null, lastClosed: null, level: 'blue', score: 1, warn: false })).toEqual({ kind: 'none' });
  });

  it('updates the open warning instead of raising another: level changes go to the timeline', () => {
    expect(decideWarning({ open: open('yellow'), lastClosed: null, level: 'orange', score: 7, warn: true })).toEqual({
      kind: 'level_change',
      warningId: 'w1',
      from: 'yellow',
      to: 'orange',
    });
    expect(decideWarning({ open: open('orange', 7), lastClosed: null, level: 'blue', score: 2, warn: false })).toMatchObject({ kind: 'level_change', to: 'blue' });
    expect(decideWarning({ open: open('orange', 7), lastClosed: null, level: 'orange', score: 8, warn: true })).toEqual({ kind: 'score_change', warningId: 'w1' });
    expect(decideWarning({ open: open('orange', 7), lastClosed: null, level: 'orange', score: 7, warn: true })).toEqual({ kind: 'none' });
  });

  it('reopens a dismissed warning only when the level rises above the level at dismissal', () => {
    const lastClosed = { id: 'w0', state: 'dismissed' as const, levelAtClose: 'orange' as const };
    expect(decideWarning({ open: null, lastClosed, level: 'orange', score: 9, warn: true })).toEqual({ kind: 'none' });
    expect(decideWarning({ open: null, lastClosed, level: 'yellow', score: 4, warn: true })).toEqual({ kind: 'none' });
    expect(decideWarning({ open: null, lastClosed, level: 'red', score: 11, warn: true })).toEqual({ kind: 'reopen', warningId: 'w0' });
  });

  it('raises a new warning after a resolved one only for a higher level', () => {
    const lastClosed = { id: 'w0', state: 'resolved' as const, levelAtClose: 'yellow' as const };
    expect(decideWarning({ open: null, lastClosed, level: 'yellow', score: 4, warn: true })).toEqual({ kind: 'none' });
    expect(decideWarning({ open: null, lastClosed, level: 'orange', score: 6, warn: true })).toEqual({ kind: 'raise' });
  });
});
