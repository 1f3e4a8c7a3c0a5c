import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../src/domain/rules/default-rule-set.ts';
import type { RuleSet } from '../../src/domain/rules/types.ts';
import { count, fetchApp, insertCase, ORIGIN, page, seedWorld, sessionOf, userId } from '../helpers.ts';
import { draftIdFrom, draftWithout, indexOf, postAs, revisionOf, ruleFields } from '../rule-set-forms.ts';

let mass: string;
let small: string;

beforeAll(async () => {
  await seedWorld();
  // 150 parties: red under the default rules (parties-100 forces red), 2 points without that rule.
  mass = await insertCase('（2024）甘0102民初2001号', { partyCount: 150, judgeId: userId('judge') });
  small = await insertCase('（2024）甘0102民初2002号', { partyCount: 2, judgeId: userId('judge') });
});

/** The text of the message under a field (`<p class="error" id="{id}-error">`). */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p class="error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}

/** The value of an input as rendered. */
function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`<input id="${id}"[^>]* value="([^"]*)"`).exec(html)?.[1];
}

describe('/admin/rulesets', () => {
  it('shows the active rule set in words, all rule sets, and the re-scoring jobs', async () => {
    const res = await page('/admin/rulesets', 'admin');
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<h1>规则集<\/h1>/);
    const row = /<tr id="rule-parties-100">([\s\S]*?)<\/tr>/.exec(res.html)?.[1] ?? '';
    expect(row).toContain('当事人百人以上');
    expect(row).toContain('当事人人数 ≥ 100');
    expect(row).toContain('<span class="badge badge-red">红色预警</span>');
    // flags conditions name the factor, not its code
    expect(/<tr id="rule-group-dispute">([\s\S]*?)<\/tr>/.exec(res.html)?.[1]).toContain('标记包含“群体性纠纷”');
    expect(res.html).toContain('默认规则');
    expect(res.html).toContain('启用中');
    expect(res.html).toContain('≥ 11 分');
    expect(res.html).toContain('暂无重新评估任务');
    expect(res.html).toContain('href="/admin/rulesets/new"');
  });

  it('speaks English when asked', async () => {
    const res = await page('/admin/rulesets?lang=en', 'admin');
    const row = /<tr id="rule-parties-100">([\s\S]*?)<\/tr>/.exec(res.html)?.[1] ?? '';
    expect(row).toContain('100 or more parties');
    expect(row).toMatch(/badge-red">Red/);
  });

  it('is for admins: 403 for others, the sign-in page for anonymous users', async () => {
    for (const who of ['judge', 'petition', 'leader']) {
      expect((await page('/admin/rulesets', who)).status).toBe(403);
      expect((await page('/admin/rulesets/new', who)).status).toBe(403);
    }
    expect((await postAs('judge', '/admin/rulesets/new', ruleFields(DEFAULT_RULE_SET))).status).toBe(403);
    const anon = await page('/admin/rulesets');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/login?next=%2Fadmin%2Frulesets');
  });
});

describe('the draft editor', () => {
  it('starts from a copy of the active document, with an empty rule to add one', async () => {
    const res = await page('/admin/rulesets/new', 'admin');
    expect(res.status).toBe(200);
    const n = DEFAULT_RULE_SET.rules.length;
    expect(res.html).toContain(`name="ruleCount" value="${n + 1}"`);
    expect(inputValue(res.html, `rs-r${indexOf('parties-100')}-id`)).toBe('parties-100');
    expect(inputValue(res.html, `rs-r${n}-id`)).toBe('');
    expect(res.html).toContain('当事人人数 ≥ 100');
    expect(res.html).toContain('保存草稿');
    expect(res.html).toContain('name="document"');
  });

  it('creates a draft through the per-rule form; its page shows the difference from the active set', async () => {
    const before = await count('rule_sets');
    const fields = ruleFields(
      DEFAULT_RULE_SET,
      {
        name: '试行规则',
        note: '调整群体性纠纷分值',
        [`rules.${indexOf('parties-100')}.remove`]: '1',
        [`rules.${indexOf('group-dispute')}.points`]: '6',
      },
      [{ id: 'parties-50', label: '当事人五十人以上', labelEn: '50 or more parties', points: '4', when: '{"fact":"partyCount","op":">=","value":50}' }],
    );
    const res = await postAs('admin', '/admin/rulesets/new', fields);
    const id = await draftIdFrom(res);
    expect(await count('rule_sets')).toBe(before + 1);
    const stored = await env.DB.prepare('SELECT status, document, note FROM rule_sets WHERE id = ?').bind(id).first<{ status: string; document: string; note: string }>();
    expect(stored!.status).toBe('draft');
    expect(stored!.note).toBe('调整群体性纠纷分值');
    const doc = JSON.parse(stored!.document) as RuleSet;
    expect(doc.rules.map((r) => r.id)).not.toContain('parties-100');
    expect(doc.rules.find((r) => r.id === 'parties-50')).toMatchObject({ points: 4, when: { fact: 'partyCount', op: '>=', value: 50 } });

    const shown = await page(`/admin/rulesets/${id}?done=created`, 'admin');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('草稿已保存');
    expect(shown.html).toContain('与当前启用规则集（第 1 版）的差异');
    const diff = /<table class="data rs-diff">([\s\S]*?)<\/table>/.exec(shown.html)?.[1] ?? '';
    expect(diff).toContain('名称');
    expect(diff).toMatch(/新增[\s\S]*当事人五十人以上[\s\S]*当事人人数 ≥ 50/);
    expect(diff).toMatch(/删除[\s\S]*当事人百人以上[\s\S]*当事人人数 ≥ 100[\s\S]*红色预警/);
    expect(diff).toMatch(/修改[\s\S]*群体性纠纷[\s\S]*分值[\s\S]*\+5[\s\S]*\+6/);
    expect(shown.html).toContain('其余 21 条规则未变');
    expect(shown.html).toContain(`/admin/rulesets/${id}/simulate`);
    expect(shown.html).toContain('启用此规则集');
    expect(shown.html).toContain(`href="/admin/rulesets/${id}/edit"`);
  });

  it('refuses an invalid rule with the message under that rule’s field, keeps what was typed, stores nothing', async () => {
    const before = await count('rule_sets');
    const fields = ruleFields(DEFAULT_RULE_SET, {
      name: '有错的规则',
      // an unknown fact deep inside a group
      'rules.3.when': '{"all":[{"fact":"partyCount","op":">","value":1},{"fact":"nope","op":"=","value":1}]}',
      // a duplicate id
      'rules.5.id': 'group-dispute',
      // neither points nor level
      'rules.7.points': '',
      'rules.7.level': '',
      'rules.8.label': '我改过的名称',
    });
    const res = await postAs('admin', '/admin/rulesets/new', fields);
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'rs-r3-when')).toContain('未知的事实“nope”');
    expect(fieldError(res.html, 'rs-r5-id')).toMatch(/规则编号“group-dispute”重复/);
    expect(fieldError(res.html, 'rs-r7-points')).toContain('须至少设置分值（points）或强制等级（level）之一');
    expect(res.html).toContain('规则集有误，请按提示修改');
    // a summary at the top links to the fields
    expect(res.html).toContain('href="#rs-r3-when"');
    // everything typed is kept
    expect(inputValue(res.html, 'rs-name')).toBe('有错的规则');
    expect(inputValue(res.html, 'rs-r8-label')).toBe('我改过的名称');
    expect(inputValue(res.html, 'rs-r5-id')).toBe('group-dispute');
    expect(res.html).toContain('{&quot;fact&quot;:&quot;nope&quot;,&quot;op&quot;:&quot;=&quot;,&quot;value&quot;:1}');
    expect(await count('rule_sets')).toBe(before);
  });

  it('maps issues to the right row when rows above were removed', async () => {
    const fields = ruleFields(DEFAULT_RULE_SET, {
      'rules.0.remove': '1',
      'rules.1.remove': '1',
      'rules.4.when': '{"fact":"flags","op":">","value":1}',
    });
    const res = await postAs('admin', '/admin/rulesets/new', fields);
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'rs-r4-when')).toContain('规则“threat-extreme”：运算符“&gt;”不适用于事实“flags”');
    // removed rows stay in the form, still ticked
    expect(res.html).toMatch(/id="rs-r0-remove" name="rules\.0\.remove" value="1" checked=""/);
  });

  it('reports malformed condition JSON under its field in the user’s language, not a 500', async () => {
    const before = await count('rule_sets');
    const fields = ruleFields(DEFAULT_RULE_SET, { 'rules.2.when': '{"fact": "flags", "op": "has",' });
    const zh = await postAs('admin', '/admin/rulesets/new', fields);
    expect(zh.status).toBe(422);
    expect(fieldError(zh.html, 'rs-r2-when')).toBe('规则“wage-arrears”：JSON 格式有误（第 1 行第 31 列附近）');
    expect(zh.html).toContain('{&quot;fact&quot;: &quot;flags&quot;, &quot;op&quot;: &quot;has&quot;,');
    const en = await postAs('admin', '/admin/rulesets/new?lang=en', fields);
    expect(en.status).toBe(422);
    expect(fieldError(en.html, 'rs-r2-when')).toContain('The JSON is malformed (near line 1, column 31)');
    expect(await count('rule_sets')).toBe(before);
  });

  it('saves the whole document from the JSON view, and refuses bad JSON there', async () => {
    const doc: RuleSet & { note?: string } = { ...DEFAULT_RULE_SET, name: 'JSON 规则', note: '由 JSON 保存' };
    const res = await postAs('admin', '/admin/rulesets/new', { mode: 'json', note: '', document: JSON.stringify(doc) });
    const id = await draftIdFrom(res);
    const stored = await env.DB.prepare('SELECT name, note, document FROM rule_sets WHERE id = ?').bind(id).first<{ name: string; note: string; document: string }>();
    expect(stored).toMatchObject({ name: 'JSON 规则', note: '由 JSON 保存' });
    expect(JSON.parse(stored!.document).rules).toHaveLength(DEFAULT_RULE_SET.rules.length);

    const before = await count('rule_sets');
    const broken = await postAs('admin', '/admin/rulesets/new', { mode: 'json', document: '{"name": "x",\n  "rules": [}' });
    expect(broken.status).toBe(422);
    expect(fieldError(broken.html, 'rs-json')).toBe('JSON 格式有误（第 2 行第 13 列附近）');
    expect(broken.html).toContain('&quot;rules&quot;: [}');

    const bad = { ...DEFAULT_RULE_SET, rules: [DEFAULT_RULE_SET.rules[0], { ...DEFAULT_RULE_SET.rules[1], when: { fact: 'nope', op: '=', value: 1 } }] };
    const invalid = await postAs('admin', '/admin/rulesets/new', { mode: 'json', document: JSON.stringify(bad) });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toMatch(/<code>rules\[1\]\.when\.fact<\/code> 规则“illegal-fundraising”：未知的事实“nope”/);
    // the per-rule form shows the JSON's rules with the message under the condition
    expect(fieldError(invalid.html, 'rs-r1-when')).toContain('未知的事实“nope”');
    expect(await count('rule_sets')).toBe(before);
  });

  it('edits a draft with the revision it saw; a stale revision is 409 and changes nothing', async () => {
    const created = await postAs('admin', '/admin/rulesets/new', ruleFields(DEFAULT_RULE_SET, { name: '待修改' }));
    const id = await draftIdFrom(created);
    const edit = await page(`/admin/rulesets/${id}/edit`, 'admin');
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('name="revision" value="1"');

    const saved = await postAs('admin', `/admin/rulesets/${id}/edit`, ruleFields(DEFAULT_RULE_SET, { name: '改过一次', revision: '1' }));
    expect(await draftIdFrom(saved)).toBe(id);
    expect(await revisionOf(id)).toBe(2);

    const stale = await postAs('admin', `/admin/rulesets/${id}/edit`, ruleFields(DEFAULT_RULE_SET, { name: '过时的修改', revision: '1' }));
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('该草稿已被他人修改');
    expect(inputValue(stale.html, 'rs-name')).toBe('过时的修改');
    expect(stale.html).toContain(`href="/admin/rulesets/${id}"`);
    const row = await env.DB.prepare('SELECT name, revision FROM rule_sets WHERE id = ?').bind(id).first<{ name: string; revision: number }>();
    expect(row).toEqual({ name: '改过一次', revision: 2 });
  });

  it('a form without a usable revision is out of date: editing and activating answer 409 and change nothing', async () => {
    const id = await draftIdFrom(await postAs('admin', '/admin/rulesets/new', ruleFields(DEFAULT_RULE_SET, { name: '没有修订号' })));
    for (const revision of [undefined, '', 'x1', '0']) {
      const extra: Record<string, string> = { name: '改不了' };
      if (revision !== undefined) extra.revision = revision;
      const edit = await postAs('admin', `/admin/rulesets/${id}/edit`, ruleFields(DEFAULT_RULE_SET, extra));
      expect(edit.status, String(revision)).toBe(409);
      expect(edit.html).toContain('该草稿已被他人修改');
      expect(inputValue(edit.html, 'rs-name')).toBe('改不了');
      const activate = await postAs('admin', `/admin/rulesets/${id}/activate`, revision === undefined ? {} : { revision });
      expect(activate.status, String(revision)).toBe(409);
      expect(activate.html).toContain('该草稿已被他人修改');
    }
    const row = await env.DB.prepare('SELECT name, status, revision FROM rule_sets WHERE id = ?').bind(id).first();
    expect(row).toEqual({ name: '没有修订号', status: 'draft', revision: 1 });
  });

  it('gives the words of a condition as typed (htmx, on change)', async () => {
    const ok = await postAs('admin', '/admin/rulesets/describe', { row: '4', 'rules.4.when': '{"fact":"partyCount","op":">=","value":100}' }, true);
    expect(ok.status).toBe(200);
    expect(ok.html).toMatch(/^<div id="rs-r4-when-info"/);
    expect(ok.html).toContain('当事人人数 ≥ 100');
    const bad = await postAs('admin', '/admin/rulesets/describe', { row: '4', 'rules.4.id': 'x', 'rules.4.when': '{"fact":"nope","op":"=","value":1}' }, true);
    expect(fieldError(bad.html, 'rs-r4-when')).toContain('未知的事实“nope”');
    const broken = await postAs('admin', '/admin/rulesets/describe', { row: '4', 'rules.4.when': '{' }, true);
    expect(fieldError(broken.html, 'rs-r4-when')).toBe('JSON 格式有误（第 1 行第 2 列附近）');
  });
});

describe('simulating a draft', () => {
  let id: string;

  beforeAll(async () => {
    // Without parties-100 the 150-party case drops from red (forced) to blue (2 points). No test changes this draft.
    id = await draftWithout('parties-100', '去掉百人规则');
  });

  /** Asks for the simulation section (as htmx polls it) until the simulation is done. */
  async function doneSection(): Promise<string> {
    let html = '';
    await expect
      .poll(
        async () => {
          html = (await page(`/admin/rulesets/${id}/simulation`, 'admin', {})).html;
          return html.includes('rs-sim-counts');
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    return html;
  }

  it('simulates through htmx: the section polls its progress, then shows the counts before and after and the changed cases', async () => {
    const assessments = await count('assessments');
    const res = await postAs('admin', `/admin/rulesets/${id}/simulate`, {}, true);
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/^<section id="rs-simulation"/);
    expect(res.html).not.toContain('<html');
    if (!res.html.includes('rs-sim-counts')) {
      expect(res.html).toContain(`hx-get="/admin/rulesets/${id}/simulation" hx-trigger="every 2s"`);
      expect(res.html).toMatch(/正在模拟：已评估 \d+ 件，共约 2 件未结案件。/);
    }
    const html = await doneSection();
    expect(html).toMatch(/^<section id="rs-simulation"/);
    expect(html).not.toContain('hx-trigger="every 2s"');
    const counts = /<table class="data rs-sim-counts">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(counts).toContain('现行（第 1 版）');
    expect(counts).toMatch(/<span class="badge badge-red">红色预警<\/span><\/th><td class="num">1<\/td><td class="num">0<\/td><td class="num rs-delta">-1<\/td>/);
    expect(counts).toMatch(/<span class="badge badge-blue">蓝色关注<\/span><\/th><td class="num">0<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/等级变化的案件<\/dt><dd>1<\/dd>/);
    expect(html).toContain(`<a href="/cases/${mass}">（2024）甘0102民初2001号</a>`);
    expect(html).not.toContain(`/cases/${small}"`);
    expect(html).toContain('hx-swap-oob="true"');
    expect(html).toMatch(/以第 1 版为基准，按 \d{4}-\d\d-\d\d 的事实评估了 2 件未结案件；未改变任何案件或预警。/);
    // no case was scored
    expect(await count('assessments')).toBe(assessments);
  });

  it('simulates without JavaScript too: back to the page, which shows the progress or the result', async () => {
    const res = await postAs('admin', `/admin/rulesets/${id}/simulate`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/rulesets/${id}#rs-simulation`);
    const shown = await page(`/admin/rulesets/${id}`, 'admin');
    expect(shown.html).toContain('<html');
    expect(shown.html).toContain('id="rs-simulation"');
    if (!shown.html.includes('rs-sim-counts')) expect(shown.html).toContain(`<a href="/admin/rulesets/${id}#rs-simulation">刷新查看进度</a>`);
    await doneSection();
    expect((await page(`/admin/rulesets/${id}`, 'admin')).html).toContain('rs-sim-counts');
  });

  it('refuses a stale activation (409) and changes nothing', async () => {
    const res = await postAs('admin', `/admin/rulesets/${id}/activate`, { revision: '7' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('该草稿已被他人修改');
    expect(await count('rule_sets', "status = 'active' AND version = 1")).toBe(1);
  });
});

describe('CSRF', () => {
  it('refuses a form post from another origin', async () => {
    const res = await fetchApp('/admin/rulesets/new', {
      method: 'POST',
      body: new URLSearchParams(ruleFields(DEFAULT_RULE_SET)),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.test', cookie: await sessionOf('admin') },
    });
    expect(res.status).toBe(403);
    expect(ORIGIN).not.toBe('https://evil.test');
  });
});
