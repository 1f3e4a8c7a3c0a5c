import { describe, expect, it } from 'vitest';
import {
  DIVISIONS,
  divisionLabelKey,
  isDivision,
  isRegularKind,
  kindLabelKey,
  MEETING_KINDS,
  outsideUnitSuggestions,
} from '../../src/domain/meetings/kinds.ts';
import { translator } from '../../src/i18n/index.ts';

const zh = translator('zh-CN');
const en = translator('en');

describe('meeting kinds and divisions', () => {
  it('three kinds, named as courts name them', () => {
    expect(MEETING_KINDS.map((kind) => zh(kindLabelKey(kind)))).toEqual(['审执联席会议', '涉诉信访联席会议', '案件协调会']);
    expect(MEETING_KINDS.filter(isRegularKind)).toEqual(['trial_enforcement', 'petition']);
  });

  it('the divisions a court has, each with a distinct name in both languages', () => {
    const zhNames = DIVISIONS.map((d) => zh(divisionLabelKey(d)));
    const enNames = DIVISIONS.map((d) => en(divisionLabelKey(d)));
    for (const name of ['立案庭', '民一庭', '民二庭', '刑事审判庭', '行政审判庭', '审判监督庭', '执行局', '审判管理办公室', '政治部']) {
      expect(zhNames).toContain(name);
    }
    expect(zhNames.some((name) => name.includes('信访'))).toBe(true);
    expect(new Set(zhNames).size).toBe(DIVISIONS.length);
    expect(new Set(enNames).size).toBe(DIVISIONS.length);
  });

  it('knows its division codes and nothing else', () => {
    expect(isDivision('enforcement')).toBe(true);
    expect(isDivision('执行局')).toBe(false);
    expect(isDivision('toString')).toBe(false);
  });

  it('suggests the usual outside units in the page’s language', () => {
    const zhUnits = outsideUnitSuggestions(zh);
    for (const unit of ['党委政法委', '信访局', '公安局', '人民检察院', '司法局', '人力资源和社会保障局']) expect(zhUnits).toContain(unit);
    expect(outsideUnitSuggestions(en)).toContain('Letters and Visits Bureau');
    expect(outsideUnitSuggestions(en)).toHaveLength(zhUnits.length);
  });
});
