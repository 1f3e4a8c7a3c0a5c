/**
 * What a joint meeting is (domain.md §8): its kind, the court divisions that take part, and the
 * outside units a coordinator usually invites. Labels live in the catalogs under
 * `meeting.kind.*`, `meeting.division.*` and `meeting.outsideUnit.*`.
 */
import { z } from 'zod';
import { translate, type MessageKey, type Translate } from '../../i18n/index.ts';

/** 审执联席会议 · 涉诉信访联席会议 · 案件协调会 (ad hoc, for urgent cases). */
export const MEETING_KINDS = ['trial_enforcement', 'petition', 'case_coordination'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MeetingKindSchema = z.enum(MEETING_KINDS);

/** Regular meetings are held on a rhythm (monthly, weekly in sensitive periods) and report on the period since the last one. */
export function isRegularKind(kind: MeetingKind): boolean {
  return kind !== 'case_coordination';
}

/**
 * The divisions of a Chinese court that take part in joint meetings, in the order a court lists
 * its internal bodies: adjudication first, then enforcement, the petition office and the
 * administrative offices. A basic court has fewer of them; the list is what courts commonly have.
 */
export const DIVISIONS = [
  'filing', // 立案庭
  'civil_1', // 民一庭
  'civil_2', // 民二庭
  'civil_3', // 民三庭（知识产权）
  'criminal', // 刑事审判庭
  'administrative', // 行政审判庭
  'supervision', // 审判监督庭
  'juvenile_family', // 少年家事审判庭
  'enforcement', // 执行局
  'petition', // 信访办（立案信访庭）
  'litigation_service', // 诉讼服务中心
  'state_compensation', // 赔偿委员会办公室
  'trial_management', // 审判管理办公室
  'research', // 研究室
  'general_office', // 办公室
  'political', // 政治部
  'discipline', // 纪检监察室
  'judicial_police', // 司法警察支队
] as const;
export type Division = (typeof DIVISIONS)[number];
export const DivisionSchema = z.enum(DIVISIONS);

export function isDivision(value: unknown): value is Division {
  return typeof value === 'string' && (DIVISIONS as readonly string[]).includes(value);
}

/**
 * Outside units a meeting often invites. They are only suggestions for a free-text field
 * (an HTML datalist): every county names its bodies a little differently, so what the
 * coordinator types is what is stored.
 */
export const OUTSIDE_UNIT_SUGGESTIONS = [
  'politics_law_committee', // 党委政法委
  'petition_bureau', // 信访局
  'public_security', // 公安局
  'procuratorate', // 人民检察院
  'justice_bureau', // 司法局
  'human_resources', // 人力资源和社会保障局
  'housing', // 住房和城乡建设局
  'natural_resources', // 自然资源局
  'civil_affairs', // 民政局
  'trade_union', // 总工会
  'township', // 乡镇人民政府、街道办事处
  'village_committee', // 村（居）民委员会
] as const;
export type OutsideUnitSuggestion = (typeof OUTSIDE_UNIT_SUGGESTIONS)[number];

export const kindLabelKey = (kind: MeetingKind): MessageKey => `meeting.kind.${kind}`;
export const divisionLabelKey = (division: Division): MessageKey => `meeting.division.${division}`;

/** The suggestions in the page's language, for a datalist. */
export function outsideUnitSuggestions(t: Translate): string[] {
  return OUTSIDE_UNIT_SUGGESTIONS.map((unit) => t(`meeting.outsideUnit.${unit}`));
}

/**
 * The names a user's division (users.division, free text) may go by, beyond the catalog labels:
 * courts name some bodies differently (立案信访庭 for the petition office, 民事审判庭 at a basic
 * court without numbered civil divisions). An action item owned by a division reaches the users
 * whose division text is one of these names at the owner court.
 */
const DIVISION_ALIASES: Readonly<Partial<Record<Division, readonly string[]>>> = {
  filing: ['立案庭', '立案一庭'],
  civil_1: ['民一庭', '民事审判庭', '民事审判第一庭'],
  civil_2: ['民二庭', '民事审判第二庭'],
  civil_3: ['民三庭', '民事审判第三庭', '知识产权审判庭'],
  criminal: ['刑庭', '刑一庭', '刑事审判第一庭'],
  administrative: ['行政庭'],
  supervision: ['审监庭'],
  juvenile_family: ['少年家事庭', '家事审判庭'],
  enforcement: ['执行局', '执行庭', '执行大队'],
  petition: ['信访办', '立案信访庭', '信访室', '信访接待室'],
  litigation_service: ['诉讼服务中心', '诉服中心'],
  trial_management: ['审判管理办公室', '审管办'],
};

/** Every name of a division: its catalog labels in both languages (with and without a bracketed part) and the aliases. */
export function divisionNames(division: Division): string[] {
  const labels = (['zh-CN', 'en'] as const).map((lang) => translate(lang, divisionLabelKey(division)));
  const short = labels.map((label) => label.replace(/[（(].*[）)]/, '').trim());
  return [...new Set([...labels, ...short, ...(DIVISION_ALIASES[division] ?? [])])];
}

/** The division a user's free-text division stands for (an exact name, trimmed), or null. */
export function divisionOfText(text: string): Division | null {
  const wanted = text.trim();
  if (!wanted) return null;
  if (isDivision(wanted)) return wanted;
  return DIVISIONS.find((d) => divisionNames(d).includes(wanted)) ?? null;
}

/** Every (division, name) pair, for SQL that finds the users of a division (json_each over it). */
export function divisionNamePairs(): { code: Division; name: string }[] {
  return DIVISIONS.flatMap((code) => divisionNames(code).map((name) => ({ code, name })));
}
