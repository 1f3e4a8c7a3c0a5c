/**
 * Demo rows: the Gansu court tree, a handful of users, and a few hundred realistic cases with
 * parties and risk flags at the 兰州 and 天水 courts, each scored under the default rule set, with
 * the warnings and warning timelines the app would have written (see "Scoring and warnings").
 * Pure and deterministic (apart from the random salt in each password hash): the same `today`
 * and `seed` give the same rows. Web-standard APIs only, so it runs in Node 24
 * (scripts/seed.ts) and inside workerd (test/seed.test.ts).
 *
 * Conventions:
 * - Instants are ISO UTC strings; `filed_on` / `closed_on` are Shanghai days (YYYY-MM-DD).
 * - A group case (群体性案件) lists a few representatives of the many-person side; its
 *   `party_count` is the size of that side, as in "张某某等36人" (domain.md §6: 36 workers →
 *   partyCount 36). Every other case's `party_count` is the number of listed parties.
 * - The worked examples of domain.md §6 keep their case numbers but are filed within the last
 *   180 days, so that their scores under the default rule set are exactly the ones the domain
 *   document gives (no `daysPending` points).
 */
import { searchBody } from '../../src/domain/search-text.ts';
import { caseFacts } from '../../src/domain/case-facts.ts';
import type { CaseCategory } from '../../src/domain/case-number.ts';
import { CASE_TYPE_CODES } from '../../src/domain/case-number.ts';
import type { CaseStage, PartyRole } from '../../src/domain/cases.ts';
import { courtInScope, type Role } from '../../src/domain/roles.ts';
import { evaluate } from '../../src/domain/rules/index.ts';
import { addDays, daysBetween, isValidDay } from '../../src/domain/time.ts';
import { hashPassword } from '../../src/security/password.ts';
import { at, officeTime, plusMinutes } from './clock.ts';
import { GANSU_COURTS, courtByCode, courtPath } from './gansu-courts.ts';
import { COMPILED_DEFAULT, historyRows, type Subject } from './history.ts';
import type { ScriptedStep } from './office.ts';
import { demoMeetings } from './meetings.ts';
import { makeIds, makeRng, type Rng } from './random.ts';
import { buildDemoPetitions, type DemoPetition, type LinkableCase } from './petitions.ts';
import { monthlyRollupOf, rollupOf, type Tally } from '../../src/domain/stats/rollup.ts';

export { DEFAULT_RULE_SET_ID, DEFAULT_RULE_SET_VERSION } from './history.ts';

export type SeedValue = string | number | null;
export type SeedRow = Record<string, SeedValue>;
export interface SeedTable {
  table: string;
  rows: SeedRow[];
  /**
   * Set when the rows update existing rows instead of inserting new ones: this column selects the
   * row, the others are set (scripts/seed/sql.ts renders one UPDATE per row).
   */
  updateBy?: string;
}
export type SeedRows = SeedTable[];

export const DEMO_PASSWORD = 'demo1234';
export const DEFAULT_SEED = 20190110;

export interface DemoUser {
  username: string;
  roles: readonly Role[];
  courtCode: string;
  displayName: string;
  division: string;
}

/** The demo accounts, all with password DEMO_PASSWORD. The first seven are the documented ones. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'judge', roles: ['trial_judge'], courtCode: '甘0102', displayName: '李文静', division: '民一庭' },
  { username: 'enforcer', roles: ['enforcement_judge'], courtCode: '甘0102', displayName: '马永强', division: '执行局' },
  { username: 'petition', roles: ['petition_officer'], courtCode: '甘01', displayName: '张海燕', division: '立案信访庭' },
  { username: 'coordinator', roles: ['coordinator'], courtCode: '甘01', displayName: '赵明远', division: '审判管理办公室' },
  { username: 'leader', roles: ['leader'], courtCode: '甘', displayName: '刘志刚', division: '院领导' },
  { username: 'admin', roles: ['admin'], courtCode: '甘', displayName: '陈晓东', division: '信息技术处' },
  { username: 'judge2', roles: ['trial_judge'], courtCode: '甘0502', displayName: '杨丽华', division: '民一庭' },
  { username: 'judge_0103', roles: ['trial_judge'], courtCode: '甘0103', displayName: '王晓军', division: '民一庭' },
  { username: 'judge_0105', roles: ['trial_judge'], courtCode: '甘0105', displayName: '何雪梅', division: '民事审判庭' },
  { username: 'judge_01', roles: ['trial_judge'], courtCode: '甘01', displayName: '魏国平', division: '民一庭' },
  { username: 'judge_05', roles: ['trial_judge'], courtCode: '甘05', displayName: '苏建国', division: '民一庭' },
  { username: 'judge_0503', roles: ['trial_judge'], courtCode: '甘0503', displayName: '郭红霞', division: '民一庭' },
  { username: 'enforcer_0103', roles: ['enforcement_judge'], courtCode: '甘0103', displayName: '牛建华', division: '执行局' },
  { username: 'enforcer_0502', roles: ['enforcement_judge'], courtCode: '甘0502', displayName: '汪志强', division: '执行局' },
  // The petition office of 天水中院, for the warnings of the 天水 courts (it flags nothing).
  { username: 'petition_05', roles: ['petition_officer'], courtCode: '甘05', displayName: '周丽娟', division: '立案信访庭' },
];

/** The case numbers of domain.md §6's worked examples. */
export const WORKED_EXAMPLES = {
  wages: '（2024）甘0102民初1234号',
  enforcement: '（2024）甘0102执3456号',
  divorce: '（2023）甘0103民初5678号',
  propertyFee: '（2024）甘0105民初910号',
} as const;

const COURTS_CREATED_AT = '2026-01-01T00:00:00.000Z';

// ---------------------------------------------------------------------------------------------
// Days

function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}
function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Names (privacy style: 张某, 李某某, 兰州某某建筑工程有限公司)

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10], ['张', 9], ['李', 9], ['马', 8], ['刘', 7], ['杨', 7], ['赵', 5], ['陈', 5], ['何', 3],
  ['魏', 3], ['高', 3], ['郭', 3], ['孙', 3], ['朱', 2], ['冯', 2], ['徐', 2], ['周', 3], ['吴', 2],
  ['牛', 2], ['苏', 2], ['蒲', 1], ['石', 2], ['丁', 2], ['韩', 2], ['汪', 2], ['党', 1], ['雷', 1],
  ['安', 1], ['包', 1], ['罗', 2], ['胡', 2], ['段', 1], ['贾', 1], ['曹', 1], ['田', 1], ['任', 1],
];

interface Names {
  person(): string;
  company(kind: string): string;
  bank(): string;
  insurer(): string;
}

function makeNames(rng: Rng, city: string): Names {
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (let i = 0; i < 50; i++) {
      const n = make();
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
    throw new Error('could not find an unused name');
  };
  return {
    person: () => unique(() => rng.weighted(SURNAMES) + (rng.chance(0.55) ? '某' : '某某')),
    company: (kind) => unique(() => `${rng.chance(0.8) ? city : '甘肃'}某某${kind}有限公司`),
    bank: () =>
      unique(() =>
        rng.pick([
          `某某银行股份有限公司${city}分行`,
          `某某银行股份有限公司${city}某某支行`,
          `${city}某某农村商业银行股份有限公司`,
          '某某消费金融有限公司',
        ]),
      ),
    insurer: () =>
      unique(() =>
        rng.pick([`某某财产保险股份有限公司${city}中心支公司`, '某某财产保险股份有限公司甘肃省分公司']),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Money

function money(rng: Rng, min: number, max: number, step = 100): number {
  const steps = Math.round((min + rng.next() * (max - min)) / step);
  return Math.round(steps * step * 100) / 100;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** 860000 → 86万元, 378250 → 378250元, 3268.5 → 3268.5元 */
function yuan(n: number): string {
  return n >= 10000 && n % 100 === 0 ? `${trimZeros((n / 10000).toFixed(2))}万元` : `${trimZeros(n.toFixed(2))}元`;
}

// ---------------------------------------------------------------------------------------------
// Case templates

type FactorCode =
  | 'GROUP_DISPUTE'
  | 'ILLEGAL_FUNDRAISING'
  | 'WAGE_ARREARS'
  | 'LAND_REQUISITION'
  | 'THREAT_EXTREME'
  | 'THREAT_PETITION'
  | 'PRIOR_PETITION'
  | 'MEDIA_ATTENTION'
  | 'DEATH_OR_SERIOUS_INJURY'
  | 'EXTREME_EMOTION'
  | 'VULNERABLE_PARTY'
  | 'ECONOMIC_HARDSHIP'
  | 'ENFORCEMENT_IMPOSSIBLE'
  | 'PROCEDURE_COMPLAINT'
  | 'COMPLEX_OR_NEW_TYPE'
  | 'UNREALISTIC_DEMAND';

interface PartySpec {
  name: string;
  role: PartyRole;
  vulnerable?: boolean;
}

interface Built {
  parties: PartySpec[];
  /** Set for group cases: the size of the many-person side. */
  groupSize?: number;
  amount: number;
  summary: string;
  /** Candidate risk factors with weights; a flagged case draws 1–3 of them. */
  factors: readonly (readonly [FactorCode, number])[];
  /** How likely a case of this kind is to be flagged, relative to 1. */
  risk: number;
}

interface Ctx {
  rng: Rng;
  names: Names;
  city: string;
  /** A larger court (an intermediate court's first instance) sees larger amounts. */
  scale: number;
}

interface Template {
  cause: string;
  build(ctx: Ctx): Built;
}

const civil: Record<string, Template> = {
  loan: {
    cause: '民间借贷纠纷',
    build: ({ rng, names, scale }) => {
      const p = names.person();
      const d = names.person();
      const amount = money(rng, 20000, 600000, 1000) * scale;
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.1) },
          { name: d, role: 'defendant' },
          ...(rng.chance(0.3) ? [{ name: names.person(), role: 'defendant' as const }] : []),
        ],
        amount,
        summary: rng.pick([
          `原告${p}主张被告${d}向其借款${yuan(amount)}，到期后经多次催要未归还，请求偿还本金及利息。`,
          `原告${p}主张其通过银行转账向被告${d}出借${yuan(amount)}，被告仅出具借条至今未还。`,
        ]),
        factors: [
          ['EXTREME_EMOTION', 3], ['ECONOMIC_HARDSHIP', 3], ['UNREALISTIC_DEMAND', 2], ['THREAT_PETITION', 2],
          ['PROCEDURE_COMPLAINT', 1], ['VULNERABLE_PARTY', 1],
        ],
        risk: 0.8,
      };
    },
  },
  bankLoan: {
    cause: '金融借款合同纠纷',
    build: ({ rng, names, scale }) => {
      const bank = names.bank();
      const d = names.person();
      const amount = money(rng, 30000, 900000, 100) * scale;
      return {
        parties: [
          { name: bank, role: 'plaintiff' },
          { name: d, role: 'defendant' },
          ...(rng.chance(0.4) ? [{ name: names.person(), role: 'defendant' as const }] : []),
        ],
        amount,
        summary: `原告${bank}主张被告${d}逾期未归还借款本息共计${yuan(amount)}，请求判令偿还并承担担保责任。`,
        factors: [['ECONOMIC_HARDSHIP', 3], ['EXTREME_EMOTION', 1]],
        risk: 0.25,
      };
    },
  },
  sale: {
    cause: '买卖合同纠纷',
    build: ({ rng, names, scale }) => {
      const p = names.company(rng.pick(['建材', '商贸', '钢材贸易', '农资']));
      const d = names.company(rng.pick(['建筑工程', '装饰工程', '商贸', '餐饮管理']));
      const amount = money(rng, 50000, 1200000, 100) * scale;
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}主张向被告${d}供应货物后，被告尚欠货款${yuan(amount)}未付。`,
        factors: [['COMPLEX_OR_NEW_TYPE', 1], ['UNREALISTIC_DEMAND', 1], ['PROCEDURE_COMPLAINT', 1]],
        risk: 0.3,
      };
    },
  },
  traffic: {
    cause: '机动车交通事故责任纠纷',
    build: ({ rng, names, scale }) => {
      const p = names.person();
      const d = names.person();
      const ins = names.insurer();
      const serious = rng.chance(0.35);
      const amount = money(rng, serious ? 200000 : 20000, serious ? 1200000 : 180000, 1) * scale;
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.25) },
          { name: d, role: 'defendant' },
          { name: ins, role: 'defendant' },
        ],
        amount,
        summary: serious
          ? `被告${d}驾驶小型轿车与原告${p}发生碰撞，致原告重伤，原告请求赔偿医疗费、残疾赔偿金等共计${yuan(amount)}。`
          : `被告${d}驾驶车辆与原告${p}驾驶的电动自行车相撞致原告受伤，原告请求赔偿医疗费、误工费等共计${yuan(amount)}。`,
        factors: serious
          ? [['DEATH_OR_SERIOUS_INJURY', 5], ['ECONOMIC_HARDSHIP', 3], ['VULNERABLE_PARTY', 2], ['EXTREME_EMOTION', 2], ['THREAT_PETITION', 1]]
          : [['UNREALISTIC_DEMAND', 2], ['EXTREME_EMOTION', 1], ['ECONOMIC_HARDSHIP', 1]],
        risk: serious ? 1.5 : 0.5,
      };
    },
  },
  divorce: {
    cause: '离婚纠纷',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = names.person();
      const amount = rng.chance(0.5) ? 0 : money(rng, 80000, 900000, 1000);
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: amount
          ? `原告${p}以夫妻感情确已破裂为由请求与被告${d}离婚，并请求分割共同财产、确定子女抚养。`
          : `原告${p}以双方长期分居、感情破裂为由，第二次起诉请求与被告${d}离婚。`,
        factors: [['EXTREME_EMOTION', 5], ['THREAT_EXTREME', 1], ['VULNERABLE_PARTY', 1], ['PROCEDURE_COMPLAINT', 1]],
        risk: 0.7,
      };
    },
  },
  labour: {
    cause: '劳动争议',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = names.company(rng.pick(['餐饮管理', '物流', '劳务派遣', '商贸', '保安服务']));
      const amount = money(rng, 15000, 160000, 1);
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.2) },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: rng.pick([
          `原告${p}不服劳动仲裁裁决，主张被告${d}违法解除劳动合同，请求支付赔偿金及未休年休假工资共计${yuan(amount)}。`,
          `原告${p}主张在被告${d}处工作期间未签订书面劳动合同，请求支付双倍工资差额${yuan(amount)}。`,
        ]),
        factors: [['WAGE_ARREARS', 2], ['EXTREME_EMOTION', 2], ['ECONOMIC_HARDSHIP', 2], ['THREAT_PETITION', 1], ['VULNERABLE_PARTY', 1]],
        risk: 1,
      };
    },
  },
  wages: {
    cause: '追索劳动报酬纠纷',
    build: ({ rng, names }) => {
      const group = rng.chance(0.45);
      const size = group ? rng.int(10, 58) : 1;
      const reps = Array.from({ length: group ? rng.int(2, 3) : 1 }, () => names.person());
      const d = names.company(rng.pick(['建筑劳务', '建筑工程', '市政工程']));
      const general = rng.chance(0.5) ? names.company('建设集团') : null;
      const amount = group ? money(rng, 8000, 30000, 100) * size : money(rng, 6000, 90000, 1);
      const project = rng.pick(['住宅小区', '棚户区改造安置房', '商业综合体', '道路改造', '学校教学楼']);
      return {
        parties: [
          ...reps.map((n) => ({ name: n, role: 'plaintiff' as const, vulnerable: true })),
          { name: d, role: 'defendant' },
          ...(general ? [{ name: general, role: 'defendant' as const }] : []),
        ],
        groupSize: group ? size : undefined,
        amount,
        summary: group
          ? `原告${reps[0]}等${size}名农民工在被告承建的${project}项目务工，主张被拖欠工资共计${yuan(amount)}。`
          : `原告${reps[0]}主张其在被告${d}承建的${project}项目务工期间被拖欠工资${yuan(amount)}。`,
        factors: group
          ? [['GROUP_DISPUTE', 8], ['WAGE_ARREARS', 8], ['THREAT_PETITION', 4], ['VULNERABLE_PARTY', 3], ['MEDIA_ATTENTION', 1]]
          : [['WAGE_ARREARS', 6], ['VULNERABLE_PARTY', 3], ['ECONOMIC_HARDSHIP', 2], ['THREAT_PETITION', 2]],
        risk: group ? 2.2 : 1.4,
      };
    },
  },
  property: {
    cause: '物业服务合同纠纷',
    build: ({ rng, names }) => {
      const p = names.company(rng.pick(['物业管理', '物业服务']));
      const d = names.person();
      const amount = money(rng, 800, 9000, 0.1);
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}主张被告${d}拖欠物业服务费${yuan(amount)}，被告以小区电梯、供暖维护不到位为由拒绝缴纳。`,
        factors: [['PROCEDURE_COMPLAINT', 2], ['EXTREME_EMOTION', 1]],
        risk: 0.2,
      };
    },
  },
  housing: {
    cause: '房屋买卖合同纠纷',
    build: ({ rng, names, scale }) => {
      const group = rng.chance(0.3);
      const size = group ? rng.int(12, 86) : 1;
      const reps = Array.from({ length: group ? rng.int(2, 3) : 1 }, () => names.person());
      const d = names.company(rng.pick(['房地产开发', '置业']));
      const amount = group ? money(rng, 20000, 60000, 100) * size : money(rng, 30000, 900000, 100) * scale;
      return {
        parties: [...reps.map((n) => ({ name: n, role: 'plaintiff' as const })), { name: d, role: 'defendant' }],
        groupSize: group ? size : undefined,
        amount,
        summary: group
          ? `原告${reps[0]}等${size}名购房人主张被告${d}逾期交房且至今未办理不动产权证，请求支付逾期交房违约金共计${yuan(amount)}。`
          : `原告${reps[0]}购买被告${d}开发的商品房后，被告逾期交房，原告请求解除合同并返还购房款${yuan(amount)}。`,
        factors: group
          ? [['GROUP_DISPUTE', 8], ['MEDIA_ATTENTION', 4], ['THREAT_PETITION', 4], ['PRIOR_PETITION', 2], ['EXTREME_EMOTION', 2]]
          : [['EXTREME_EMOTION', 2], ['ECONOMIC_HARDSHIP', 1], ['UNREALISTIC_DEMAND', 1]],
        risk: group ? 2 : 0.6,
      };
    },
  },
  construction: {
    cause: '建设工程施工合同纠纷',
    build: ({ rng, names, scale }) => {
      const p = rng.chance(0.5) ? names.person() : names.company(rng.pick(['建筑工程', '建筑劳务', '市政工程']));
      const d = names.company(rng.pick(['建设集团', '房地产开发', '建筑工程']));
      const amount = money(rng, 300000, 6000000, 100) * scale;
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
          ...(rng.chance(0.4) ? [{ name: names.company('房地产开发'), role: 'third_party' as const }] : []),
        ],
        amount,
        summary: `原告${p}作为实际施工人主张被告${d}拖欠工程款${yuan(amount)}，双方对工程量及结算价款存在争议。`,
        factors: [['COMPLEX_OR_NEW_TYPE', 4], ['WAGE_ARREARS', 3], ['THREAT_PETITION', 2], ['GROUP_DISPUTE', 1], ['UNREALISTIC_DEMAND', 1]],
        risk: 1.1,
      };
    },
  },
  inheritance: {
    cause: '继承纠纷',
    build: ({ rng, names }) => {
      const parties: PartySpec[] = [
        { name: names.person(), role: 'plaintiff', vulnerable: rng.chance(0.4) },
        { name: names.person(), role: 'defendant' },
      ];
      if (rng.chance(0.5)) parties.push({ name: names.person(), role: 'defendant' });
      const amount = money(rng, 200000, 1500000, 1000);
      return {
        parties,
        amount,
        summary: `原告${parties[0]!.name}与被告${parties[1]!.name}系兄弟姐妹，就父母遗留房屋一套（估值${yuan(amount)}）的继承份额发生争议。`,
        factors: [['EXTREME_EMOTION', 4], ['VULNERABLE_PARTY', 2], ['THREAT_EXTREME', 1], ['PRIOR_PETITION', 1]],
        risk: 0.8,
      };
    },
  },
  health: {
    cause: '生命权、身体权、健康权纠纷',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = names.person();
      const amount = money(rng, 8000, 320000, 1);
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.3) },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: rng.pick([
          `原告${p}主张因邻里纠纷被被告${d}推搡摔伤，请求赔偿医疗费、护理费等${yuan(amount)}。`,
          `原告${p}在被告${d}经营的场所内摔倒受伤，主张被告未尽安全保障义务，请求赔偿${yuan(amount)}。`,
        ]),
        factors: [['DEATH_OR_SERIOUS_INJURY', 3], ['EXTREME_EMOTION', 3], ['UNREALISTIC_DEMAND', 2], ['VULNERABLE_PARTY', 1]],
        risk: 0.9,
      };
    },
  },
  relocation: {
    cause: '房屋拆迁安置补偿合同纠纷',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = names.company(rng.pick(['城市建设投资', '房地产开发']));
      const amount = money(rng, 100000, 1200000, 100);
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.3) },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}与被告${d}就城中村改造项目签订安置补偿协议后，因安置房逾期交付及过渡费支付发生争议。`,
        factors: [['LAND_REQUISITION', 6], ['PRIOR_PETITION', 3], ['THREAT_PETITION', 3], ['VULNERABLE_PARTY', 1]],
        risk: 1.8,
      };
    },
  },
  medical: {
    cause: '医疗损害责任纠纷',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = `${rng.pick(['某某医院', '某某区人民医院', '某某中医医院'])}`;
      const amount = money(rng, 80000, 900000, 1);
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}主张被告${d}在诊疗过程中存在过错导致患者病情延误，请求赔偿${yuan(amount)}。`,
        factors: [['DEATH_OR_SERIOUS_INJURY', 4], ['MEDIA_ATTENTION', 2], ['EXTREME_EMOTION', 3], ['COMPLEX_OR_NEW_TYPE', 2]],
        risk: 1.4,
      };
    },
  },
  lease: {
    cause: '房屋租赁合同纠纷',
    build: ({ rng, names }) => {
      const p = names.person();
      const d = rng.chance(0.5) ? names.person() : names.company(rng.pick(['餐饮管理', '商贸']));
      const amount = money(rng, 6000, 180000, 1);
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}主张被告${d}拖欠租金${yuan(amount)}，请求解除租赁合同并腾退房屋。`,
        factors: [['EXTREME_EMOTION', 1], ['UNREALISTIC_DEMAND', 1]],
        risk: 0.3,
      };
    },
  },
};

const criminal: Record<string, Template> = {
  fraud: {
    cause: '诈骗罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const victims = rng.int(1, 3);
      const v = Array.from({ length: victims }, () => names.person());
      const many = rng.chance(0.3) ? rng.int(12, 45) : victims;
      const amount = money(rng, 30000, 1500000, 1);
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          ...v.map((n) => ({ name: n, role: 'victim' as const, vulnerable: rng.chance(0.5) })),
        ],
        groupSize: many > victims ? many : undefined,
        amount,
        summary: rng.pick([
          `被告人${d}以投资理财、保证高额回报为名，骗取${many}名被害人钱款共计${yuan(amount)}。`,
          `被告人${d}冒充网购平台客服，以退款为由骗取${many}名被害人钱款共计${yuan(amount)}。`,
        ]),
        factors: [['VULNERABLE_PARTY', 3], ['ECONOMIC_HARDSHIP', 3], ['GROUP_DISPUTE', many > 10 ? 4 : 0], ['THREAT_PETITION', 2]],
        risk: many > 10 ? 1.8 : 0.8,
      };
    },
  },
  fundraising: {
    cause: '非法吸收公众存款罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const d2 = names.person();
      const size = rng.int(40, 260);
      const amount = money(rng, 3000000, 48000000, 1000);
      const company = names.company(rng.pick(['投资管理', '农业发展', '养老服务', '商贸']));
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          { name: d2, role: 'defendant_criminal' },
          { name: names.person(), role: 'victim', vulnerable: true },
          { name: names.person(), role: 'victim', vulnerable: true },
        ],
        groupSize: size,
        amount,
        summary: `被告人${d}、${d2}以${company}名义承诺高额返利，向${size}名社会公众吸收资金${yuan(amount)}，案发时尚有大额本金未兑付。`,
        factors: [['ILLEGAL_FUNDRAISING', 10], ['GROUP_DISPUTE', 7], ['MEDIA_ATTENTION', 3], ['VULNERABLE_PARTY', 3], ['THREAT_PETITION', 3]],
        risk: 3,
      };
    },
  },
  assault: {
    cause: '故意伤害罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const v = names.person();
      const serious = rng.chance(0.4);
      const amount = rng.chance(0.6) ? money(rng, 20000, serious ? 400000 : 80000, 1) : 0;
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          { name: v, role: 'victim' },
        ],
        amount,
        summary: serious
          ? `被告人${d}因琐事与被害人${v}发生争执，持械将被害人打成重伤二级${amount ? `，被害人提起附带民事诉讼请求赔偿${yuan(amount)}` : ''}。`
          : `被告人${d}因邻里纠纷殴打被害人${v}，致被害人轻伤一级。`,
        factors: serious
          ? [['DEATH_OR_SERIOUS_INJURY', 6], ['EXTREME_EMOTION', 3], ['ECONOMIC_HARDSHIP', 2], ['THREAT_PETITION', 1]]
          : [['EXTREME_EMOTION', 2], ['UNREALISTIC_DEMAND', 1]],
        risk: serious ? 1.4 : 0.5,
      };
    },
  },
  theft: {
    cause: '盗窃罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const amount = money(rng, 3000, 90000, 1);
      return {
        parties: [{ name: d, role: 'defendant_criminal' }],
        amount,
        summary: `被告人${d}多次入户盗窃，盗得财物价值共计${yuan(amount)}。`,
        factors: [['EXTREME_EMOTION', 1]],
        risk: 0.1,
      };
    },
  },
  drunkDriving: {
    cause: '危险驾驶罪',
    build: ({ names }) => {
      const d = names.person();
      return {
        parties: [{ name: d, role: 'defendant_criminal' }],
        amount: 0,
        summary: `被告人${d}醉酒后驾驶机动车在城市道路上行驶，被执勤民警查获。`,
        factors: [['PROCEDURE_COMPLAINT', 1]],
        risk: 0.05,
      };
    },
  },
  trafficCrime: {
    cause: '交通肇事罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const v = names.person();
      const amount = money(rng, 300000, 1100000, 1);
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          { name: v, role: 'victim' },
        ],
        amount,
        summary: `被告人${d}驾驶货车违章行驶，与被害人${v}驾驶的摩托车相撞，致被害人死亡。`,
        factors: [['DEATH_OR_SERIOUS_INJURY', 6], ['EXTREME_EMOTION', 3], ['ECONOMIC_HARDSHIP', 3], ['THREAT_PETITION', 2]],
        risk: 1.5,
      };
    },
  },
};

/** First-instance criminal cases of an intermediate court. */
const criminalIntermediate: Record<string, Template> = {
  fundraisingFraud: {
    cause: '集资诈骗罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const size = rng.int(120, 680);
      const amount = money(rng, 20000000, 160000000, 10000);
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          { name: names.person(), role: 'defendant_criminal' },
          { name: names.person(), role: 'victim', vulnerable: true },
        ],
        groupSize: size,
        amount,
        summary: `被告人${d}以虚构养老项目、承诺高息为诱饵，向${size}名集资参与人非法集资${yuan(amount)}，大部分资金被挥霍。`,
        factors: [['ILLEGAL_FUNDRAISING', 10], ['GROUP_DISPUTE', 8], ['MEDIA_ATTENTION', 4], ['VULNERABLE_PARTY', 3], ['PRIOR_PETITION', 2]],
        risk: 3,
      };
    },
  },
  homicide: {
    cause: '故意杀人罪',
    build: ({ rng, names }) => {
      const d = names.person();
      const v = names.person();
      const amount = money(rng, 500000, 1500000, 1);
      return {
        parties: [
          { name: d, role: 'defendant_criminal' },
          { name: v, role: 'victim' },
        ],
        amount,
        summary: `被告人${d}因感情纠纷持刀将被害人${v}杀害，被害人近亲属提起附带民事诉讼。`,
        factors: [['DEATH_OR_SERIOUS_INJURY', 8], ['EXTREME_EMOTION', 5], ['MEDIA_ATTENTION', 2], ['THREAT_PETITION', 2]],
        risk: 2,
      };
    },
  },
};

const administrative: Record<string, Template> = {
  demolition: {
    cause: '行政强制',
    build: ({ rng, names, city }) => {
      const p = names.person();
      const d = rng.pick([`${city}市某区人民政府`, `${city}市某区某街道办事处`, `${city}市某区综合行政执法局`]);
      const amount = money(rng, 150000, 1200000, 1000);
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.3) },
          { name: d, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}不服被告${d}强制拆除其房屋的行为，请求确认违法并赔偿损失${yuan(amount)}。`,
        factors: [['LAND_REQUISITION', 6], ['PRIOR_PETITION', 4], ['THREAT_PETITION', 3], ['EXTREME_EMOTION', 2], ['VULNERABLE_PARTY', 1]],
        risk: 2,
      };
    },
  },
  expropriation: {
    cause: '房屋征收决定',
    build: ({ rng, names, city }) => {
      const reps = [names.person(), names.person()];
      const size = rng.int(5, 42);
      return {
        parties: [
          ...reps.map((n) => ({ name: n, role: 'plaintiff' as const })),
          { name: `${city}市某区人民政府`, role: 'defendant' },
        ],
        groupSize: size,
        amount: 0,
        summary: `原告${reps[0]}等${size}人不服被告作出的旧城区改建项目房屋征收决定，请求予以撤销。`,
        factors: [['LAND_REQUISITION', 8], ['GROUP_DISPUTE', 6], ['PRIOR_PETITION', 3], ['THREAT_PETITION', 3], ['MEDIA_ATTENTION', 1]],
        risk: 2.5,
      };
    },
  },
  compensation: {
    cause: '征收补偿',
    build: ({ rng, names, city }) => {
      const p = names.person();
      const amount = money(rng, 200000, 1600000, 1000);
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: rng.chance(0.3) },
          { name: `${city}市某区人民政府`, role: 'defendant' },
        ],
        amount,
        summary: `原告${p}不服被告作出的房屋征收补偿决定，认为评估价格明显低于市场价，请求撤销并重新作出补偿决定。`,
        factors: [['LAND_REQUISITION', 8], ['PRIOR_PETITION', 3], ['UNREALISTIC_DEMAND', 2], ['THREAT_PETITION', 2], ['VULNERABLE_PARTY', 1]],
        risk: 2,
      };
    },
  },
  disclosure: {
    cause: '政府信息公开',
    build: ({ rng, names, city }) => {
      const p = names.person();
      return {
        parties: [
          { name: p, role: 'plaintiff' },
          { name: rng.pick([`${city}市某区人民政府`, `${city}市自然资源局`, `${city}市某区住房和城乡建设局`]), role: 'defendant' },
        ],
        amount: 0,
        summary: `原告${p}申请公开其所在片区征收补偿安置方案及相关批复文件，不服被告作出的政府信息公开答复。`,
        factors: [['PRIOR_PETITION', 5], ['LAND_REQUISITION', 2], ['PROCEDURE_COMPLAINT', 2]],
        risk: 0.9,
      };
    },
  },
  injuryRecognition: {
    cause: '工伤认定',
    build: ({ rng, names, city }) => {
      const p = names.person();
      return {
        parties: [
          { name: p, role: 'plaintiff', vulnerable: true },
          { name: `${city}市人力资源和社会保障局`, role: 'defendant' },
          { name: names.company(rng.pick(['建筑劳务', '物流', '保洁服务'])), role: 'third_party' },
        ],
        amount: 0,
        summary: `原告${p}在工作中受伤后申请工伤认定，不服被告作出的不予认定工伤决定，请求予以撤销。`,
        factors: [['VULNERABLE_PARTY', 3], ['ECONOMIC_HARDSHIP', 3], ['DEATH_OR_SERIOUS_INJURY', 2], ['THREAT_PETITION', 1]],
        risk: 1,
      };
    },
  },
};

/** Enforcement cases: the cause is the one of the judgment being enforced. */
const enforcement: Record<string, Template & { weight: number }> = {
  loan: {
    cause: '民间借贷纠纷',
    weight: 30,
    build: ({ rng, names, scale }) => {
      const a = names.person();
      const r = names.person();
      const amount = money(rng, 20000, 500000, 1) * scale;
      return {
        parties: [
          { name: a, role: 'applicant', vulnerable: rng.chance(0.1) },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}申请执行被执行人${r}民间借贷纠纷一案生效判决，执行标的${yuan(amount)}。`,
        factors: [['ENFORCEMENT_IMPOSSIBLE', 6], ['PROCEDURE_COMPLAINT', 3], ['THREAT_PETITION', 2], ['ECONOMIC_HARDSHIP', 2], ['EXTREME_EMOTION', 2]],
        risk: 0.9,
      };
    },
  },
  bankLoan: {
    cause: '金融借款合同纠纷',
    weight: 18,
    build: ({ rng, names, scale }) => {
      const a = names.bank();
      const r = names.person();
      const amount = money(rng, 30000, 800000, 1) * scale;
      return {
        parties: [
          { name: a, role: 'applicant' },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}申请执行被执行人${r}金融借款合同纠纷一案生效判决，执行标的${yuan(amount)}，已查封被执行人名下住房一套。`,
        factors: [['ECONOMIC_HARDSHIP', 3], ['EXTREME_EMOTION', 2], ['VULNERABLE_PARTY', 1]],
        risk: 0.35,
      };
    },
  },
  sale: {
    cause: '买卖合同纠纷',
    weight: 12,
    build: ({ rng, names, scale }) => {
      const a = names.company(rng.pick(['建材', '商贸']));
      const r = names.company(rng.pick(['建筑工程', '装饰工程']));
      const amount = money(rng, 50000, 900000, 1) * scale;
      return {
        parties: [
          { name: a, role: 'applicant' },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}申请执行被执行人${r}买卖合同纠纷一案生效判决，被执行人经营困难，已冻结其银行账户。`,
        factors: [['ENFORCEMENT_IMPOSSIBLE', 4], ['PROCEDURE_COMPLAINT', 2]],
        risk: 0.4,
      };
    },
  },
  wages: {
    cause: '追索劳动报酬纠纷',
    weight: 10,
    build: ({ rng, names }) => {
      const group = rng.chance(0.4);
      const size = group ? rng.int(10, 45) : 1;
      const reps = Array.from({ length: group ? 2 : 1 }, () => names.person());
      const r = names.company(rng.pick(['建筑劳务', '建筑工程']));
      const amount = group ? money(rng, 8000, 26000, 100) * size : money(rng, 8000, 70000, 1);
      return {
        parties: [...reps.map((n) => ({ name: n, role: 'applicant' as const, vulnerable: true })), { name: r, role: 'respondent' }],
        groupSize: group ? size : undefined,
        amount,
        summary: group
          ? `申请执行人${reps[0]}等${size}名农民工申请执行被执行人${r}拖欠劳动报酬一案，执行标的${yuan(amount)}。`
          : `申请执行人${reps[0]}申请执行被执行人${r}追索劳动报酬纠纷一案生效判决，执行标的${yuan(amount)}。`,
        factors: group
          ? [['WAGE_ARREARS', 8], ['GROUP_DISPUTE', 8], ['THREAT_PETITION', 4], ['ENFORCEMENT_IMPOSSIBLE', 3], ['VULNERABLE_PARTY', 2]]
          : [['WAGE_ARREARS', 6], ['ENFORCEMENT_IMPOSSIBLE', 3], ['VULNERABLE_PARTY', 3], ['ECONOMIC_HARDSHIP', 2]],
        risk: group ? 2.4 : 1.6,
      };
    },
  },
  traffic: {
    cause: '机动车交通事故责任纠纷',
    weight: 10,
    build: ({ rng, names }) => {
      const a = names.person();
      const r = names.person();
      const amount = money(rng, 40000, 600000, 1);
      return {
        parties: [
          { name: a, role: 'applicant', vulnerable: rng.chance(0.4) },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}因交通事故受伤，申请执行被执行人${r}赔偿款${yuan(amount)}，肇事车辆未投保商业险。`,
        factors: [['ENFORCEMENT_IMPOSSIBLE', 5], ['ECONOMIC_HARDSHIP', 4], ['VULNERABLE_PARTY', 3], ['DEATH_OR_SERIOUS_INJURY', 2], ['THREAT_PETITION', 2]],
        risk: 1.4,
      };
    },
  },
  construction: {
    cause: '建设工程施工合同纠纷',
    weight: 6,
    build: ({ rng, names, scale }) => {
      const a = names.person();
      const r = names.company(rng.pick(['建设集团', '房地产开发']));
      const amount = money(rng, 300000, 4000000, 1) * scale;
      return {
        parties: [
          { name: a, role: 'applicant' },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}申请执行被执行人${r}工程款${yuan(amount)}，被执行人名下在建工程已被多家法院轮候查封。`,
        factors: [['ENFORCEMENT_IMPOSSIBLE', 4], ['WAGE_ARREARS', 3], ['COMPLEX_OR_NEW_TYPE', 1], ['THREAT_PETITION', 2]],
        risk: 1.2,
      };
    },
  },
  support: {
    cause: '抚养费纠纷',
    weight: 5,
    build: ({ rng, names }) => {
      const a = names.person();
      const r = names.person();
      const amount = money(rng, 6000, 60000, 100);
      return {
        parties: [
          { name: a, role: 'applicant', vulnerable: true },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}（未成年人，由其母代理）申请执行被执行人${r}拖欠的抚养费${yuan(amount)}。`,
        factors: [['VULNERABLE_PARTY', 4], ['ECONOMIC_HARDSHIP', 3], ['EXTREME_EMOTION', 2], ['ENFORCEMENT_IMPOSSIBLE', 2]],
        risk: 1,
      };
    },
  },
  property: {
    cause: '物业服务合同纠纷',
    weight: 6,
    build: ({ rng, names }) => {
      const a = names.company('物业管理');
      const r = names.person();
      const amount = money(rng, 900, 8000, 0.1);
      return {
        parties: [
          { name: a, role: 'applicant' },
          { name: r, role: 'respondent' },
        ],
        amount,
        summary: `申请执行人${a}申请执行被执行人${r}拖欠的物业服务费${yuan(amount)}。`,
        factors: [['PROCEDURE_COMPLAINT', 1]],
        risk: 0.15,
      };
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Flag notes

const FLAG_NOTES: Record<FactorCode, { trial: readonly string[]; enforcement: readonly string[] }> = {
  GROUP_DISPUTE: {
    trial: ['涉案当事人众多，已推选代表，存在集体到院、到政府聚集的可能。', '同一项目多名当事人诉求相同，关联案件陆续立案，群体性特征明显。'],
    enforcement: ['申请执行人人数众多，多次集体到执行局询问执行进展。', '关联执行案件较多，申请执行人建立了微信群相互串联。'],
  },
  ILLEGAL_FUNDRAISING: {
    trial: ['集资参与人分布在多个县区，多为中老年人，对追赃挽损期望很高。', '涉案资金缺口较大，集资参与人关注退赔比例，开庭时可能集中旁听。'],
    enforcement: ['涉众型经济犯罪财产部分执行，集资参与人关注退赔进度。'],
  },
  WAGE_ARREARS: {
    trial: ['原告均为农民工，所欠工资系全年劳务收入，临近年底讨薪情绪强烈。', '项目已停工，总包方与劳务分包方相互推诿，工资至今未支付。'],
    enforcement: ['执行标的为农民工工资，申请执行人多次到院催要。', '被执行人拖欠的系农民工工资，应优先执行，申请执行人生活困难。'],
  },
  LAND_REQUISITION: {
    trial: ['涉及城中村改造征收补偿，原告对评估价格和安置方式不认可。', '被征收人认为安置面积不足，曾多次到区政府反映。'],
    enforcement: ['涉及征收补偿款执行，被执行人以补偿不公为由拒不腾退。'],
  },
  THREAT_EXTREME: {
    trial: ['当事人在庭审后称“判不下来就从楼上跳下去”，情绪失控，已告知家属并报告庭领导。', '当事人来电称若诉求得不到支持将采取极端行为，已做好安抚并登记。'],
    enforcement: ['申请执行人在执行局称再拿不到钱就在法院门口自焚，已安抚并报告局领导。'],
  },
  THREAT_PETITION: {
    trial: ['当事人表示若案件不能尽快处理将到省里、北京上访。', '原告代表在接待时称将组织工友到省政府反映。'],
    enforcement: ['申请执行人称执行再无进展就到省高院、最高法院上访。', '申请执行人扬言到市委、市政府反映执行不力问题。'],
  },
  PRIOR_PETITION: {
    trial: ['当事人此前曾因同一纠纷多次到区信访局信访。', '当事人曾于去年到市中院信访接待室来访两次。'],
    enforcement: ['申请执行人曾因本案到市中院来访并通过网上申诉平台反映执行问题。'],
  },
  MEDIA_ATTENTION: {
    trial: ['当事人已在短视频平台发布涉案视频，评论转发较多。', '本地媒体已对该项目相关问题进行报道，舆论关注度较高。'],
    enforcement: ['申请执行人在网络平台发帖反映“执行难”，已引起关注。'],
  },
  DEATH_OR_SERIOUS_INJURY: {
    trial: ['案件造成一人死亡，死者近亲属情绪激动。', '受害人经鉴定为重伤二级，后续治疗费用较高。'],
    enforcement: ['申请执行人因事故致残，后续治疗依赖执行款。'],
  },
  EXTREME_EMOTION: {
    trial: ['双方矛盾尖锐，庭审中多次发生争吵，一度需法警维持秩序。', '当事人情绪激动，在诉讼服务中心大声吵闹。'],
    enforcement: ['申请执行人情绪激动，在执行局接待室与工作人员发生争执。'],
  },
  VULNERABLE_PARTY: {
    trial: ['当事人系七十余岁老人，独居，无固定收入。', '当事人为农民工，文化程度较低，对诉讼程序不了解。', '涉及未成年子女抚养问题。'],
    enforcement: ['申请执行人系残疾人，行动不便，生活依赖家人照顾。', '申请执行人年逾七旬，身患慢性病。'],
  },
  ECONOMIC_HARDSHIP: {
    trial: ['当事人家庭生活困难，系城市低保户。', '当事人因病致贫，长期无稳定收入。'],
    enforcement: ['申请执行人家庭困难，急需执行款用于治疗和生活。', '申请执行人系低保户，符合司法救助条件，可引导申请。'],
  },
  ENFORCEMENT_IMPOSSIBLE: {
    trial: ['被告名下已无可供执行的财产，判决后难以实际履行。'],
    enforcement: ['经网络查控及实地调查，被执行人名下无可供执行的财产。', '被执行人下落不明，名下无房产、车辆和存款，拟终结本次执行程序。'],
  },
  PROCEDURE_COMPLAINT: {
    trial: ['当事人认为承办法官偏袒对方，要求更换承办人。', '当事人对鉴定程序提出异议，认为鉴定机构选定不公。'],
    enforcement: ['申请执行人对执行进度不满，多次投诉执行不力。', '被执行人认为查封超标的，对执行措施强烈不满。'],
  },
  COMPLEX_OR_NEW_TYPE: {
    trial: ['案件涉及多层转包及挂靠关系，法律关系复杂。', '案件涉及新类型法律问题，裁判尺度尚不统一。'],
    enforcement: ['执行标的涉及多家法院轮候查封，参与分配关系复杂。'],
  },
  UNREALISTIC_DEMAND: {
    trial: ['原告主张的赔偿数额远超法定标准，调解难度大。', '当事人要求的精神损害抚慰金明显过高。'],
    enforcement: ['申请执行人要求额外支付判决以外的损失，诉求明显过高。'],
  },
};

/** Why a flag was withdrawn: while the case is open, or once it has been closed. */
const WITHDRAW_NOTES = {
  open: ['经复核，该情形与事实不符，予以撤销。', '经释法明理，当事人情绪已平复，风险已消除。', '当事人诉求已通过调解部分解决，风险明显降低。'],
  trial: ['经调解双方达成和解协议，风险已消除。', '当事人已表示服从判决，不再上访。'],
  enforcement: ['执行款已全部到位，申请执行人表示满意。', '双方达成执行和解并已履行完毕，风险已消除。'],
};

// ---------------------------------------------------------------------------------------------
// Case numbers

/** Roughly how many cases of a type a court files a year, so that serials grow with the filing date. */
const ANNUAL_VOLUME: Record<string, Record<string, number>> = {
  甘0102: { 民初: 16000, 刑初: 900, 行初: 400, 执: 9000, 执恢: 600, 执异: 300, 执保: 250 },
  甘0103: { 民初: 9000, 刑初: 600, 行初: 220, 执: 5000, 执恢: 400, 执异: 150, 执保: 120 },
  甘0104: { 民初: 4000, 刑初: 300, 执: 2500, 执恢: 150, 执异: 60, 执保: 50 },
  甘0105: { 民初: 5000, 刑初: 350, 执: 3000, 执恢: 200, 执异: 80, 执保: 60 },
  甘0191: { 民初: 9500, 刑初: 400, 执: 4200, 执恢: 260, 执异: 90, 执保: 80 },
  甘01: { 民初: 600, 民终: 5500, 刑初: 120, 刑终: 700, 行初: 250, 行终: 300, 执: 900, 执恢: 80, 执异: 150, 司救民: 40, 司救执: 60, 国赔: 20 },
  甘05: { 民初: 300, 民终: 2800, 刑初: 60, 刑终: 400, 行初: 150, 行终: 160, 执: 400, 执恢: 40, 执异: 60, 司救民: 20, 司救执: 30, 国赔: 10 },
  甘0502: { 民初: 7000, 刑初: 500, 行初: 150, 执: 4000, 执恢: 300, 执异: 100, 执保: 90 },
  甘0503: { 民初: 5000, 刑初: 350, 执: 2800, 执恢: 200, 执异: 70, 执保: 60 },
};

function annualVolume(court: string, type: string): number {
  return ANNUAL_VOLUME[court]?.[type] ?? (type === '民初' ? 2500 : type === '执' ? 1200 : type.startsWith('执') ? 80 : 250);
}

// ---------------------------------------------------------------------------------------------
// The plan: which courts get how many cases

interface CourtPlan {
  court: string;
  trial: number;
  enforcement: number;
  /** Courts that hear administrative cases at first instance (集中管辖). */
  administrative?: boolean;
}

const PLAN: readonly CourtPlan[] = [
  { court: '甘0102', trial: 86, enforcement: 44, administrative: true },
  { court: '甘0103', trial: 38, enforcement: 18, administrative: true },
  { court: '甘0105', trial: 28, enforcement: 12 },
  { court: '甘0104', trial: 8, enforcement: 4 },
  { court: '甘0111', trial: 4, enforcement: 2 },
  { court: '甘0121', trial: 4, enforcement: 2 },
  { court: '甘0122', trial: 3, enforcement: 1 },
  { court: '甘0123', trial: 4, enforcement: 2 },
  { court: '甘0191', trial: 6, enforcement: 3 },
  { court: '甘01', trial: 24, enforcement: 5 },
  { court: '甘05', trial: 12, enforcement: 3 },
  { court: '甘0502', trial: 24, enforcement: 11, administrative: true },
  { court: '甘0503', trial: 13, enforcement: 6 },
];

const CIVIL_WEIGHTS: readonly (readonly [string, number])[] = [
  ['loan', 16], ['bankLoan', 9], ['sale', 8], ['traffic', 10], ['divorce', 10], ['labour', 7], ['wages', 8],
  ['property', 8], ['housing', 6], ['construction', 5], ['inheritance', 4], ['health', 5], ['relocation', 3],
  ['medical', 2], ['lease', 3],
];
const CIVIL_INTERMEDIATE_FIRST: readonly (readonly [string, number])[] = [
  ['construction', 5], ['housing', 3], ['bankLoan', 3], ['sale', 2],
];
const CRIMINAL_WEIGHTS: readonly (readonly [string, number])[] = [
  ['fraud', 25], ['fundraising', 12], ['assault', 22], ['theft', 15], ['drunkDriving', 16], ['trafficCrime', 10],
];
const ADMIN_WEIGHTS: readonly (readonly [string, number])[] = [
  ['demolition', 3], ['expropriation', 2], ['compensation', 3], ['disclosure', 3], ['injuryRecognition', 2],
];

const BASIC_TRIAL_TYPES: readonly (readonly [string, number])[] = [['民初', 86], ['刑初', 10], ['行初', 4]];
const INTERMEDIATE_TRIAL_TYPES: readonly (readonly [string, number])[] = [
  ['民终', 44], ['民初', 10], ['刑初', 6], ['刑终', 12], ['行初', 9], ['行终', 7], ['司救民', 4], ['司救执', 5], ['国赔', 3],
];
const BASIC_ENFORCEMENT_TYPES: readonly (readonly [string, number])[] = [['执', 72], ['执恢', 14], ['执异', 9], ['执保', 5]];
const INTERMEDIATE_ENFORCEMENT_TYPES: readonly (readonly [string, number])[] = [['执', 70], ['执异', 20], ['执恢', 10]];

// ---------------------------------------------------------------------------------------------
// Builder

interface CaseDraft {
  courtCode: string;
  typeCode: string;
  year: number;
  serial: number;
  cause: string;
  stage: CaseStage;
  filedOn: string;
  closedOn: string | null;
  partyCount: number;
  amount: number;
  judge: string | null;
  summary: string;
  parties: PartySpec[];
  flags: FlagDraft[];
  /** A worked example's course through the petition office (see office.ts). */
  script?: readonly ScriptedStep[];
  /** Nobody at its own court reviews its warning (see office.ts). */
  neglected?: true;
  /** A generated case: this year's petitions may be about it (the worked examples keep their documented scores). */
  linkable?: true;
}

interface FlagDraft {
  factor: FactorCode;
  note: string;
  by: string;
  day: string;
  /** When on that day (minutes after midnight); a drawn office-hours time otherwise. */
  minutes?: number;
  withdrawn?: { by: string; day: string; note: string };
}

export interface BuildOptions {
  /** The Shanghai day the demo is built for (YYYY-MM-DD). */
  today: string;
  seed?: number;
}

function judgeFor(courtCode: string, kind: 'trial' | 'enforcement'): string | null {
  const role: Role = kind === 'trial' ? 'trial_judge' : 'enforcement_judge';
  return DEMO_USERS.find((u) => u.courtCode === courtCode && u.roles.includes(role))?.username ?? null;
}

/** The petition office of 兰州中院 can flag any case in its subtree. */
function inLanzhou(courtCode: string): boolean {
  return courtPath(courtCode).startsWith(courtPath('甘01'));
}

/** The demo's petition officer whose office handles a court's warnings: the nearest one above or at it. */
function petitionOfficeOf(courtCode: string): string | null {
  const officers = DEMO_USERS.filter((u) => u.roles.includes('petition_officer'));
  const inScope = officers.filter((u) => courtInScope({ roles: u.roles, courtPath: courtPath(u.courtCode) }, courtPath(courtCode)));
  return inScope.sort((a, b) => courtPath(b.courtCode).length - courtPath(a.courtCode).length)[0]?.username ?? null;
}

function cityOf(courtCode: string): string {
  return courtPath(courtCode).startsWith(courtPath('甘05')) ? '天水' : '兰州';
}

/** Short name of a lower court for 民终 summaries: 兰州市七里河区人民法院. */
function lowerCourtName(rng: Rng, courtCode: string): string {
  const below = GANSU_COURTS.filter((c) => c.parentCode === courtCode && !c.name.includes('林区'));
  return rng.pick(below).name;
}

function toAppeal(rng: Rng, b: Built, cause: string, lowerCourt: string): Built {
  const plaintiffsAppeal = rng.chance(0.5);
  const parties = b.parties.map((p): PartySpec => {
    if (p.role === 'plaintiff') return { ...p, role: plaintiffsAppeal ? 'appellant' : 'appellee' };
    if (p.role === 'defendant') return { ...p, role: plaintiffsAppeal ? 'appellee' : 'appellant' };
    return p;
  });
  const accused = parties.find((p) => p.role === 'defendant_criminal');
  if (accused) {
    return { ...b, summary: `上诉人（原审被告人）${accused.name}犯${cause}一案，不服${lowerCourt}一审刑事判决，提出上诉。` };
  }
  const appellant = parties.find((p) => p.role === 'appellant')!.name;
  const appellee = parties.find((p) => p.role === 'appellee')!.name;
  return {
    ...b,
    parties,
    summary: `上诉人${appellant}因与被上诉人${appellee}${cause}一案，不服${lowerCourt}一审判决，提起上诉。`,
  };
}

function toAdminAppeal(rng: Rng, b: Built, cause: string, lowerCourt: string): Built {
  const plaintiffAppeals = rng.chance(0.8);
  const parties = b.parties.map((p): PartySpec => {
    if (p.role === 'plaintiff') return { ...p, role: plaintiffAppeals ? 'appellant' : 'appellee' };
    if (p.role === 'defendant') return { ...p, role: plaintiffAppeals ? 'appellee' : 'appellant' };
    return p;
  });
  const appellant = parties.find((p) => p.role === 'appellant')!.name;
  return { ...b, parties, summary: `上诉人${appellant}不服${lowerCourt}${cause}一案行政判决，提起上诉。` };
}

function assistance(ctx: Ctx, type: string): Template & { built: Built } {
  const { rng, names } = ctx;
  const a = names.person();
  const amount = money(rng, 10000, 60000, 1000);
  const enforcementCase = type === '司救执';
  const built: Built = {
    parties: [{ name: a, role: 'applicant', vulnerable: true }],
    amount,
    summary: enforcementCase
      ? `申请执行人${a}因被执行人无财产可供执行、家庭生活困难，申请司法救助${yuan(amount)}。`
      : `申请人${a}因交通事故致残且赔偿款无法到位，生活陷入困境，申请司法救助${yuan(amount)}。`,
    factors: [['ECONOMIC_HARDSHIP', 5], ['PRIOR_PETITION', 4], ['VULNERABLE_PARTY', 3], ['THREAT_PETITION', 2]],
    risk: 1.6,
  };
  return { cause: enforcementCase ? '执行救助' : '涉诉信访救助', build: () => built, built };
}

function stateCompensation(ctx: Ctx): Template & { built: Built } {
  const { rng, names, city } = ctx;
  const a = names.person();
  const amount = money(rng, 50000, 600000, 100);
  const built: Built = {
    parties: [
      { name: a, role: 'applicant' },
      { name: rng.pick([`${city}市公安局某分局`, `${city}市某区人民检察院`]), role: 'respondent' },
    ],
    amount,
    summary: `赔偿请求人${a}以被错误羁押为由，不服赔偿义务机关作出的赔偿决定，向本院赔偿委员会申请作出赔偿决定，请求赔偿${yuan(amount)}。`,
    factors: [['PRIOR_PETITION', 4], ['UNREALISTIC_DEMAND', 3], ['PROCEDURE_COMPLAINT', 2], ['EXTREME_EMOTION', 2]],
    risk: 1.2,
  };
  return { cause: '刑事赔偿', build: () => built, built };
}

function enforcementVariant({ names }: Ctx, type: string, b: Built, cause: string): Built {
  if (type === '执恢') {
    const a = b.parties.find((p) => p.role === 'applicant')!.name;
    const r = b.parties.find((p) => p.role === 'respondent')!.name;
    return {
      ...b,
      summary: `本案前以终结本次执行程序结案，申请执行人${a}发现被执行人${r}新的财产线索，申请恢复执行，未履行金额${yuan(b.amount)}。`,
      factors: [...b.factors, ['PRIOR_PETITION', 3], ['PROCEDURE_COMPLAINT', 2]],
      risk: b.risk * 1.3,
    };
  }
  if (type === '执异') {
    const outsider = b.parties.find((p) => p.role === 'applicant')!;
    const objector = names.person();
    return {
      ...b,
      parties: [
        { name: objector, role: 'applicant' },
        { name: outsider.name, role: 'respondent', vulnerable: outsider.vulnerable },
        ...b.parties.filter((p) => p.role === 'respondent').map((p) => ({ ...p, role: 'third_party' as const })),
      ],
      groupSize: undefined,
      summary: `案外人${objector}对本院在${cause}执行案件中查封的房屋提出执行异议，主张其系该房屋的实际买受人。`,
      factors: [['PROCEDURE_COMPLAINT', 4], ['EXTREME_EMOTION', 3], ['THREAT_PETITION', 2], ['COMPLEX_OR_NEW_TYPE', 1]],
      risk: 0.9,
    };
  }
  if (type === '执保') {
    const a = b.parties.find((p) => p.role === 'applicant')!.name;
    const r = b.parties.find((p) => p.role === 'respondent')!.name;
    return {
      ...b,
      summary: `申请人${a}在${cause}诉讼中申请对被申请人${r}名下银行存款、车辆采取保全措施，保全金额${yuan(b.amount)}。`,
      factors: [['PROCEDURE_COMPLAINT', 3], ['EXTREME_EMOTION', 1]],
      risk: 0.3,
    };
  }
  return b;
}

function chooseStage(rng: Rng, category: CaseCategory, age: number): CaseStage {
  if (category === 'enforcement') {
    if (age < 7) return rng.chance(0.5) ? 'filing' : 'enforcement';
    if (age < 180) return rng.chance(0.75) ? 'enforcement' : 'closed';
    return rng.chance(0.35) ? 'enforcement' : 'closed';
  }
  if (age < 10) return rng.chance(0.6) ? 'filing' : 'trial';
  if (age < 90) return rng.weighted([['trial', 85], ['judgment', 5], ['closed', 10]] as const);
  if (age < 365) return rng.weighted([['closed', 55], ['trial', 30], ['judgment', 15]] as const);
  return rng.weighted([['closed', 88], ['trial', 8], ['judgment', 4]] as const);
}

// ---------------------------------------------------------------------------------------------
// Scoring and warnings: replayed through the app's warning lifecycle by history.ts, with the
// people's work planned by office.ts.

/** Whether a new case built from `b` would already reach the warn line, unflagged. */
function warnsWhenFiled(b: Built, filedOn: string, today: string): boolean {
  const facts = caseFacts(
    {
      category: 'civil',
      stage: 'trial',
      partyCount: b.groupSize ?? b.parties.length,
      amountInDispute: b.amount,
      filedOn,
      closedOn: null,
      activeFactors: [],
      hasVulnerableParty: b.parties.some((p) => p.vulnerable),
      petitions12m: 0,
      petitions7d: 0,
    },
    today,
  );
  return evaluate(COMPILED_DEFAULT, facts, { trace: false }).warn;
}

/**
 * Builds every demo row. `today` is the Shanghai day the data should look current for; cases are
 * filed in the three years before it and never after it.
 */
export async function buildDemoSeed(options: BuildOptions): Promise<SeedRows> {
  const { today } = options;
  if (!isValidDay(today)) throw new Error(`today must be YYYY-MM-DD: ${today}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = makeRng(seed);
  // Ids from a stream of their own, apart from the demo petitions' (petitions.ts) for the same seed.
  const newId = makeIds(seed ^ 0x5eed1d5);
  const thisYear = Number(today.slice(0, 4));
  const yesterday = addDays(today, -1);

  // Users
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) userIds.set(u.username, newId());
  const uid = (username: string): string => {
    const id = userIds.get(username);
    if (!id) throw new Error(`unknown demo user ${username}`);
    return id;
  };
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const usersCreatedAt = at(`${thisYear - 3}-01-03`, 9 * 60);
  const users: SeedRow[] = DEMO_USERS.map((u, i) => ({
    id: uid(u.username),
    username: u.username,
    display_name: u.displayName,
    court_id: courtByCode(u.courtCode).id,
    division: u.division,
    password_hash: hashes[i]!,
    active: 1,
    version: 1,
    created_at: usersCreatedAt,
    updated_at: usersCreatedAt,
  }));
  const userRoles: SeedRow[] = DEMO_USERS.flatMap((u) => u.roles.map((role) => ({ user_id: uid(u.username), role })));

  // Cases
  const drafts: CaseDraft[] = [];
  const usedNumbers = new Set<string>();
  const numberOf = (d: Pick<CaseDraft, 'year' | 'courtCode' | 'typeCode' | 'serial'>) =>
    `（${d.year}）${d.courtCode}${d.typeCode}${d.serial}号`;
  const reserve = (d: Pick<CaseDraft, 'year' | 'courtCode' | 'typeCode' | 'serial'>) => {
    const n = numberOf(d);
    if (usedNumbers.has(n)) throw new Error(`duplicate case number ${n}`);
    usedNumbers.add(n);
  };
  const serialFor = (court: string, type: string, year: number, filedOn: string): number => {
    const dayOfYear = daysBetween(`${year}-01-01`, filedOn) + 1;
    const base = Math.max(1, Math.round((annualVolume(court, type) * dayOfYear) / 365 * (0.99 + rng.next() * 0.02)));
    let serial = base;
    while (usedNumbers.has(numberOf({ year, courtCode: court, typeCode: type, serial }))) serial++;
    return serial;
  };

  // 1. The worked examples of domain.md §6, filed recently so their scores are the documented ones,
  // each at a telling point of its course: the wages case flagged yesterday and red, due for review
  // today; the enforcement case reviewed, re-levelled and proposed for a joint meeting; the divorce
  // case reviewed within hours, with a leader in charge.
  const judge = 'judge';
  const ago = (days: number) => addDays(today, -days);
  drafts.push({
    courtCode: '甘0102', typeCode: '民初', year: 2024, serial: 1234, cause: '追索劳动报酬纠纷', stage: 'trial',
    filedOn: addDays(today, -75), closedOn: null, partyCount: 36, amount: 860000, judge,
    summary: '原告张某某等36名农民工在被告承建的住宅小区项目务工，主张被拖欠工资共计86万元。',
    parties: [
      { name: '张某某', role: 'plaintiff', vulnerable: true },
      { name: '李某', role: 'plaintiff', vulnerable: true },
      { name: '马某某', role: 'plaintiff', vulnerable: true },
      { name: '兰州某某建筑劳务有限公司', role: 'defendant' },
      { name: '甘肃某某建设集团有限公司', role: 'defendant' },
    ],
    flags: [
      { factor: 'GROUP_DISPUTE', by: judge, day: ago(1), minutes: 9 * 60 + 40, note: '原告36人系同一项目农民工，已推选张某某等3人为代表，存在集体到院、到政府聚集的可能。' },
      { factor: 'WAGE_ARREARS', by: judge, day: ago(1), minutes: 9 * 60 + 52, note: '所欠系原告一年多的劳务工资，总包方与劳务分包方相互推诿，至今未支付。' },
      { factor: 'THREAT_PETITION', by: 'petition', day: ago(1), minutes: 15 * 60 + 20, note: '原告代表到立案信访庭称，年底前拿不到工资将组织工友到省政府上访。' },
    ],
    script: [],
  });
  drafts.push({
    courtCode: '甘0102', typeCode: '执', year: 2024, serial: 3456, cause: '机动车交通事故责任纠纷', stage: 'enforcement',
    filedOn: addDays(today, -120), closedOn: null, partyCount: 2, amount: 286500, judge: 'enforcer',
    summary: '申请执行人王某某因交通事故致残，申请执行被执行人刘某赔偿款28.65万元，被执行人名下无财产可供执行。',
    parties: [
      { name: '王某某', role: 'applicant', vulnerable: true },
      { name: '刘某', role: 'respondent' },
    ],
    flags: [
      { factor: 'ENFORCEMENT_IMPOSSIBLE', by: 'enforcer', day: ago(95), minutes: 9 * 60 + 20, note: '经网络查控及实地调查，被执行人刘某名下无房产、车辆、存款，肇事车辆已报废。' },
      { factor: 'VULNERABLE_PARTY', by: 'enforcer', day: ago(95), minutes: 9 * 60 + 26, note: '申请执行人王某某因事故致双下肢残疾（肢体二级），行动不便。' },
      { factor: 'ECONOMIC_HARDSHIP', by: 'enforcer', day: ago(20), minutes: 10 * 60 + 10, note: '申请执行人丧失劳动能力，家庭无其他收入来源，靠亲友接济维持生活。' },
      { factor: 'DEATH_OR_SERIOUS_INJURY', by: 'enforcer', day: ago(20), minutes: 10 * 60 + 15, note: '本案源于交通事故致申请执行人重伤致残，后续康复治疗依赖执行款。' },
    ],
    script: [
      { daysAgo: 94, minutes: 10 * 60 + 5, action: 'acknowledge', note: '已调阅卷宗，会同执行局研判：申请执行人因事故致残，被执行人确无财产可供执行。' },
      { daysAgo: 19, minutes: 9 * 60 + 30, action: 'assign_leader' },
      { daysAgo: 18, minutes: 15 * 60 + 10, action: 'propose', note: '申请执行人生活困难，需协调民政、残联等部门开展司法救助和社会救助，建议提请联席会议研究。' },
    ],
  });
  drafts.push({
    courtCode: '甘0103', typeCode: '民初', year: 2023, serial: 5678, cause: '离婚纠纷', stage: 'trial',
    filedOn: addDays(today, -30), closedOn: null, partyCount: 2, amount: 0, judge: 'judge_0103',
    summary: '原告赵某以长期分居、感情破裂为由请求与被告孙某某离婚，被告坚决不同意离婚。',
    parties: [
      { name: '赵某', role: 'plaintiff' },
      { name: '孙某某', role: 'defendant' },
    ],
    flags: [
      { factor: 'THREAT_EXTREME', by: 'judge_0103', day: ago(8), minutes: 11 * 60 + 20, note: '被告孙某某在庭审中称“判离就死在法院”，情绪失控，已通知其家属并报告庭领导。' },
    ],
    script: [
      { daysAgo: 8, minutes: 14 * 60 + 5, action: 'acknowledge', note: '已电话联系被告及其家属做好情绪疏导，并与承办法官商定庭审前后的稳控措施。' },
      { daysAgo: 7, minutes: 9 * 60 + 15, action: 'assign_leader' },
    ],
  });
  drafts.push({
    courtCode: '甘0105', typeCode: '民初', year: 2024, serial: 910, cause: '物业服务合同纠纷', stage: 'trial',
    filedOn: addDays(today, -40), closedOn: null, partyCount: 2, amount: 3268.5, judge: 'judge_0105',
    summary: '原告兰州某某物业管理有限公司主张被告陈某拖欠近三年物业服务费3268.5元，被告以电梯长期故障为由拒绝缴纳。',
    parties: [
      { name: '兰州某某物业管理有限公司', role: 'plaintiff' },
      { name: '陈某', role: 'defendant' },
    ],
    flags: [],
  });

  // 2. Unflagged open trial cases at 城关区法院 for a demo to flag.
  const demoReady: { template: Template; ago: number }[] = [
    { template: civil.wages!, ago: 6 },
    { template: civil.loan!, ago: 15 },
    { template: civil.traffic!, ago: 22 },
    { template: civil.housing!, ago: 34 },
    { template: civil.inheritance!, ago: 48 },
  ];
  // A case ready to be flagged is quiet — below the warn line, so it has no warning and a flag
  // raises its first one. A draw that already reaches the line (a large group case: parties and
  // amount alone make yellow) is redrawn from a side stream, which leaves the main stream, and so
  // every other case, as it was.
  const quietRng = makeRng(seed ^ 0x0c0ffee);
  for (const { template, ago } of demoReady) {
    const filedOn = addDays(today, -ago);
    const year = Number(filedOn.slice(0, 4));
    let b = template.build({ rng, names: makeNames(rng, '兰州'), city: '兰州', scale: 1 });
    for (let tries = 1; warnsWhenFiled(b, filedOn, today); tries++) {
      if (tries > 50) throw new Error(`no quiet draw of ${template.cause}`);
      b = template.build({ rng: quietRng, names: makeNames(quietRng, '兰州'), city: '兰州', scale: 1 });
    }
    drafts.push({
      courtCode: '甘0102', typeCode: '民初', year, serial: 0, cause: template.cause, stage: 'trial', filedOn,
      closedOn: null, partyCount: b.groupSize ?? b.parties.length, amount: b.amount, judge, summary: b.summary,
      parties: b.parties, flags: [],
    });
  }
  // 3. A red warning nobody at 七里河区法院 reviewed in time: the daily run escalated it to 兰州中院,
  // whose petition office took it up that morning. Its own side stream, like the quiet ones.
  const groupRng = makeRng(seed ^ 0x9e5ca1a);
  let group = civil.wages!.build({ rng: groupRng, names: makeNames(groupRng, '兰州'), city: '兰州', scale: 1 });
  for (let tries = 1; !group.groupSize; tries++) {
    if (tries > 50) throw new Error('no group draw of 追索劳动报酬纠纷');
    group = civil.wages!.build({ rng: groupRng, names: makeNames(groupRng, '兰州'), city: '兰州', scale: 1 });
  }
  drafts.push({
    courtCode: '甘0103', typeCode: '民初', year: Number(ago(57).slice(0, 4)), serial: 0, cause: civil.wages!.cause, stage: 'trial',
    filedOn: ago(57), closedOn: null, partyCount: group.groupSize!, amount: group.amount, judge: 'judge_0103',
    summary: group.summary, parties: group.parties, neglected: true,
    flags: (['GROUP_DISPUTE', 'WAGE_ARREARS'] as const).map((factor, i) => ({
      factor, by: 'judge_0103', day: ago(12), minutes: 10 * 60 + 5 + 7 * i, note: groupRng.pick(FLAG_NOTES[factor].trial),
    })),
  });

  for (const d of drafts) if (d.serial) reserve(d);
  for (const d of drafts) {
    if (!d.serial) {
      d.serial = serialFor(d.courtCode, d.typeCode, d.year, d.filedOn);
      reserve(d);
    }
  }

  // 4. The generated cases: more of them the more recent the year, the current year in proportion
  // to how much of it has passed.
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear];
  const yearWeights = [12, 20, 32, (36 * Math.max(1, daysBetween(`${thisYear}-01-01`, today))) / 365];
  for (const plan of PLAN) {
    const court = courtByCode(plan.court);
    const intermediate = court.level === 'intermediate';
    const city = cityOf(plan.court);
    for (let i = 0; i < plan.trial + plan.enforcement; i++) {
      const kind = i < plan.trial ? 'trial' : 'enforcement';
      const year = rng.weighted(years.map((y, k) => [y, yearWeights[k]!] as const));
      const lastDay = year === thisYear ? yesterday : `${year}-12-31`;
      const span = daysBetween(`${year}-01-01`, lastDay);
      if (span < 0) continue;
      const filedOn = addDays(`${year}-01-01`, rng.int(0, span));
      const ctx: Ctx = { rng, names: makeNames(rng, city), city, scale: 1 };

      let typeCode: string;
      let template: Template;
      let built: Built;
      if (kind === 'enforcement') {
        typeCode = rng.weighted(intermediate ? INTERMEDIATE_ENFORCEMENT_TYPES : BASIC_ENFORCEMENT_TYPES);
        const key = rng.weighted(Object.entries(enforcement).map(([k, t]) => [k, t.weight] as const));
        template = enforcement[key]!;
        if (intermediate) ctx.scale = rng.int(5, 20);
        built = enforcementVariant(ctx, typeCode, template.build(ctx), template.cause);
      } else {
        typeCode = rng.weighted(intermediate ? INTERMEDIATE_TRIAL_TYPES : BASIC_TRIAL_TYPES);
        if (typeCode === '行初' && !intermediate && !plan.administrative) typeCode = '民初';
        const lower = intermediate ? lowerCourtName(rng, plan.court) : '';
        switch (typeCode) {
          case '民初':
            if (intermediate) ctx.scale = rng.int(8, 30);
            template = civil[rng.weighted(intermediate ? CIVIL_INTERMEDIATE_FIRST : CIVIL_WEIGHTS)]!;
            built = template.build(ctx);
            break;
          case '民终':
            template = civil[rng.weighted(CIVIL_WEIGHTS)]!;
            built = toAppeal(rng, template.build(ctx), template.cause, lower);
            break;
          case '刑初':
            template = intermediate
              ? criminalIntermediate[rng.pick(Object.keys(criminalIntermediate))]!
              : criminal[rng.weighted(CRIMINAL_WEIGHTS)]!;
            built = template.build(ctx);
            break;
          case '刑终':
            template = criminal[rng.weighted(CRIMINAL_WEIGHTS)]!;
            built = toAppeal(rng, template.build(ctx), template.cause, lower);
            break;
          case '行初':
            template = administrative[rng.weighted(ADMIN_WEIGHTS)]!;
            built = template.build(ctx);
            break;
          case '行终':
            template = administrative[rng.weighted(ADMIN_WEIGHTS)]!;
            built = toAdminAppeal(rng, template.build(ctx), template.cause, lower);
            break;
          case '司救民':
          case '司救执':
            template = assistance(ctx, typeCode);
            built = (template as ReturnType<typeof assistance>).built;
            break;
          default:
            template = stateCompensation(ctx);
            built = (template as ReturnType<typeof stateCompensation>).built;
        }
      }

      const category = CASE_TYPE_CODES[typeCode]!;
      const age = daysBetween(filedOn, today);
      const stage = chooseStage(rng, category, age);
      const closedOn =
        stage === 'closed' ? earlierDay(addDays(filedOn, rng.int(Math.min(age - 1, 12), Math.min(age - 1, 300))), yesterday) : null;
      const serial = serialFor(plan.court, typeCode, year, filedOn);
      const draft: CaseDraft = {
        courtCode: plan.court, typeCode, year, serial, cause: template.cause, stage, filedOn, closedOn,
        partyCount: built.groupSize ?? built.parties.length, amount: built.amount, judge: judgeFor(plan.court, kind),
        summary: built.summary, parties: built.parties, flags: [], linkable: true,
      };
      reserve(draft);

      // Flags: open cases far more often than closed ones, weighted by how risky the kind of case is.
      const flagger = draft.judge ?? (inLanzhou(plan.court) ? 'petition' : null);
      const p = (stage === 'closed' ? 0.12 : 0.55) * built.risk;
      if (flagger && rng.chance(Math.min(0.9, p))) {
        const count = rng.weighted([[1, 55], [2, 30], [3, 15]] as const);
        const candidates = built.factors.filter(([, w]) => w > 0).map(([f, w]) => [f, w] as [FactorCode, number]);
        if (built.groupSize && !candidates.some(([f]) => f === 'GROUP_DISPUTE')) candidates.push(['GROUP_DISPUTE', 4]);
        if (built.parties.some((x) => x.vulnerable) && !candidates.some(([f]) => f === 'VULNERABLE_PARTY')) {
          candidates.push(['VULNERABLE_PARTY', 1]);
        }
        const endDay = laterDay(filedOn, earlierDay(closedOn ?? yesterday, yesterday));
        const noteKind = category === 'enforcement' ? 'enforcement' : 'trial';
        for (let k = 0; k < count && candidates.length > 0; k++) {
          const factor = rng.weighted(candidates);
          candidates.splice(candidates.findIndex(([f]) => f === factor), 1);
          const by = draft.judge && rng.chance(0.85) ? draft.judge : inLanzhou(plan.court) ? 'petition' : flagger;
          const span = Math.max(0, daysBetween(filedOn, endDay));
          // A pending case's risks tend to surface as it drags on: its flags lean to the recent past.
          const offset = closedOn ? rng.int(Math.min(1, span), span) : Math.round(span * Math.sqrt(rng.next()));
          const day = addDays(filedOn, Math.max(Math.min(1, span), offset));
          const flag: FlagDraft = { factor, by, day, note: rng.pick(FLAG_NOTES[factor][noteKind]) };
          if (rng.chance(0.09)) {
            flag.withdrawn = {
              by,
              day: addDays(day, rng.int(0, Math.max(0, daysBetween(day, yesterday)))),
              note: rng.pick(closedOn ? WITHDRAW_NOTES[noteKind] : WITHDRAW_NOTES.open),
            };
          }
          draft.flags.push(flag);
        }
      }
      drafts.push(draft);
    }
  }

  // Rows
  const cases: SeedRow[] = [];
  const search: SeedRow[] = [];
  const parties: SeedRow[] = [];
  const flags: SeedRow[] = [];
  const subjects: Subject[] = [];
  const distinctOf = new Map<string, (drawn: string, after: string) => string>();
  const linkable: LinkableCase[] = [];
  for (const d of drafts) {
    const caseId = newId();
    const createdAt = officeTime(rng, d.filedOn);
    const judgeId = d.judge ? uid(d.judge) : null;
    // An explicit rowid, so that the search index row can name it.
    const rowid = cases.length + 1;
    search.push({ rowid, body: searchBody([numberOf(d), d.cause, d.summary, ...d.parties.map((p) => p.name)]) });
    cases.push({
      rowid,
      id: caseId,
      court_id: courtByCode(d.courtCode).id,
      case_number: numberOf(d),
      year: d.year,
      type_code: d.typeCode,
      serial: d.serial,
      category: CASE_TYPE_CODES[d.typeCode]!,
      cause: d.cause,
      stage: d.stage,
      filed_on: d.filedOn,
      closed_on: d.closedOn,
      party_count: d.partyCount,
      amount_in_dispute: d.amount,
      judge_id: judgeId,
      summary: d.summary,
      version: 1,
      created_by: judgeId,
      created_at: createdAt,
      updated_at: d.closedOn ? laterDay(createdAt, officeTime(rng, d.closedOn)) : createdAt,
    });
    d.parties.forEach((p, position) => {
      parties.push({
        id: newId(),
        case_id: caseId,
        position: position + 1,
        name: p.name,
        role: p.role,
        vulnerable: p.vulnerable ? 1 : 0,
      });
    });
    const subject: Subject = {
      id: caseId,
      caseNumber: numberOf(d),
      courtId: courtByCode(d.courtCode).id,
      courtPath: courtPath(d.courtCode),
      category: CASE_TYPE_CODES[d.typeCode]!,
      stage: d.stage,
      filedOn: d.filedOn,
      closedOn: d.closedOn,
      partyCount: d.partyCount,
      amount: d.amount,
      vulnerable: d.parties.some((p) => p.vulnerable),
      createdAt,
      createdBy: judgeId,
      flags: [],
      petitions: [],
      script: d.script,
      neglected: d.neglected,
    };
    subjects.push(subject);
    // Every change to a case at its own instant, after the case was registered: the app scores
    // each one, and the history replays them in that order.
    const taken = new Set([createdAt]);
    const distinct = (drawn: string, after: string) => {
      let t = drawn > after ? drawn : plusMinutes(after, 1);
      while (taken.has(t)) t = plusMinutes(t, 1 / 60);
      taken.add(t);
      return t;
    };
    distinctOf.set(caseId, distinct);
    if (d.linkable) linkable.push({ id: caseId, caseNumber: numberOf(d), courtId: subject.courtId, filedOn: d.filedOn, weight: 1 + 3 * d.flags.length });
    for (const f of d.flags) {
      const drawn = officeTime(rng, f.day);
      const createdFlag = distinct(f.minutes === undefined ? drawn : at(f.day, f.minutes), createdAt);
      const withdrawnAt = f.withdrawn ? distinct(officeTime(rng, f.withdrawn.day), createdFlag) : null;
      subject.flags.push({
        factor: f.factor,
        createdAt: createdFlag,
        createdBy: uid(f.by),
        withdrawnAt,
        withdrawnBy: f.withdrawn ? uid(f.withdrawn.by) : null,
      });
      flags.push({
        id: newId(),
        case_id: caseId,
        factor_code: f.factor,
        note: f.note,
        created_by: uid(f.by),
        created_at: createdFlag,
        withdrawn_by: f.withdrawn ? uid(f.withdrawn.by) : null,
        withdrawn_at: withdrawnAt,
        withdraw_note: f.withdrawn?.note ?? null,
      });
    }
  }

  // Petitions of 2017, 2018 and this year (their figures are the seed article's), a share of this
  // year's about the generated cases: each registered with its case, so the app scored the case then.
  const petitions = buildDemoPetitions({ today, link: { cases: linkable, share: LINKED_SHARE } });
  const subjectOf = new Map(subjects.map((x) => [x.id, x]));
  const petitionRows: SeedRow[] = petitions.map((p) => {
    const officer = petitionOfficeOf(GANSU_COURTS.find((c) => c.id === p.courtId)!.code);
    const createdBy = officer ? uid(officer) : null;
    const subject = p.caseId ? subjectOf.get(p.caseId) : undefined;
    const createdAt = subject ? distinctOf.get(subject.id)!(p.createdAt, subject.createdAt) : p.createdAt;
    subject?.petitions.push({ receivedOn: p.receivedOn, createdAt, createdBy });
    return petitionRow(p, createdAt, createdBy);
  });
  const dailyRollup = rollupOf(petitions);
  // Joint meetings at 兰州中院 (meetings.ts): they take up warnings of this very history.
  const meetings = demoMeetings({
    today, seed, uid, cases: subjects.map((x, i) => ({ ...x, caseId: x.id, courtCode: drafts[i]!.courtCode, judge: drafts[i]!.judge })),
    userOf: (username) => demoUser(username), usernames: DEMO_USERS.map((u) => u.username), courtId: (code) => courtByCode(code).id,
  });

  // Scores, assessments and warnings. Cases go in first without their current assessment (the
  // assessments refer to them, and D1 enforces foreign keys); an UPDATE per case then points it to
  // its assessment, before the warnings and their timelines.
  const scoring = historyRows(subjects, {
    today,
    seed,
    newId,
    officerOf: (courtId) => {
      const officer = petitionOfficeOf(GANSU_COURTS.find((c) => c.id === courtId)!.code);
      return officer ? uid(officer) : null;
    },
    parentOf: (courtId) => {
      const parent = GANSU_COURTS.find((c) => c.id === courtId)?.parentCode;
      return parent ? courtByCode(parent).id : null;
    },
    leaderId: uid('leader'),
    planMeetings: meetings.plan,
  });

  return [
    { table: 'courts', rows: courtRows() },
    { table: 'users', rows: users },
    { table: 'user_roles', rows: userRoles },
    { table: 'cases', rows: cases },
    { table: 'parties', rows: parties },
    { table: 'case_search', rows: search },
    { table: 'flags', rows: flags },
    { table: 'assessments', rows: scoring.assessments },
    { table: 'cases', rows: scoring.caseAssessments, updateBy: 'id' },
    { table: 'warnings', rows: scoring.warnings },
    { table: 'warning_events', rows: scoring.events },
    { table: 'petitions', rows: petitionRows },
    { table: 'petition_daily', rows: dailyRollup.map((r) => ({ court_id: r.courtId, day: r.day, channel: r.channel, ...tallyColumns(r) })) },
    { table: 'petition_monthly', rows: monthlyRollupOf(dailyRollup).map((r) => ({ court_id: r.courtId, month: r.month, channel: r.channel, ...tallyColumns(r) })) },
    ...meetings.rows(scoring.meetingRefs),
  ];
}

/** The share of this year's petitions the demo links to its generated cases. */
const LINKED_SHARE = 0.04;

/** A petition as the petitions table stores it (db/petitions.ts writes the same columns). */
function petitionRow(p: DemoPetition, createdAt: string, createdBy: string | null): SeedRow {
  return {
    id: p.id,
    channel: p.channel,
    received_on: p.receivedOn,
    court_id: p.courtId,
    persons: p.persons,
    petitioner_name: p.petitionerName,
    petitioner_id_number: p.petitionerIdNumber,
    case_id: p.caseId,
    complaint_type: p.complaintType,
    lawyer_interview: p.lawyer.interview ? 1 : 0,
    lawyer_representation: p.lawyer.representation ? 1 : 0,
    lawyer_resolution: p.lawyer.resolution ? 1 : 0,
    assistance_applied: p.assistance.applied ? 1 : 0,
    assistance_approved: p.assistance.approved ? 1 : 0,
    assistance_amount: p.assistance.amount,
    state: p.state,
    outcome: p.outcome,
    note: p.note,
    version: 1,
    created_by: createdBy,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** The roll-up's counts as its columns. */
function tallyColumns(t: Tally): SeedRow {
  return {
    cases: t.cases,
    persons: t.persons,
    lawyer_interview: t.lawyerInterview,
    lawyer_representation: t.lawyerRepresentation,
    lawyer_resolution: t.lawyerResolution,
    assistance_applied: t.assistanceApplied,
    assistance_approved: t.assistanceApproved,
    assistance_amount: t.assistanceAmount,
  };
}

function demoUser(username: string): { displayName: string; division: string; courtId: number } {
  const u = DEMO_USERS.find((x) => x.username === username);
  if (!u) throw new Error(`unknown demo user ${username}`);
  return { displayName: u.displayName, division: u.division, courtId: courtByCode(u.courtCode).id };
}

/** Just the court tree, for a production database without demo data. */
export function courtRows(): SeedRow[] {
  return GANSU_COURTS.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    name_en: c.nameEn,
    level: c.level,
    parent_id: c.parentCode ? courtByCode(c.parentCode).id : null,
    path: courtPath(c.code),
    has_video_room: c.hasVideoRoom ? 1 : 0,
    created_at: COURTS_CREATED_AT,
  }));
}

export function courtSeedRows(): SeedRows {
  return [{ table: 'courts', rows: courtRows() }];
}
