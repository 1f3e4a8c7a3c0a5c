/**
 * The catalog key of every meeting code a page shows. Typed as MessageKey, so a code added
 * without its label in the catalogs fails the type check.
 */
import type { MessageKey } from '../../i18n/index.ts';
import type { ActionItemAction, ActionItemError, ActionItemState, AgeingBucket, DueStatus } from './action-items.ts';
import type { MoveError, StandardItem } from './agenda.ts';
import type { ItemOutcome, OutcomeCheck } from './outcomes.ts';
import type { MeetingAction, MeetingActionError, MeetingState } from './state-machine.ts';

export const meetingStateKey = (state: MeetingState): MessageKey => `meeting.state.${state}`;
export const meetingActionKey = (action: MeetingAction): MessageKey => `meeting.action.${action}`;
export const meetingErrorKey = (error: MeetingActionError): MessageKey => `meeting.error.${error}`;
export const standardItemKey = (item: StandardItem): MessageKey => `meeting.standardItem.${item}`;
export const itemOutcomeKey = (outcome: ItemOutcome): MessageKey => `meeting.itemOutcome.${outcome}`;
export const itemOutcomeErrorKey = (error: Extract<OutcomeCheck, { ok: false }>['error']): MessageKey => `meeting.itemError.${error}`;
export const moveErrorKey = (error: MoveError): MessageKey => `meeting.moveError.${error}`;
export const actionItemStateKey = (state: ActionItemState): MessageKey => `actionItem.state.${state}`;
export const actionItemActionKey = (action: ActionItemAction): MessageKey => `actionItem.action.${action}`;
export const actionItemErrorKey = (error: ActionItemError): MessageKey => `actionItem.error.${error}`;
export const dueStatusKey = (status: DueStatus): MessageKey => `actionItem.dueStatus.${status}`;
export const ageingBucketKey = (bucket: AgeingBucket): MessageKey => `actionItem.ageing.${bucket}`;
