/**
 * What every meeting write checks first, and how a refusal is said: scope (another court's meeting
 * is 404), role (403), the state machine (409 with a clear message; recording too early says when
 * the meeting starts), requirements (422 naming the field).
 */
import {
  applyMeetingAction,
  meetingActionKey,
  meetingStateKey,
  type MeetingAction,
  type MeetingActionInput,
  type MeetingState,
} from '../domain/meetings/index.ts';
import { shanghaiDateTime } from '../domain/time.ts';
import type { MeetingRow } from '../db/meetings.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { meetingAccess } from './meeting-present.ts';

/** The meeting, if the user coordinates it; 403 for a role without the right, 404 outside scope. */
export function coordinated(user: CurrentUser, row: MeetingRow | null): MeetingRow {
  authorize(user, 'coordinateMeetings');
  if (!row || !meetingAccess(user, row).coordinate) throw notFound();
  return row;
}

/** 422 with one issue on `path`, in the caller's language. */
export function invalid(path: string, key: MessageKey, t: Translate, params: Record<string, string | number> = {}): AppError {
  return new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key, params)], t));
}

const FIELD_OF: Partial<Record<string, string>> = { text_required: 'text', reason_required: 'reason' };

/** The state after `action`, or the refusal: 409 for the state (and the agenda, the start, the decisions), 422 for a missing text. */
export function allowMeetingAction(row: Pick<MeetingRow, 'state' | 'starts_at'>, action: MeetingAction, input: MeetingActionInput, t: Translate): MeetingState {
  const result = applyMeetingAction(row.state, action, { startsAt: row.starts_at, ...input });
  if (result.ok) return result.state;
  const field = FIELD_OF[result.error];
  if (field) throw invalid(field, `meeting.error.${result.error}`, t);
  if (result.error === 'not_started') throw new AppError('conflict', 'meeting.error.not_started', { startsAt: shanghaiDateTime(result.startsAt) });
  if (result.error !== 'forbidden') throw new AppError('conflict', `meeting.error.${result.error}`);
  if ((action === 'edit_agenda' || action === 'edit_details') && row.state !== 'draft') throw new AppError('conflict', 'meeting.error.frozen', { state: t(meetingStateKey(row.state)) });
  throw new AppError('conflict', 'meeting.error.forbiddenMove', { action: t(meetingActionKey(action)), state: t(meetingStateKey(row.state)) });
}

/** The caller's version against the meeting's: a stale one is 409 before anything is planned. */
export function checkVersion(row: Pick<MeetingRow, 'version'>, version: number | undefined): void {
  if (version !== undefined && version !== row.version) throw new AppError('conflict', 'meeting.stale');
}
