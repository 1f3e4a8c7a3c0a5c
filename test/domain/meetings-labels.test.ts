import { describe, expect, it } from 'vitest';
import {
  ACTION_ITEM_ACTIONS,
  ACTION_ITEM_STATES,
  actionItemActionKey,
  actionItemErrorKey,
  actionItemStateKey,
  AGEING_BUCKETS,
  ageingBucketKey,
  dueStatusKey,
  ITEM_OUTCOMES,
  itemOutcomeErrorKey,
  itemOutcomeKey,
  MEETING_ACTIONS,
  MEETING_STATES,
  meetingActionKey,
  meetingErrorKey,
  meetingStateKey,
  moveErrorKey,
  STANDARD_ITEMS,
  standardItemKey,
} from '../../src/domain/meetings/index.ts';
import { translator } from '../../src/i18n/index.ts';

const zh = translator('zh-CN');
const en = translator('en');

/** Each code's label in both languages: present, not the key itself, and told apart from its siblings. */
function labels<T extends string>(codes: readonly T[], key: (code: T) => Parameters<typeof zh>[0]) {
  return { zh: codes.map((code) => zh(key(code))), en: codes.map((code) => en(key(code))) };
}

describe('meeting labels', () => {
  const groups = {
    states: labels(MEETING_STATES, meetingStateKey),
    actions: labels(MEETING_ACTIONS, meetingActionKey),
    errors: labels(['forbidden', 'agenda_empty', 'decisions_missing', 'text_required', 'reason_required'] as const, meetingErrorKey),
    standardItems: labels(STANDARD_ITEMS, standardItemKey),
    outcomes: labels(ITEM_OUTCOMES, itemOutcomeKey),
    moveErrors: labels(['not_found', 'standard_item', 'at_edge'] as const, moveErrorKey),
    actionItemStates: labels(ACTION_ITEM_STATES, actionItemStateKey),
    actionItemActions: labels(ACTION_ITEM_ACTIONS, actionItemActionKey),
    actionItemErrors: labels(['forbidden', 'note_required', 'reason_required', 'owner_required', 'due_day_invalid'] as const, actionItemErrorKey),
    dueStatuses: labels(['overdue', 'due_soon', 'later', 'closed'] as const, dueStatusKey),
    ageing: labels(AGEING_BUCKETS, ageingBucketKey),
  };

  for (const [name, group] of Object.entries(groups)) {
    it(`${name}: a distinct label in each language`, () => {
      for (const list of [group.zh, group.en]) {
        for (const label of list) expect(label).not.toMatch(/^(meeting|actionItem)\.|^$/);
        expect(new Set(list).size).toBe(list.length);
      }
    });
  }

  it('reads as courts say it', () => {
    expect(groups.states.zh).toEqual(['草稿', '已发布', '已召开', '纪要已定稿', '已取消']);
    expect(groups.standardItems.zh).toEqual(['信访数据通报', '上次会议议定事项落实情况']);
    expect(groups.ageing.zh).toEqual(['未到期', '逾期1–7天', '逾期8–30天', '逾期30天以上']);
    expect(zh(itemOutcomeErrorKey('resolution_outcome_required'))).toContain('化解结果');
  });
});
