/**
 * Demo petitions (信访登记) across the 113 Gansu courts for 2017-01-01 … 2018-12-31 and for the
 * current year up to the day before `today`. Deterministic: the same options give the same records.
 *
 * The counts of 2017 and 2018 January–September are fixed per court level and channel
 * (JAN_SEP_QUOTAS) so that the statistics over the High Court's scope for 2018-01-01 … 2018-09-30
 * show exactly the seed article's table (domain.md §9) by the definitions in
 * src/domain/stats/figures.ts:
 * - 接待上访 535 件 / 761 人次: the High Court's own visits and group visits (the persons are
 *   adjusted to add up to 761);
 * - 受理来信来访 1972 件: every petition the High Court registered;
 * - 受理来信 −9.5 % 同比: the High Court's letters, 905 against 1000 in 2017 January–September;
 * - 中院 727 + 基层 1470 = 2197 件;
 * - lawyers 接谈 57 / 代理申诉 26 / 化解 14 and 申请救助 21 across the province, set on exactly that
 *   many records of the period (代理申诉 and 化解 are among the 接谈 records);
 * - 107 of 112 video rooms come from the court register (gansu-courts.ts).
 * 三降一升一平稳 holds for the province, 2018 against 2017 January–September: letters 1770 → 1615,
 * visits 1295 → 1187, group visits 79 → 60, video 580 → 710, total 4306 → 4169 (−3.2 %).
 * Everything else (October–December, the current year, days, courts, persons, people) is random
 * within those totals.
 *
 * Video receptions are only registered at courts with a video room. Petitioners are written the
 * way the courts anonymise parties (张某, 李某某); identity numbers are valid GB 11643 numbers with
 * Gansu address codes, and about one petitioner in eight comes back, so possible repeats exist.
 */
import { parseCaseNumber } from '../../src/domain/case-number.ts';
import {
  PETITION_CHANNELS,
  idCheckChar,
  type ComplaintType,
  type HandlingOutcome,
  type HandlingState,
  type PetitionChannel,
  type PetitionRecord,
} from '../../src/domain/petitions/index.ts';
import type { CourtLevel } from '../../src/domain/stats/scope.ts';
import { addDays, daysBetween, shanghaiDayStart } from '../../src/domain/time.ts';
import { GANSU_COURTS, courtByCode, type CourtSeed } from './gansu-courts.ts';
import { apportion, makeIds, makeRng, sample, type Rng } from './random.ts';

export const DEFAULT_PETITION_SEED = 20180930;

/** A demo petition: the API fields as the register stores them, with its id and link. */
export interface DemoPetition extends PetitionRecord {
  id: string;
  /** The linked case's id, or null (then caseNumber is null too). */
  caseId: string | null;
  /** When it was registered: an ISO instant on its received day, in office hours. */
  createdAt: string;
}

/** A case petitions may be linked to. */
export interface LinkableCase {
  id: string;
  caseNumber: string;
  courtId: number;
  /** Filing day; only petitions received on or after it are linked to the case. */
  filedOn: string;
  /** Relative chance of being chosen (default 1): e.g. higher for cases with a warning. */
  weight?: number;
}

export interface DemoPetitionOptions {
  /** Today, a Shanghai day: the current year's petitions run up to the day before. */
  today: string;
  seed?: number;
  /**
   * Links a share (0–1) of the CURRENT year's petitions to these cases: a petition received by a
   * case's court or a court above it may be about that case. Earlier years are never linked.
   */
  link?: { cases: readonly LinkableCase[]; share: number };
}

type Counts = Readonly<Record<PetitionChannel, number>>;
type LevelCounts = Readonly<Record<CourtLevel, Counts>>;

/** 件 per court level and channel, 1 January – 30 September. See the header for what they make. */
export const JAN_SEP_QUOTAS: Readonly<Record<2017 | 2018, LevelCounts>> = {
  2017: {
    high: { letter: 1000, visit: 560, group_visit: 25, video: 250, online: 160, phone: 65 },
    intermediate: { letter: 270, visit: 215, group_visit: 16, video: 120, online: 80, phone: 42 },
    basic: { letter: 500, visit: 520, group_visit: 38, video: 210, online: 140, phone: 95 },
  },
  2018: {
    high: { letter: 905, visit: 517, group_visit: 18, video: 300, online: 172, phone: 60 },
    intermediate: { letter: 250, visit: 190, group_visit: 12, video: 150, online: 85, phone: 40 },
    basic: { letter: 460, visit: 480, group_visit: 30, video: 260, online: 150, phone: 90 },
  },
};

/** The exact figures of the 2018 January–September records beyond the channel counts. */
const HIGH_COURT_VISIT_PERSONS_2018 = 761;
const LAWYERS_2018 = { interview: 57, representation: 26, resolution: 14 } as const;
const ASSISTANCE_APPLIED_2018 = 21;
const ASSISTANCE_APPROVED_2018 = 15;

const FIXED_YEARS = [2017, 2018] as const;
/** October–December relative to January–September (three months against nine, a little quieter). */
const Q4_SHARE = 0.3;
/** The current year's yearly volume against 2018's. */
const CURRENT_YEAR_SCALE = 0.6;

// ---------------------------------------------------------------------------------------------
// Courts

function courtWeight(c: CourtSeed): number {
  const digits = c.code.slice(1);
  if (c.level === 'high') return 1;
  if (c.level === 'intermediate') {
    const big: Record<string, number> = { '01': 14, '05': 8, '07': 5, '30': 4, '02': 3, '03': 3, '71': 2, '95': 1 };
    return big[digits] ?? 6;
  }
  if (digits === '0102') return 10;
  if (digits.startsWith('71') || (digits.endsWith('91') && !c.hasVideoRoom)) return 1;
  if (digits === '0191') return 2;
  if (digits.startsWith('01')) return 6;
  return digits.endsWith('02') || digits.endsWith('01') ? 5 : 3;
}

const COURTS_BY_LEVEL: Readonly<Record<CourtLevel, readonly CourtSeed[]>> = {
  high: GANSU_COURTS.filter((c) => c.level === 'high'),
  intermediate: GANSU_COURTS.filter((c) => c.level === 'intermediate'),
  basic: GANSU_COURTS.filter((c) => c.level === 'basic'),
};

/** A level's count of one channel spread over its courts; video only where there is a room. */
function perCourt(rng: Rng, level: CourtLevel, channel: PetitionChannel, count: number): [CourtSeed, number][] {
  const courts = COURTS_BY_LEVEL[level];
  const weights = courts.map((c) => (channel === 'video' && !c.hasVideoRoom ? 0 : courtWeight(c) * (0.7 + 0.6 * rng.next())));
  const parts = apportion(count, weights);
  return courts.map((c, i) => [c, parts[i]!] as [CourtSeed, number]).filter(([, n]) => n > 0);
}

// ---------------------------------------------------------------------------------------------
// Days

interface Window {
  from: string;
  to: string;
  /** Cumulative weights of the days, for weighted picks. */
  days: string[];
  cumulative: number[];
}

/** Petitions are registered on working days mostly; letters and online complaints pile up on Mondays. */
function window(from: string, to: string): Window {
  const days: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    total += weekday === 0 || weekday === 6 ? 0.12 : weekday === 1 ? 1.3 : 1;
    days.push(d);
    cumulative.push(total);
  }
  return { from, to, days, cumulative };
}

function pickDay(rng: Rng, w: Window): string {
  const target = rng.next() * w.cumulative[w.cumulative.length - 1]!;
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return w.days[lo]!;
}

// ---------------------------------------------------------------------------------------------
// People

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10], ['张', 9], ['李', 9], ['马', 8], ['刘', 7], ['杨', 7], ['赵', 5], ['陈', 5], ['何', 3], ['魏', 3],
  ['高', 3], ['郭', 3], ['孙', 3], ['周', 3], ['朱', 2], ['冯', 2], ['徐', 2], ['牛', 2], ['苏', 2], ['汪', 2],
];

/** Real Gansu county-level address codes, for petitioners of courts without one of their own. */
const GANSU_COUNTIES = ['620102', '620103', '620104', '620105', '620402', '620502', '620503', '620602', '620702', '620802', '620902', '621002', '621102', '621202', '622901', '623001'];

interface Petitioner {
  name: string;
  idNumber: string | null;
}

function addressCode(rng: Rng, court: CourtSeed): string {
  const digits = court.code.slice(1);
  const ownCounty = court.level === 'basic' && !digits.startsWith('71') && !digits.endsWith('91');
  return ownCounty ? `62${digits}` : rng.pick(GANSU_COUNTIES);
}

function idNumber(rng: Rng, court: CourtSeed): string {
  const birth = addDays('1945-01-01', rng.int(0, daysBetween('1945-01-01', '1998-12-31'))).replace(/-/g, '');
  const first17 = `${addressCode(rng, court)}${birth}${String(rng.int(1, 999)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function newPetitioner(rng: Rng, court: CourtSeed, channel: PetitionChannel): Petitioner {
  const name = rng.weighted(SURNAMES) + (rng.chance(0.5) ? '某' : '某某');
  // Letters, online complaints and calls often come without an identity number.
  const withId = channel === 'visit' || channel === 'group_visit' || channel === 'video' ? rng.chance(0.95) : rng.chance(0.6);
  return { name, idNumber: withId ? idNumber(rng, court) : null };
}

// ---------------------------------------------------------------------------------------------
// What a petition says and how it ended

const COMPLAINTS: readonly (readonly [ComplaintType, number])[] = [
  ['judgment', 45], ['enforcement', 30], ['procedure', 10], ['conduct', 8], ['other', 7],
];

const NOTES: Readonly<Record<ComplaintType, readonly string[]>> = {
  judgment: ['不服二审判决，要求再审', '认为一审判决认定事实错误', '对驳回再审申请裁定不服', '认为判决赔偿数额过低', '不服离婚判决财产分割'],
  enforcement: ['申请执行后长期未执行到位', '反映被执行人转移财产', '要求加快执行进度', '对执行款发放有异议', '反映执行不能，生活困难'],
  conduct: ['反映承办法官态度生硬', '反映办案人员接待不及时', '认为承办人存在偏袒'],
  procedure: ['反映案件超审限未结', '认为送达程序违法', '反映立案不及时', '对鉴定程序有异议'],
  other: ['咨询诉讼程序', '反映与法院无关的行政事项，已告知向有关部门反映', '要求查询案件进展'],
};

const OUTCOMES: readonly (readonly [HandlingOutcome, number])[] = [
  ['explained', 45], ['ceased', 30], ['transferred', 10], ['terminated', 8], ['other', 7],
];

function handling(rng: Rng, receivedOn: string, today: string): { state: HandlingState; outcome: HandlingOutcome | null } {
  const age = daysBetween(receivedOn, today);
  if (age > 60 || (age > 7 && rng.chance(0.6)) || rng.chance(0.15)) return { state: 'concluded', outcome: rng.weighted(OUTCOMES) };
  return { state: age > 2 && rng.chance(0.7) ? 'in_progress' : 'registered', outcome: null };
}

function persons(rng: Rng, channel: PetitionChannel): number {
  switch (channel) {
    case 'visit':
      return rng.weighted([[1, 75], [2, 18], [3, 5], [4, 2]]);
    case 'group_visit':
      return rng.chance(0.8) ? rng.int(5, 12) : rng.int(13, 40);
    case 'letter':
      return rng.chance(0.05) ? rng.int(2, 6) : 1;
    case 'video':
      return rng.chance(0.15) ? 2 : 1;
    default:
      return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

interface Cell {
  court: CourtSeed;
  channel: PetitionChannel;
  count: number;
  window: Window;
  /** Lawyers and assistance at random rates; false where exact counts are set afterwards. */
  randomExtras: boolean;
  /** Chance of lawyer participation on an eligible record, by year. */
  lawyerRate: number;
}

const LAWYER_CHANNELS: readonly PetitionChannel[] = ['visit', 'group_visit', 'video'];

function cellsOf(rng: Rng, counts: LevelCounts, w: Window, scale: number, randomExtras: boolean, lawyerRate: number): Cell[] {
  const cells: Cell[] = [];
  for (const level of ['high', 'intermediate', 'basic'] as const) {
    for (const channel of PETITION_CHANNELS) {
      const count = scale === 1 ? counts[level][channel] : Math.round(counts[level][channel] * scale * (0.85 + 0.3 * rng.next()));
      for (const [court, n] of perCourt(rng, level, channel, count)) cells.push({ court, channel, count: n, window: w, randomExtras, lawyerRate });
    }
  }
  return cells;
}

export function buildDemoPetitions(options: DemoPetitionOptions): DemoPetition[] {
  const { today } = options;
  const seed = options.seed ?? DEFAULT_PETITION_SEED;
  const rng = makeRng(seed);
  const newId = makeIds(seed);

  const cells: Cell[] = [];
  for (const year of FIXED_YEARS) {
    // Lawyers joined petition work in earnest in 2018 (the High Court's opinion of April 2018).
    const lawyerRate = year === 2017 ? 0.006 : 0.014;
    cells.push(...cellsOf(rng, JAN_SEP_QUOTAS[year], window(`${year}-01-01`, `${year}-09-30`), 1, year === 2017, lawyerRate));
    cells.push(...cellsOf(rng, JAN_SEP_QUOTAS[year], window(`${year}-10-01`, `${year}-12-31`), Q4_SHARE, true, lawyerRate));
  }
  // The current year runs to yesterday: the demo data is loaded at the start of `today`.
  const year = Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const yesterday = addDays(today, -1);
  if (year > 2018 && from <= yesterday) {
    const elapsed = (daysBetween(from, yesterday) + 1) / 365;
    cells.push(...cellsOf(rng, JAN_SEP_QUOTAS[2018], window(from, yesterday), (CURRENT_YEAR_SCALE * elapsed * 12) / 9, true, 0.02));
  }

  const pools = new Map<number, Petitioner[]>();
  const petitions: DemoPetition[] = [];
  for (const cell of cells) {
    const pool = pools.get(cell.court.id) ?? [];
    pools.set(cell.court.id, pool);
    for (let i = 0; i < cell.count; i++) {
      const receivedOn = pickDay(rng, cell.window);
      const returning = pool.length > 0 && rng.chance(0.12);
      const petitioner = returning ? rng.pick(pool) : newPetitioner(rng, cell.court, cell.channel);
      if (!returning) pool.push(petitioner);
      const complaintType = rng.weighted(COMPLAINTS);
      const lawyerHere = cell.randomExtras && LAWYER_CHANNELS.includes(cell.channel) && rng.chance(cell.lawyerRate * 4);
      const applied = cell.randomExtras && rng.chance(0.005);
      const approved = applied && rng.chance(0.7);
      petitions.push({
        id: newId(),
        caseId: null,
        createdAt: new Date(shanghaiDayStart(receivedOn).getTime() + rng.int(8 * 60 + 30, 17 * 60 + 30) * 60_000).toISOString(),
        channel: cell.channel,
        receivedOn,
        courtId: cell.court.id,
        persons: persons(rng, cell.channel),
        petitionerName: petitioner.name,
        petitionerIdNumber: petitioner.idNumber,
        caseNumber: null,
        complaintType,
        lawyer: { interview: lawyerHere, representation: lawyerHere && rng.chance(0.45), resolution: lawyerHere && rng.chance(0.25) },
        assistance: { applied, approved, amount: approved ? rng.int(3, 60) * 1000 : 0 },
        ...handling(rng, receivedOn, today),
        note: rng.pick(NOTES[complaintType]),
      });
    }
  }

  fixArticlePeriod(rng, petitions);
  if (options.link && year > 2018) linkCurrentYear(rng, petitions, options.link, from);
  return petitions.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Sets the exact persons, lawyer and assistance figures of 2018 January–September. */
function fixArticlePeriod(rng: Rng, petitions: DemoPetition[]): void {
  const inPeriod = petitions.filter((p) => p.receivedOn >= '2018-01-01' && p.receivedOn <= '2018-09-30');

  const high = courtByCode('甘').id;
  const visits = inPeriod.filter((p) => p.courtId === high && (p.channel === 'visit' || p.channel === 'group_visit'));
  let persons = visits.reduce((s, p) => s + p.persons, 0);
  while (persons !== HIGH_COURT_VISIT_PERSONS_2018) {
    const p = rng.pick(visits);
    const up = persons < HIGH_COURT_VISIT_PERSONS_2018;
    const [min, max] = p.channel === 'visit' ? [1, 4] : [5, 40];
    if (up ? p.persons >= max : p.persons <= min) continue;
    p.persons += up ? 1 : -1;
    persons += up ? 1 : -1;
  }

  const eligible = inPeriod.filter((p) => LAWYER_CHANNELS.includes(p.channel));
  const interviewed = sample(rng, eligible, LAWYERS_2018.interview);
  for (const p of interviewed) p.lawyer = { interview: true, representation: false, resolution: false };
  for (const p of sample(rng, interviewed, LAWYERS_2018.representation)) p.lawyer.representation = true;
  for (const p of sample(rng, interviewed, LAWYERS_2018.resolution)) p.lawyer.resolution = true;

  const applied = sample(rng, inPeriod.filter((p) => p.complaintType === 'judgment' || p.complaintType === 'enforcement'), ASSISTANCE_APPLIED_2018);
  applied.forEach((p, i) => {
    const approved = i < ASSISTANCE_APPROVED_2018;
    p.assistance = { applied: true, approved, amount: approved ? rng.int(5, 80) * 1000 : 0 };
  });
}

/** The courts at or above each court, for "a petition at this court may be about that case". */
function ancestorsOf(court: CourtSeed): number[] {
  const ids: number[] = [];
  for (let c: CourtSeed | undefined = court; c; c = c.parentCode ? courtByCode(c.parentCode) : undefined) ids.push(c.id);
  return ids;
}

function linkCurrentYear(rng: Rng, petitions: DemoPetition[], link: NonNullable<DemoPetitionOptions['link']>, from: string): void {
  const casesUnder = new Map<number, LinkableCase[]>();
  for (const c of link.cases) {
    const court = GANSU_COURTS.find((x) => x.id === c.courtId);
    if (!court) continue;
    for (const id of ancestorsOf(court)) casesUnder.set(id, [...(casesUnder.get(id) ?? []), c]);
  }
  for (const p of petitions) {
    if (p.receivedOn < from || !rng.chance(link.share)) continue;
    const candidates = (casesUnder.get(p.courtId) ?? []).filter((c) => c.filedOn <= p.receivedOn);
    if (candidates.length === 0) continue;
    const c = rng.weighted(candidates.map((x) => [x, x.weight ?? 1] as const));
    p.caseId = c.id;
    p.caseNumber = c.caseNumber;
    const parsed = parseCaseNumber(c.caseNumber);
    if (parsed.ok && parsed.value.category === 'enforcement' && p.complaintType === 'judgment') {
      p.complaintType = 'enforcement';
      p.note = rng.pick(NOTES.enforcement);
    }
  }
}
