import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, fetchApp, insertCase, insertFreshCase, page, postForm, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';

// Cases the tests read and never change: a test that flags makes its own case (`judgesCase`).
let civil: string; // （2024）甘0102民初1234号, the judge's case
let enforcement: string; // （2024）甘0102执3456号, not the trial judge's kind
let tianshui: string; // （2025）甘0502民初77号, judge2's court

beforeAll(async () => {
  await seedWorld();
  civil = await insertCase('（2024）甘0102民初1234号', { cause: '追索劳动报酬纠纷', judgeId: userId('judge') });
  await insertCase('（2025）甘0102民初56号', { cause: '房屋租赁合同纠纷' }); // another trial case of 甘0102
  enforcement = await insertCase('（2024）甘0102执3456号', { cause: '民间借贷纠纷' });
  tianshui = await insertCase('（2025）甘0502民初77号', { cause: '离婚纠纷' });
});

/** A form post as a signed-in user, from our own origin; `htmx` adds the headers htmx sends. */
async function postAs(username: string, path: string, fields: Record<string, string | string[]>, htmx?: { target: string }) {
  const headers: Record<string, string> = { cookie: await sessionOf(username) };
  if (htmx) {
    headers['HX-Request'] = 'true';
    headers['HX-Target'] = htmx.target;
  }
  const res = await postForm(path, fields, headers);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** A fresh trial case of 甘0102 assigned to the judge, for a test that flags it. */
async function judgesCase(): Promise<string> {
  return (await insertFreshCase({}, { judgeId: userId('judge') })).id;
}

/** The text of the error message under a field (`<p class="error" id="{id}-error">`). */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p class="error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}

describe('the case list', () => {
  it('shows the judge 我的案件 with its court’s trial cases, not other kinds or courts', async () => {
    const res = await page('/cases', 'judge');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.html).toContain('<html lang="zh-CN"');
    expect(res.html).toMatch(/<h1>我的案件<\/h1>/);
    expect(res.html).toContain('（2024）甘0102民初1234号');
    expect(res.html).toContain('（2025）甘0102民初56号');
    expect(res.html).toContain(`href="/cases/${civil}"`);
    expect(res.html).toContain('追索劳动报酬纠纷');
    expect(res.html).not.toContain('（2024）甘0102执3456号');
    expect(res.html).not.toContain('（2025）甘0502民初77号');
    expect(res.html).toContain('id="case-results"');
  });

  it('calls it 案件 for the petition office', async () => {
    const res = await page('/cases', 'petition');
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<h1>案件<\/h1>/);
    expect(res.html).toContain('（2024）甘0102执3456号');
  });

  it('answers an htmx search by number with only the #case-results fragment', async () => {
    const number = encodeURIComponent('(2024)甘0102民初1234号');
    const res = await page(`/cases?number=${number}`, 'judge', { target: 'case-results' });
    expect(res.status).toBe(200);
    expect(res.html).not.toContain('<html');
    expect(res.html).not.toContain('<form');
    expect(res.html.trimStart()).toMatch(/^<section id="case-results"/);
    expect(res.html).toContain('（2024）甘0102民初1234号');
    expect(res.html).not.toContain('（2025）甘0102民初56号');
  });

  it('answers the same search without htmx with the full page, keeping what was typed', async () => {
    const number = encodeURIComponent('(2024)甘0102民初1234号');
    const res = await page(`/cases?number=${number}`, 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html');
    expect(res.html).toContain('name="number" value="(2024)甘0102民初1234号"');
    expect(res.html).toContain('（2024）甘0102民初1234号');
    expect(res.html).not.toContain('（2025）甘0102民初56号');
  });

  it('ignores empty filter params (stage=) instead of refusing them', async () => {
    const res = await page('/cases?number=&q=&stage=&courtId=&mine=', 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain('（2024）甘0102民初1234号');
    expect(res.html).toContain('（2025）甘0102民初56号');
    const fragment = await page('/cases?stage=&q=', 'judge', { target: 'case-results' });
    expect(fragment.status).toBe(200);
    expect(fragment.html).toContain('（2025）甘0102民初56号');
  });

  it('filters by text and by the judge’s own cases', async () => {
    const text = await page(`/cases?q=${encodeURIComponent('房屋租赁')}`, 'judge', { target: 'case-results' });
    expect(text.html).toContain('（2025）甘0102民初56号');
    expect(text.html).not.toContain('（2024）甘0102民初1234号');
    const mine = await page('/cases?mine=1', 'judge', { target: 'case-results' });
    expect(mine.html).toContain('（2024）甘0102民初1234号');
    expect(mine.html).not.toContain('（2025）甘0102民初56号');
  });

  it('says “My cases” in English (cookie lang=en)', async () => {
    const res = await fetchApp('/cases', { headers: { cookie: `${await sessionOf('judge')}; lang=en` } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<h1>My cases<\/h1>/);
    expect(html).not.toContain('我的案件');
  });
});

describe('the case page', () => {
  it('shows the case with its facts and parties', async () => {
    const res = await page(`/cases/${civil}`, 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain('（2024）甘0102民初1234号');
    expect(res.html).toContain('追索劳动报酬纠纷');
    expect(res.html).toContain('张某');
    expect(res.html).toContain('id="case-flags"');
    expect(res.html).toContain(`action="/cases/${civil}/flags"`);
  });

  it('is 404 with the Chinese message for judge2 and a 甘0102 case, and for the wrong kind', async () => {
    const res = await page(`/cases/${civil}`, 'judge2');
    expect(res.status).toBe(404);
    expect(res.html).toContain('记录不存在或不在您的管辖范围内');
    expect(res.html).not.toContain('（2024）甘0102民初1234号');
    expect(res.html).not.toContain('追索劳动报酬纠纷');
    expect((await page(`/cases/${enforcement}`, 'judge')).status).toBe(404);
    expect((await page(`/cases/${tianshui}`, 'petition')).status).toBe(404);
    expect((await page('/cases/no-such-case', 'judge')).status).toBe(404);
  });

  it('gives the 404 message in English with lang=en', async () => {
    const res = await fetchApp(`/cases/${civil}`, { headers: { cookie: `${await sessionOf('judge2')}; lang=en` } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Not found, or not within your scope');
  });

  it('sends anonymous visitors to the sign-in page', async () => {
    const res = await page(`/cases/${civil}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/cases/${civil}`)}`);
  });
});

describe('the flag form', () => {
  it('without htmx: 303 to the case page with done=flag_added, which then shows 已保存标记', async () => {
    const caseId = await judgesCase();
    const res = await postAs('judge', `/cases/${caseId}/flags`, { factor: 'GROUP_DISPUTE', note: '36名农民工集体讨薪' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}?done=flag_added`);
    expect(await count('flags', 'case_id = ? AND withdrawn_at IS NULL', caseId)).toBe(1);
    const after = await page(`/cases/${caseId}?done=flag_added`, 'judge');
    expect(after.status).toBe(200);
    expect(after.html).toContain('已保存标记');
    expect(after.html).toContain('群体性纠纷');
    expect(after.html).toContain('36名农民工集体讨薪');
    expect(await count('audit_log', "action = 'flag.add' AND entity_id = ?", caseId)).toBe(1);
  });

  it('with htmx: answers the #case-flags fragment with the new flag and an out-of-band #live announcement', async () => {
    const caseId = await judgesCase();
    const res = await postAs('judge', `/cases/${caseId}/flags`, { factor: 'MEDIA_ATTENTION', note: '网上发帖' }, { target: 'case-flags' });
    expect(res.status).toBe(200);
    expect(res.html).not.toContain('<html');
    expect(res.html.trimStart()).toMatch(/^<section id="case-flags"/);
    expect(res.html).toContain('舆情 / 媒体关注');
    expect(res.html).toContain('网上发帖');
    const live = /<div id="live"[^>]*>([^<]*)<\/div>/.exec(res.html);
    expect(live).not.toBeNull();
    expect(live![0]).toContain('hx-swap-oob="true"');
    expect(live![1]).toContain('已保存标记');
    expect(live![1]).toContain('舆情 / 媒体关注');
    expect(await count('flags', "case_id = ? AND factor_code = 'MEDIA_ATTENTION' AND withdrawn_at IS NULL", caseId)).toBe(1);
  });

  it('refuses an empty factor with 422, the message under the field, and writes nothing', async () => {
    await signIn('judge');
    const flags = await count('flags');
    const audits = await count('audit_log');
    const res = await postAs('judge', `/cases/${civil}/flags`, { factor: '', note: '保留的说明' });
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'flag-factor')).toBeTruthy();
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).toContain('保留的说明'); // the note as typed
    expect(await count('flags')).toBe(flags);
    expect(await count('audit_log')).toBe(audits);

    const htmx = await postAs('judge', `/cases/${civil}/flags`, { factor: '' }, { target: 'case-flags' });
    expect(htmx.status).toBe(422);
    expect(htmx.html).not.toContain('<html');
    expect(fieldError(htmx.html, 'flag-factor')).toBeTruthy();
    expect(await count('flags')).toBe(flags);
  });

  it('says “请选择风险因素” (or “必填”) under the factor when none was chosen', async () => {
    const res = await postAs('judge', `/cases/${civil}/flags`, { factor: '' });
    expect(res.status).toBe(422);
    expect(['请选择风险因素', '必填']).toContain(fieldError(res.html, 'flag-factor'));
  });

  it('refuses an unknown factor with 422 naming it', async () => {
    const flags = await count('flags');
    const res = await postAs('judge', `/cases/${civil}/flags`, { factor: 'NOT_A_FACTOR' }, { target: 'case-flags' });
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'flag-factor')).toContain('NOT_A_FACTOR');
    expect(await count('flags')).toBe(flags);
  });

  it('refuses the same factor twice with 409 and the message', async () => {
    const caseId = await judgesCase();
    expect((await postAs('judge', `/cases/${caseId}/flags`, { factor: 'GROUP_DISPUTE' })).status).toBe(303);
    const flags = await count('flags');
    const res = await postAs('judge', `/cases/${caseId}/flags`, { factor: 'GROUP_DISPUTE' }, { target: 'case-flags' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('该风险因素已在本案标记');
    expect(await count('flags')).toBe(flags);
  });

  it('refuses a form post without an Origin header (403) and writes nothing', async () => {
    const caseId = await judgesCase();
    await signIn('judge');
    const flags = await count('flags');
    const audits = await count('audit_log');
    const res = await fetchApp(`/cases/${caseId}/flags`, {
      method: 'POST',
      body: new URLSearchParams({ factor: 'PRIOR_PETITION', note: '伪造的请求' }),
      headers: { cookie: await sessionOf('judge'), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await count('flags')).toBe(flags);
    expect(await count('audit_log')).toBe(audits);
    const cross = await postAs('judge', `/cases/${caseId}/flags`, { factor: 'PRIOR_PETITION' }, undefined);
    expect(cross.status).toBe(303); // the same post from our own origin goes through
  });

  it('is 404 for judge2 posting to a 甘0102 case, and writes nothing', async () => {
    const flags = await count('flags');
    const res = await postAs('judge2', `/cases/${civil}/flags`, { factor: 'THREAT_PETITION' });
    expect(res.status).toBe(404);
    expect(await count('flags')).toBe(flags);
  });
});

describe('withdrawing a flag through the form', () => {
  async function activeFlag(caseId: string, factor: string): Promise<string> {
    const res = await postAs('judge', `/cases/${caseId}/flags`, { factor, note: '' });
    if (res.status !== 303) throw new Error(`flagging ${factor}: ${res.status}`);
    const row = await count('flags', 'case_id = ? AND factor_code = ? AND withdrawn_at IS NULL', caseId, factor);
    if (row !== 1) throw new Error('no active flag');
    const flag = await env.DB.prepare('SELECT id FROM flags WHERE case_id = ? AND factor_code = ? AND withdrawn_at IS NULL')
      .bind(caseId, factor)
      .first<{ id: string }>();
    return flag!.id;
  }

  it('without htmx: 303 to done=flag_withdrawn; the page shows 已撤销标记 and the history', async () => {
    const caseId = await judgesCase();
    const flagId = await activeFlag(caseId, 'EXTREME_EMOTION');
    const res = await postAs('judge', `/cases/${caseId}/flags/${flagId}/withdraw`, { note: '情绪已平复' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}?done=flag_withdrawn`);
    expect(await count('flags', 'id = ? AND withdrawn_at IS NOT NULL AND withdraw_note = ?', flagId, '情绪已平复')).toBe(1);
    const after = await page(`/cases/${caseId}?done=flag_withdrawn`, 'judge');
    expect(after.html).toContain('已撤销标记');
    expect(after.html).toContain('情绪已平复');
    expect(after.html).not.toContain(`id="flag-${flagId}"`);
  });

  it('with htmx: the #case-flags fragment without the flag and a #live announcement', async () => {
    const caseId = await judgesCase();
    const flagId = await activeFlag(caseId, 'UNREALISTIC_DEMAND');
    const res = await postAs('judge', `/cases/${caseId}/flags/${flagId}/withdraw`, { note: '已调解' }, { target: 'case-flags' });
    expect(res.status).toBe(200);
    expect(res.html).not.toContain('<html');
    expect(res.html.trimStart()).toMatch(/^<section id="case-flags"/);
    expect(res.html).not.toContain(`id="flag-${flagId}"`);
    const live = /<div id="live"[^>]*>([^<]*)<\/div>/.exec(res.html);
    expect(live?.[1]).toContain('已撤销标记');
    expect(live?.[1]).toContain('诉求明显过高');
    expect(await count('flags', 'id = ? AND withdrawn_at IS NOT NULL', flagId)).toBe(1);
  });

  it('refuses withdrawing twice (409) and without an Origin header (403)', async () => {
    const caseId = await judgesCase();
    const flagId = await activeFlag(caseId, 'ECONOMIC_HARDSHIP');
    const noOrigin = await fetchApp(`/cases/${caseId}/flags/${flagId}/withdraw`, {
      method: 'POST',
      body: new URLSearchParams({ note: '' }),
      headers: { cookie: await sessionOf('judge'), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noOrigin.status).toBe(403);
    expect(await count('flags', 'id = ? AND withdrawn_at IS NULL', flagId)).toBe(1);
    expect((await postAs('judge', `/cases/${caseId}/flags/${flagId}/withdraw`, { note: '' })).status).toBe(303);
    const twice = await postAs('judge', `/cases/${caseId}/flags/${flagId}/withdraw`, { note: '' }, { target: 'case-flags' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('该标记已被撤销');
  });
});

describe('the new-case form', () => {
  const fields = (overrides: Record<string, string> = {}) => ({
    caseNumber: '(2026)甘0102民初901号',
    cause: '机动车交通事故责任纠纷',
    stage: 'trial',
    filedAt: '2026-11-02',
    amountInDispute: '120,000',
    'parties.0.name': '刘某',
    'parties.0.role': 'plaintiff',
    'parties.0.vulnerable': '1',
    'parties.1.name': '兰州某某运输有限公司',
    'parties.1.role': 'defendant',
    'parties.2.name': '',
    'parties.2.role': 'defendant',
    ...overrides,
  });

  it('shows the form to a judge', async () => {
    const res = await page('/cases/new', 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<form method="post" action="/cases"');
    expect(res.html).toContain('name="caseNumber"');
    expect(res.html).toContain('登记案件');
  });

  it('is 403 for the coordinator and the leader', async () => {
    expect((await page('/cases/new', 'coordinator')).status).toBe(403);
    expect((await page('/cases/new', 'leader')).status).toBe(403);
  });

  it('creates a case: 303 to its page, which says 案件已登记', async () => {
    const before = await count('cases');
    const res = await postAs('judge', '/cases', fields());
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/cases\/[0-9a-f-]{36}\?done=created$/);
    expect(await count('cases')).toBe(before + 1);
    const after = await page(location, 'judge');
    expect(after.status).toBe(200);
    expect(after.html).toContain('案件已登记');
    expect(after.html).toContain('（2026）甘0102民初901号');
    expect(after.html).toContain('刘某');
    expect(after.html).toContain('兰州某某运输有限公司');
    const id = location.split('/')[2]!.split('?')[0]!;
    expect(await count('parties', 'case_id = ?', id)).toBe(2);
    expect(await count('cases', 'id = ? AND amount_in_dispute = 120000 AND judge_id = ?', id, userId('judge'))).toBe(1);
  });

  it('re-renders with the message under the case number (422), keeps what was typed, writes nothing', async () => {
    await signIn('judge');
    const cases = await count('cases');
    const audits = await count('audit_log');
    const res = await postAs('judge', '/cases', fields({ caseNumber: '（2026）甘0102民X902号' }));
    expect(res.status).toBe(422);
    expect(res.html).toContain('<html');
    expect(fieldError(res.html, 'c-number')).toContain('类型代字“民X”');
    expect(res.html).toContain('value="（2026）甘0102民X902号"');
    expect(res.html).toContain('value="机动车交通事故责任纠纷"');
    expect(res.html).toContain('value="刘某"');
    expect(res.html).toContain('value="2026-11-02"');
    expect(await count('cases')).toBe(cases);
    expect(await count('audit_log')).toBe(audits);
  });

  it('names several bad fields at once', async () => {
    const res = await postAs('judge', '/cases', fields({ caseNumber: '', cause: '', filedAt: '2099-01-01' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'c-number')).toBeTruthy();
    expect(fieldError(res.html, 'c-cause')).toBeTruthy();
    expect(fieldError(res.html, 'c-filed')).toBe('日期不能晚于今天');
  });

  it('answers a duplicate number with 409 and the message on the form', async () => {
    const cases = await count('cases');
    const res = await postAs('judge', '/cases', fields({ caseNumber: '(2024)甘0102民初1234号' }));
    expect(res.status).toBe(409);
    expect(res.html).toContain('已存在');
    expect(await count('cases')).toBe(cases);
  });

  it('refuses a form post without an Origin header (403) and writes nothing', async () => {
    const cases = await count('cases');
    const res = await fetchApp('/cases', {
      method: 'POST',
      body: new URLSearchParams(fields({ caseNumber: '(2026)甘0102民初903号' })),
      headers: { cookie: await sessionOf('judge'), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await count('cases')).toBe(cases);
  });
});
