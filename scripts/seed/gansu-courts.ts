/**
 * The courts of Gansu: the High Court and the 112 intermediate and basic courts below it, as the
 * seed article counts them (2018). Codes follow the Supreme People's Court scheme used in case
 * numbers: 甘 + the last two digits of the prefecture's administrative division code for an
 * intermediate court (甘01 兰州), 甘 + the last four digits of the county's code for a basic court
 * (620102 城关区 → 甘0102).
 *
 * Courts without an administrative division of their own (the railway transport courts, the
 * forestry-area courts, the 兰州新区 court, the 甘肃矿区 court) use codes from ranges no county
 * uses: railway courts 甘71 / 甘71xx (the SPC's railway block), the mining-area court 甘95, and the
 * other special basic courts 甘<prefecture>91, under the intermediate court of the prefecture where
 * they sit. Five courts — the forestry-area courts — have no video reception room yet (107 of 112).
 *
 * Ids are stable: 1 the High Court, 2–15 the prefectural intermediate courts in code order, 16 the
 * railway intermediate court, then the basic courts in code order (甘0102 is 17), then the railway
 * transport courts, then the mining-area court. Pure data: no imports, safe in Node and workerd.
 */

export type CourtLevel = 'high' | 'intermediate' | 'basic';

export interface CourtSeed {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: CourtLevel;
  parentCode: string | null;
  hasVideoRoom: boolean;
}

/** [code, name, English name, hasVideoRoom = true] */
type Entry = readonly [string, string, string, boolean?];

const HIGH: Entry = ['甘', '甘肃省高级人民法院', 'Gansu High People\'s Court'];

/** Prefectural intermediate courts, each with the basic courts below it. */
const PREFECTURES: readonly { court: Entry; basic: readonly Entry[] }[] = [
  {
    court: ['甘01', '兰州市中级人民法院', 'Lanzhou Intermediate People\'s Court'],
    basic: [
      ['甘0102', '兰州市城关区人民法院', 'Chengguan District People\'s Court, Lanzhou'],
      ['甘0103', '兰州市七里河区人民法院', 'Qilihe District People\'s Court, Lanzhou'],
      ['甘0104', '兰州市西固区人民法院', 'Xigu District People\'s Court, Lanzhou'],
      ['甘0105', '兰州市安宁区人民法院', 'Anning District People\'s Court, Lanzhou'],
      ['甘0111', '兰州市红古区人民法院', 'Honggu District People\'s Court, Lanzhou'],
      ['甘0121', '永登县人民法院', 'Yongdeng County People\'s Court'],
      ['甘0122', '皋兰县人民法院', 'Gaolan County People\'s Court'],
      ['甘0123', '榆中县人民法院', 'Yuzhong County People\'s Court'],
      ['甘0191', '兰州新区人民法院', 'Lanzhou New Area People\'s Court'],
    ],
  },
  {
    court: ['甘02', '嘉峪关市中级人民法院', 'Jiayuguan Intermediate People\'s Court'],
    basic: [['甘0201', '嘉峪关市城区人民法院', 'Urban District People\'s Court, Jiayuguan']],
  },
  {
    court: ['甘03', '金昌市中级人民法院', 'Jinchang Intermediate People\'s Court'],
    basic: [
      ['甘0302', '金昌市金川区人民法院', 'Jinchuan District People\'s Court, Jinchang'],
      ['甘0321', '永昌县人民法院', 'Yongchang County People\'s Court'],
    ],
  },
  {
    court: ['甘04', '白银市中级人民法院', 'Baiyin Intermediate People\'s Court'],
    basic: [
      ['甘0402', '白银市白银区人民法院', 'Baiyin District People\'s Court, Baiyin'],
      ['甘0403', '白银市平川区人民法院', 'Pingchuan District People\'s Court, Baiyin'],
      ['甘0421', '靖远县人民法院', 'Jingyuan County People\'s Court'],
      ['甘0422', '会宁县人民法院', 'Huining County People\'s Court'],
      ['甘0423', '景泰县人民法院', 'Jingtai County People\'s Court'],
    ],
  },
  {
    court: ['甘05', '天水市中级人民法院', 'Tianshui Intermediate People\'s Court'],
    basic: [
      ['甘0502', '天水市秦州区人民法院', 'Qinzhou District People\'s Court, Tianshui'],
      ['甘0503', '天水市麦积区人民法院', 'Maiji District People\'s Court, Tianshui'],
      ['甘0521', '清水县人民法院', 'Qingshui County People\'s Court'],
      ['甘0522', '秦安县人民法院', 'Qin\'an County People\'s Court'],
      ['甘0523', '甘谷县人民法院', 'Gangu County People\'s Court'],
      ['甘0524', '武山县人民法院', 'Wushan County People\'s Court'],
      ['甘0525', '张家川回族自治县人民法院', 'Zhangjiachuan Hui Autonomous County People\'s Court'],
      ['甘0591', '小陇山林区法院', 'Xiaolongshan Forest Area Court', false],
    ],
  },
  {
    court: ['甘06', '武威市中级人民法院', 'Wuwei Intermediate People\'s Court'],
    basic: [
      ['甘0602', '武威市凉州区人民法院', 'Liangzhou District People\'s Court, Wuwei'],
      ['甘0621', '民勤县人民法院', 'Minqin County People\'s Court'],
      ['甘0622', '古浪县人民法院', 'Gulang County People\'s Court'],
      ['甘0623', '天祝藏族自治县人民法院', 'Tianzhu Tibetan Autonomous County People\'s Court'],
    ],
  },
  {
    court: ['甘07', '张掖市中级人民法院', 'Zhangye Intermediate People\'s Court'],
    basic: [
      ['甘0702', '张掖市甘州区人民法院', 'Ganzhou District People\'s Court, Zhangye'],
      ['甘0721', '肃南裕固族自治县人民法院', 'Sunan Yugur Autonomous County People\'s Court'],
      ['甘0722', '民乐县人民法院', 'Minle County People\'s Court'],
      ['甘0723', '临泽县人民法院', 'Linze County People\'s Court'],
      ['甘0724', '高台县人民法院', 'Gaotai County People\'s Court'],
      ['甘0725', '山丹县人民法院', 'Shandan County People\'s Court'],
      ['甘0791', '祁连山林区法院', 'Qilianshan Forest Area Court', false],
    ],
  },
  {
    court: ['甘08', '平凉市中级人民法院', 'Pingliang Intermediate People\'s Court'],
    basic: [
      ['甘0802', '平凉市崆峒区人民法院', 'Kongtong District People\'s Court, Pingliang'],
      ['甘0821', '泾川县人民法院', 'Jingchuan County People\'s Court'],
      ['甘0822', '灵台县人民法院', 'Lingtai County People\'s Court'],
      ['甘0823', '崇信县人民法院', 'Chongxin County People\'s Court'],
      ['甘0825', '庄浪县人民法院', 'Zhuanglang County People\'s Court'],
      ['甘0826', '静宁县人民法院', 'Jingning County People\'s Court'],
      ['甘0881', '华亭市人民法院', 'Huating City People\'s Court'],
    ],
  },
  {
    court: ['甘09', '酒泉市中级人民法院', 'Jiuquan Intermediate People\'s Court'],
    basic: [
      ['甘0902', '酒泉市肃州区人民法院', 'Suzhou District People\'s Court, Jiuquan'],
      ['甘0921', '金塔县人民法院', 'Jinta County People\'s Court'],
      ['甘0922', '瓜州县人民法院', 'Guazhou County People\'s Court'],
      ['甘0923', '肃北蒙古族自治县人民法院', 'Subei Mongol Autonomous County People\'s Court'],
      ['甘0924', '阿克塞哈萨克族自治县人民法院', 'Aksay Kazakh Autonomous County People\'s Court'],
      ['甘0981', '玉门市人民法院', 'Yumen City People\'s Court'],
      ['甘0982', '敦煌市人民法院', 'Dunhuang City People\'s Court'],
    ],
  },
  {
    court: ['甘10', '庆阳市中级人民法院', 'Qingyang Intermediate People\'s Court'],
    basic: [
      ['甘1002', '庆阳市西峰区人民法院', 'Xifeng District People\'s Court, Qingyang'],
      ['甘1021', '庆城县人民法院', 'Qingcheng County People\'s Court'],
      ['甘1022', '环县人民法院', 'Huan County People\'s Court'],
      ['甘1023', '华池县人民法院', 'Huachi County People\'s Court'],
      ['甘1024', '合水县人民法院', 'Heshui County People\'s Court'],
      ['甘1025', '正宁县人民法院', 'Zhengning County People\'s Court'],
      ['甘1026', '宁县人民法院', 'Ning County People\'s Court'],
      ['甘1027', '镇原县人民法院', 'Zhenyuan County People\'s Court'],
      ['甘1091', '子午岭林区法院', 'Ziwuling Forest Area Court', false],
    ],
  },
  {
    court: ['甘11', '定西市中级人民法院', 'Dingxi Intermediate People\'s Court'],
    basic: [
      ['甘1102', '定西市安定区人民法院', 'Anding District People\'s Court, Dingxi'],
      ['甘1121', '通渭县人民法院', 'Tongwei County People\'s Court'],
      ['甘1122', '陇西县人民法院', 'Longxi County People\'s Court'],
      ['甘1123', '渭源县人民法院', 'Weiyuan County People\'s Court'],
      ['甘1124', '临洮县人民法院', 'Lintao County People\'s Court'],
      ['甘1125', '漳县人民法院', 'Zhang County People\'s Court'],
      ['甘1126', '岷县人民法院', 'Min County People\'s Court'],
    ],
  },
  {
    court: ['甘12', '陇南市中级人民法院', 'Longnan Intermediate People\'s Court'],
    basic: [
      ['甘1202', '陇南市武都区人民法院', 'Wudu District People\'s Court, Longnan'],
      ['甘1221', '成县人民法院', 'Cheng County People\'s Court'],
      ['甘1222', '文县人民法院', 'Wen County People\'s Court'],
      ['甘1223', '宕昌县人民法院', 'Tanchang County People\'s Court'],
      ['甘1224', '康县人民法院', 'Kang County People\'s Court'],
      ['甘1225', '西和县人民法院', 'Xihe County People\'s Court'],
      ['甘1226', '礼县人民法院', 'Li County People\'s Court'],
      ['甘1227', '徽县人民法院', 'Hui County People\'s Court'],
      ['甘1228', '两当县人民法院', 'Liangdang County People\'s Court'],
      ['甘1291', '白龙江林区法院', 'Bailongjiang Forest Area Court', false],
    ],
  },
  {
    court: ['甘29', '临夏回族自治州中级人民法院', 'Linxia Hui Autonomous Prefecture Intermediate People\'s Court'],
    basic: [
      ['甘2901', '临夏市人民法院', 'Linxia City People\'s Court'],
      ['甘2921', '临夏县人民法院', 'Linxia County People\'s Court'],
      ['甘2922', '康乐县人民法院', 'Kangle County People\'s Court'],
      ['甘2923', '永靖县人民法院', 'Yongjing County People\'s Court'],
      ['甘2924', '广河县人民法院', 'Guanghe County People\'s Court'],
      ['甘2925', '和政县人民法院', 'Hezheng County People\'s Court'],
      ['甘2926', '东乡族自治县人民法院', 'Dongxiang Autonomous County People\'s Court'],
      [
        '甘2927',
        '积石山保安族东乡族撒拉族自治县人民法院',
        'Jishishan Bonan, Dongxiang and Salar Autonomous County People\'s Court',
      ],
    ],
  },
  {
    court: ['甘30', '甘南藏族自治州中级人民法院', 'Gannan Tibetan Autonomous Prefecture Intermediate People\'s Court'],
    basic: [
      ['甘3001', '合作市人民法院', 'Hezuo City People\'s Court'],
      ['甘3021', '临潭县人民法院', 'Lintan County People\'s Court'],
      ['甘3022', '卓尼县人民法院', 'Zhuoni County People\'s Court'],
      ['甘3023', '舟曲县人民法院', 'Zhouqu County People\'s Court'],
      ['甘3024', '迭部县人民法院', 'Diebu County People\'s Court'],
      ['甘3025', '玛曲县人民法院', 'Maqu County People\'s Court'],
      ['甘3026', '碌曲县人民法院', 'Luqu County People\'s Court'],
      ['甘3027', '夏河县人民法院', 'Xiahe County People\'s Court'],
      ['甘3091', '洮河林区法院', 'Taohe Forest Area Court', false],
    ],
  },
];

const RAILWAY_INTERMEDIATE: Entry = ['甘71', '兰州铁路运输中级法院', 'Lanzhou Railway Transport Intermediate Court'];
const RAILWAY_BASIC: readonly Entry[] = [
  ['甘7101', '兰州铁路运输法院', 'Lanzhou Railway Transport Court'],
  ['甘7102', '嘉峪关铁路运输法院', 'Jiayuguan Railway Transport Court'],
  ['甘7103', '武威铁路运输法院', 'Wuwei Railway Transport Court'],
];
const MINING_AREA: Entry = ['甘95', '甘肃矿区人民法院', 'Gansu Mining Area People\'s Court'];

function build(): CourtSeed[] {
  const out: CourtSeed[] = [];
  const add = (e: Entry, level: CourtLevel, parentCode: string | null) => {
    out.push({ id: out.length + 1, code: e[0], name: e[1], nameEn: e[2], level, parentCode, hasVideoRoom: e[3] ?? true });
  };
  add(HIGH, 'high', null);
  for (const p of PREFECTURES) add(p.court, 'intermediate', HIGH[0]);
  add(RAILWAY_INTERMEDIATE, 'intermediate', HIGH[0]);
  for (const p of PREFECTURES) for (const b of p.basic) add(b, 'basic', p.court[0]);
  for (const b of RAILWAY_BASIC) add(b, 'basic', RAILWAY_INTERMEDIATE[0]);
  add(MINING_AREA, 'intermediate', HIGH[0]);
  return out;
}

export const GANSU_COURTS: readonly CourtSeed[] = Object.freeze(build());

const BY_CODE: ReadonlyMap<string, CourtSeed> = new Map(GANSU_COURTS.map((c) => [c.code, c]));

export function courtByCode(code: string): CourtSeed {
  const court = BY_CODE.get(code);
  if (!court) throw new Error(`unknown court code: ${code}`);
  return court;
}

/** The materialized path of ids, as stored in courts.path: 甘 '/1/', 甘01 '/1/2/', 甘0102 '/1/2/17/'. */
export function courtPath(code: string): string {
  const ids: number[] = [];
  for (let c: CourtSeed | undefined = courtByCode(code); c; c = c.parentCode ? courtByCode(c.parentCode) : undefined) {
    ids.unshift(c.id);
  }
  return `/${ids.join('/')}/`;
}
