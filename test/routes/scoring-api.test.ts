import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, fetchApp, flagCase, insertCase, insertWageCase, seedWorld, sessionOf, TRIAL_RULE_SET, WAGE_CASE_FLAGS } from '../helpers.ts';

beforeAll(seedWorld);

describe('scoring on flag changes', () => {
  it('re-scores the case in the same request and raises a warning at yellow', async () => {
    const wages = await insertWageCase();
    const res = await api('POST', `/cases/${wages}/flags`, { as: 'judge', json: { factor: 'THREAT_PETITION', note: '扬言到省信访局' } });
    expect(res.status).toBe(201);
    // THREAT_PETITION 3 + partyCount ≥ 10 2 = 5 → yellow, at warnAt: a warning is raised.
    expect(res.body.assessment).toMatchObject({ score: 5, level: 'yellow' });
    expect(res.body.assessment.warningId).toBeTruthy();
    const w = await api('GET', `/warnings/${res.body.assessment.warningId}`, { as: 'petition' });
    expect(w.status).toBe(200);
    expect(w.body.state).toBe('open');
    expect(w.body.level).toBe('yellow');
    expect(w.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['raised']);
  });

  it('a second flag lifting yellow to orange updates the one warning, and the timeline says so', async () => {
    const wages = await insertWageCase();
    const yellow = await flagCase(wages, ['THREAT_PETITION']);
    expect(yellow.body.assessment).toMatchObject({ score: 5, level: 'yellow' });
    const before = await api('GET', `/cases/${wages}`, { as: 'judge' });
    const warningId = before.body.openWarning.id;
    const res = await api('POST', `/cases/${wages}/flags`, { as: 'judge', json: { factor: 'EXTREME_EMOTION', note: '情绪激动' } });
    expect(res.body.assessment).toMatchObject({ score: 7, level: 'orange', warningId });
    expect(await count('warnings', 'case_id = ?', wages)).toBe(1);
    const w = await api('GET', `/warnings/${warningId}`, { as: 'petition' });
    expect(w.body.level).toBe('orange');
    const last = w.body.timeline.at(-1);
    expect(last.kind).toBe('level_changed');
    expect(last.text).toContain('黄色预警');
    expect(last.text).toContain('橙色预警');
  });

  it('reaches the worked example: 5+4+3+2 = 14 → red, explained in sentences', async () => {
    const wages = await insertWageCase();
    // On the way there the case was orange (3 + 2 + 2 = 7) with an agitated party …
    await flagCase(wages, ['THREAT_PETITION', 'EXTREME_EMOTION', 'GROUP_DISPUTE']);
    const res = await api('POST', `/cases/${wages}/flags`, { as: 'judge', json: { factor: 'WAGE_ARREARS', note: '' } });
    // … and EXTREME_EMOTION (+2) is still active: withdraw it to match the worked example exactly
    const detail = await api('GET', `/cases/${wages}`, { as: 'judge' });
    const emotion = detail.body.flags.find((f: { factor: string }) => f.factor === 'EXTREME_EMOTION');
    const withdrawn = await api('DELETE', `/cases/${wages}/flags/${emotion.id}`, { as: 'judge' });
    expect(res.body.assessment.level).toBe('red');
    expect(withdrawn.body.assessment).toMatchObject({ score: 14, level: 'red' });
    const a = await api('GET', `/cases/${wages}/assessment`, { as: 'judge' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ score: 14, level: 'red', ruleSetVersion: 1 });
    expect(a.body.explanation.text).toBe('群体性纠纷 +5；拖欠劳动报酬（农民工工资） +4；扬言上访、越级访 +3；当事人十人以上 +2');
    const en = await api('GET', `/cases/${wages}/assessment`, { as: 'judge', headers: { 'accept-language': 'en' } });
    expect(en.body.explanation.sentences[0]).toBe('Group dispute +5');
    expect(await count('assessments', 'case_id = ?', wages)).toBe(5);
  });

  it('holds the other worked examples when the cases are flagged', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const creditor = await insertCase('（2024）甘0102执3456号', { filedOn: daysAgo(90), partyCount: 2 });
    let last;
    for (const factor of ['ENFORCEMENT_IMPOSSIBLE', 'VULNERABLE_PARTY', 'ECONOMIC_HARDSHIP', 'DEATH_OR_SERIOUS_INJURY']) {
      last = await api('POST', `/cases/${creditor}/flags`, { as: 'enforcer', json: { factor } });
    }
    expect(last!.body.assessment).toMatchObject({ score: 9, level: 'orange' });
    expect(last!.body.assessment.warningId).toBeTruthy();

    const divorce = await insertCase('（2023）甘0103民初5678号', { cause: '离婚纠纷', filedOn: daysAgo(20), partyCount: 2 });
    const forced = await api('POST', `/cases/${divorce}/flags`, { as: 'petition', json: { factor: 'THREAT_EXTREME', note: '扬言自杀' } });
    expect(forced.body.assessment).toMatchObject({ score: 0, level: 'red' });

    // No flags, 40 days pending: a case registered through the API is scored at once — none, no warning.
    const created = await api('POST', '/cases', {
      as: 'judge',
      json: { caseNumber: '（2024）甘0102民初910号', cause: '物业服务合同纠纷', stage: 'trial', filedAt: daysAgo(40), partyCount: 2, amountInDispute: 3200 },
    });
    expect(created.body).toMatchObject({ score: 0, level: 'none', openWarning: null });
    expect(created.body.assessment.explanation.summary).toContain('未达预警线');
  });

  it('shows the worked example on the case page: badge, score and sentences', async () => {
    const wages = await insertWageCase(WAGE_CASE_FLAGS);
    const res = await fetchApp(`/cases/${wages}`, { headers: { cookie: await sessionOf('judge') } });
    const html = await res.text();
    expect(html).toContain('badge-red');
    expect(html).toContain('红色预警');
    expect(html).toContain('14 分');
    expect(html).toContain('群体性纠纷 +5');
  });

  it('the assessment of another court’s case is 404', async () => {
    const wages = await insertWageCase(WAGE_CASE_FLAGS);
    expect((await api('GET', `/cases/${wages}/assessment`, { as: 'judge' })).status).toBe(200);
    expect((await api('GET', `/cases/${wages}/assessment`, { as: 'judge2' })).status).toBe(404);
  });
});

describe('POST /api/v1/evaluate', () => {
  const facts = (over: Record<string, unknown>) => ({ category: 'civil', stage: 'trial', ...over });

  it.each([
    ['the wage case', { flags: ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'], partyCount: 36, daysPending: 30 }, 14, 'red', true],
    ['the disabled creditor', { category: 'enforcement', stage: 'enforcement', flags: ['ENFORCEMENT_IMPOSSIBLE', 'VULNERABLE_PARTY', 'ECONOMIC_HARDSHIP', 'DEATH_OR_SERIOUS_INJURY'], partyCount: 2, daysPending: 90 }, 9, 'orange', true],
    ['the divorce with a suicide threat', { flags: ['THREAT_EXTREME'], partyCount: 2 }, 0, 'red', true],
    ['the property-fee claim', { flags: [], partyCount: 2, daysPending: 40 }, 0, 'none', false],
  ])('%s with the active rules', async (_name, f, score, level, warn) => {
    const res = await api('POST', '/evaluate', { as: 'judge', json: { facts: facts(f) } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ score, level, warn });
  });

  it('evaluates against a given rule set and refuses a bad one naming the rule and path', async () => {
    const ruleSet = {
      name: 't',
      thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 },
      warnAt: 'yellow',
      rules: [{ id: 'big', label: '大', when: { fact: 'partyCount', op: '>=', value: 5 }, points: 4 }],
    };
    const ok = await api('POST', '/evaluate', { as: 'judge', json: { ruleSet, facts: facts({ partyCount: 6 }) } });
    expect(ok.body).toMatchObject({ score: 4, level: 'yellow' });
    const bad = { ...ruleSet, rules: [{ id: 'big', label: '大', when: { fact: 'flags', op: '>', value: 5 }, points: 4 }] };
    const res = await api('POST', '/evaluate', { as: 'judge', json: { ruleSet: bad, facts: facts({}) } });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['ruleSet', 'rules', 0, 'when', 'op']);
    expect(res.body.error.issues[0].message).toContain('big');
  });

  it('refuses bad facts with 422 and broken JSON with 400', async () => {
    expect((await api('POST', '/evaluate', { as: 'judge', json: { facts: { category: 'x', stage: 'trial' } } })).status).toBe(422);
    expect((await api('POST', '/evaluate', { as: 'judge', body: '{"facts":' })).status).toBe(400);
    expect((await api('POST', '/evaluate', { json: { facts: facts({}) } })).status).toBe(401);
  });
});

describe('rule sets', () => {
  const doc = TRIAL_RULE_SET;

  it('lists the default rule set as active, version 1', async () => {
    const res = await api('GET', '/rulesets', { as: 'judge' });
    expect(res.status).toBe(200);
    expect(res.body.ruleSets).toHaveLength(1);
    expect(res.body.ruleSets[0]).toMatchObject({ status: 'active', version: 1, name: '默认规则' });
  });

  it('refuses an invalid document with 422 naming the rule and the path, and stores nothing', async () => {
    const bad = { ...doc, rules: [doc.rules[0], { id: 'group', label: 'x', when: { fact: 'nope', op: '=', value: 1 } }] };
    const before = await count('rule_sets');
    const res = await api('POST', '/rulesets', { as: 'admin', json: bad });
    expect(res.status).toBe(422);
    const messages = res.body.error.issues.map((i: { path: unknown[]; message: string }) => `${i.path.join('.')}: ${i.message}`);
    expect(messages.join('\n')).toContain('rules.1.when.fact');
    expect(messages.join('\n')).toContain('未知的事实“nope”');
    expect(messages.join('\n')).toMatch(/重复/);
    expect(messages.join('\n')).toMatch(/分值/);
    expect(await count('rule_sets')).toBe(before);
  });

  it('refuses judges (403) and anonymous callers (401)', async () => {
    expect((await api('POST', '/rulesets', { as: 'judge', json: doc })).status).toBe(403);
    expect((await api('POST', '/rulesets', { json: doc })).status).toBe(401);
  });

  it('does not activate a rule set twice (409)', async () => {
    const list = await api('GET', '/rulesets', { as: 'admin' });
    const active = list.body.ruleSets.find((r: { status: string }) => r.status === 'active');
    expect((await api('POST', `/rulesets/${active.id}/activate`, { as: 'admin' })).status).toBe(409);
  });
});
