/**
 * The named figures of the High Court's report (seed article, domain.md §9), defined for any
 * scope root so that an intermediate court's report reads the same way. Each figure is computed
 * from the roll-up by these definitions; no total is ever stored.
 *
 * - 接待上访 (office visits): petitions received in person at the root court's own office —
 *   channels `visit` and `group_visit` — as 件 (records) and 人次 (persons). Video receptions
 *   (视频接访) are reported on their own line and are not in this figure.
 * - 受理来信来访 (accepted): every petition the root court registered, whatever the channel:
 *   来信来访 is the umbrella term for all petitions (letters, visits, video, online, phone).
 * - 受理来信 (letters): the root court's `letter` petitions, with 同比.
 * - 中基层法院受理 (accepted below): every petition registered by the courts below the root,
 *   by level (intermediate, basic) and together.
 * - Lawyers (律师接谈 / 代理申诉 / 化解) and 申请救助: the whole scope (全省法院 for the High
 *   Court), counted per petition record.
 * - Video rooms: see videoRooms in scope.ts.
 */
import type { PetitionChannel } from '../petitions/kinds.ts';
import { PETITION_CHANNELS } from '../petitions/kinds.ts';
import { yoyChange } from './change.ts';
import type { CellCount, ScopeExtras } from './rollup.ts';
import { videoRooms, type StatsScope, type VideoRooms } from './scope.ts';

export const OFFICE_VISIT_CHANNELS: readonly PetitionChannel[] = ['visit', 'group_visit'];
export const ACCEPTED_CHANNELS: readonly PetitionChannel[] = PETITION_CHANNELS;
export const LETTER_CHANNELS: readonly PetitionChannel[] = ['letter'];

export interface ScopeFigures {
  officeVisits: { cases: number; persons: number };
  accepted: { cases: number };
  letters: { cases: number; previousCases: number; change: number | null };
  acceptedBelow: { intermediate: number; basic: number; total: number };
  lawyers: { interview: number; representation: number; resolution: number };
  assistanceApplied: number;
  videoRooms: VideoRooms;
}

/**
 * `current` and `previous`: the scope's 件 and 人次 by court and channel for the period and the year
 * before; `extras`: the scope's lawyers and assistance in the period.
 */
export function scopeFigures(scope: StatsScope, current: readonly CellCount[], previous: readonly CellCount[], extras: ScopeExtras): ScopeFigures {
  const root = scope.rootCourtId;
  const levelOf = new Map(scope.courts.map((c) => [c.id, c.level]));
  const atRoot = (rows: readonly CellCount[], channels: readonly PetitionChannel[]) =>
    rows.filter((r) => r.courtId === root && channels.includes(r.channel));
  const sum = (rows: readonly CellCount[], f: 'cases' | 'persons') => rows.reduce((s, r) => s + r[f], 0);

  const visits = atRoot(current, OFFICE_VISIT_CHANNELS);
  const letters = sum(atRoot(current, LETTER_CHANNELS), 'cases');
  const lettersBefore = sum(atRoot(previous, LETTER_CHANNELS), 'cases');
  const below = current.filter((r) => r.courtId !== root && levelOf.has(r.courtId));
  const byLevel = (level: 'intermediate' | 'basic') => sum(below.filter((r) => levelOf.get(r.courtId) === level), 'cases');
  const intermediate = byLevel('intermediate');
  const basic = byLevel('basic');
  return {
    officeVisits: { cases: sum(visits, 'cases'), persons: sum(visits, 'persons') },
    accepted: { cases: sum(atRoot(current, ACCEPTED_CHANNELS), 'cases') },
    letters: { cases: letters, previousCases: lettersBefore, change: yoyChange(letters, lettersBefore) },
    acceptedBelow: { intermediate, basic, total: sum(below, 'cases') },
    lawyers: { interview: extras.lawyerInterview, representation: extras.lawyerRepresentation, resolution: extras.lawyerResolution },
    assistanceApplied: extras.assistanceApplied,
    videoRooms: videoRooms(scope),
  };
}
