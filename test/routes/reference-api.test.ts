import { beforeAll, describe, expect, it } from 'vitest';
import { api, seedWorld } from '../helpers.ts';

beforeAll(seedWorld);

interface CourtNode {
  id: number;
  code: string;
  name: string;
  level: string;
  hasVideoRoom: boolean;
  children: CourtNode[];
}

/** The tree as nested codes: { 甘01: { 甘0102: {}, … } }. */
function shape(nodes: CourtNode[]): Record<string, unknown> {
  return Object.fromEntries(nodes.map((n) => [n.code, shape(n.children)]));
}

describe('GET /api/v1/courts', () => {
  it('gives a basic-court judge only its own court', async () => {
    for (const username of ['judge', 'enforcer']) {
      const res = await api('GET', '/courts', { as: username });
      expect(res.status).toBe(200);
      expect(shape(res.body.courts)).toEqual({ 甘0102: {} });
      expect(res.body.courts[0]).toMatchObject({ id: 3, name: '兰州市城关区人民法院', level: 'basic', hasVideoRoom: true, children: [] });
    }
    const judge2 = await api('GET', '/courts', { as: 'judge2' });
    expect(shape(judge2.body.courts)).toEqual({ 甘0502: {} });
  });

  it('gives the 甘01 petition officer and coordinator 甘01 as the root with its children', async () => {
    for (const username of ['petition', 'coordinator']) {
      const res = await api('GET', '/courts', { as: username });
      expect(res.status).toBe(200);
      expect(res.body.courts).toHaveLength(1);
      expect(shape(res.body.courts)).toEqual({ 甘01: { 甘0102: {}, 甘0103: {} } });
      expect(res.body.courts[0]).toMatchObject({ id: 2, name: '兰州市中级人民法院', level: 'intermediate' });
      expect(res.body.courts[0].children.map((c: CourtNode) => c.level)).toEqual(['basic', 'basic']);
    }
  });

  it('gives the High Court leader and admin the whole tree', async () => {
    for (const username of ['leader', 'admin']) {
      const res = await api('GET', '/courts', { as: username });
      expect(res.status).toBe(200);
      expect(shape(res.body.courts)).toEqual({
        甘: { 甘01: { 甘0102: {}, 甘0103: {} }, 甘05: { 甘0502: {} } },
      });
      expect(res.body.courts[0]).toMatchObject({ name: '甘肃省高级人民法院', level: 'high' });
    }
  });

  it('answers anonymous callers with 401', async () => {
    const res = await api('GET', '/courts');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

/** domain.md §4: code → default points (null where the factor forces a level). */
const CATALOG: Record<string, { points: number | null; zh: string }> = {
  GROUP_DISPUTE: { points: 5, zh: '群体性纠纷' },
  ILLEGAL_FUNDRAISING: { points: 5, zh: '涉众型经济犯罪 / 非法集资' },
  WAGE_ARREARS: { points: 4, zh: '拖欠劳动报酬（农民工工资）' },
  LAND_REQUISITION: { points: 4, zh: '征地拆迁补偿' },
  THREAT_EXTREME: { points: null, zh: '扬言自杀、自伤或其他极端行为' },
  THREAT_PETITION: { points: 3, zh: '扬言上访、越级访' },
  PRIOR_PETITION: { points: 3, zh: '有信访经历' },
  MEDIA_ATTENTION: { points: 3, zh: '舆情 / 媒体关注' },
  DEATH_OR_SERIOUS_INJURY: { points: 3, zh: '涉及死亡或重伤' },
  EXTREME_EMOTION: { points: 2, zh: '情绪激烈、矛盾尖锐' },
  VULNERABLE_PARTY: { points: 2, zh: '涉及弱势群体（老人、残疾人、未成年人、农民工）' },
  ECONOMIC_HARDSHIP: { points: 2, zh: '当事人生活困难' },
  ENFORCEMENT_IMPOSSIBLE: { points: 2, zh: '执行不能（无财产可供执行）' },
  PROCEDURE_COMPLAINT: { points: 2, zh: '对办案程序或办案人员不满' },
  COMPLEX_OR_NEW_TYPE: { points: 2, zh: '新类型、疑难复杂或敏感案件' },
  UNREALISTIC_DEMAND: { points: 1, zh: '诉求明显过高' },
};

interface Factor {
  code: string;
  name: string;
  nameZh: string;
  nameEn: string;
  defaultPoints: number | null;
  forcesLevel: string | null;
  usuallyBy: string;
  active: boolean;
}

describe('GET /api/v1/factors', () => {
  it('lists the 16 factors of domain.md §4 with their default points, in catalog order', async () => {
    const res = await api('GET', '/factors', { as: 'judge' });
    expect(res.status).toBe(200);
    const factors: Factor[] = res.body.factors;
    expect(factors).toHaveLength(16);
    expect(factors.map((f) => f.code)).toEqual(Object.keys(CATALOG));
    for (const f of factors) {
      expect(f.defaultPoints, f.code).toBe(CATALOG[f.code]!.points);
      expect(f.nameZh, f.code).toBe(CATALOG[f.code]!.zh);
      expect(f.name, f.code).toBe(f.nameZh);
      expect(f.active, f.code).toBe(true);
    }
  });

  it('has THREAT_EXTREME force red instead of adding points; no other factor forces a level', async () => {
    const res = await api('GET', '/factors', { as: 'petition' });
    const factors: Factor[] = res.body.factors;
    const extreme = factors.find((f) => f.code === 'THREAT_EXTREME')!;
    expect(extreme.forcesLevel).toBe('red');
    expect(extreme.defaultPoints).toBeNull();
    expect(factors.filter((f) => f.forcesLevel !== null).map((f) => f.code)).toEqual(['THREAT_EXTREME']);
  });

  it('says who usually flags each factor', async () => {
    const res = await api('GET', '/factors', { as: 'judge' });
    const by = Object.fromEntries(res.body.factors.map((f: Factor) => [f.code, f.usuallyBy]));
    expect(by.ENFORCEMENT_IMPOSSIBLE).toBe('enforcement');
    expect(by.LAND_REQUISITION).toBe('trial');
    expect(by.GROUP_DISPUTE).toBe('trial_enforcement');
    expect(by.MEDIA_ATTENTION).toBe('any');
  });

  it('names the factors in the caller’s language (accept-language: en)', async () => {
    const res = await api('GET', '/factors', { as: 'judge', headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    const group = res.body.factors.find((f: Factor) => f.code === 'GROUP_DISPUTE');
    expect(group.name).toBe('Group dispute');
    expect(group.nameZh).toBe('群体性纠纷');
    for (const f of res.body.factors as Factor[]) {
      expect(f.name, f.code).toBe(f.nameEn);
      expect(f.name, f.code).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('answers anonymous callers with 401', async () => {
    expect((await api('GET', '/factors')).status).toBe(401);
  });
});
