import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, shot, signIn, SHOTS, watchedPage } from './browser.ts';

const base = inject('baseUrl');
const DOWNLOADS = join(SHOTS, 'downloads');
mkdirSync(DOWNLOADS, { recursive: true });
let browser: Browser;

/** Two fresh cases of the judge, flagged red: their warnings are what the meeting takes up. */
const CASES = ['（2026）甘0102民初99101号', '（2026）甘0102民初99102号'];
const warningIds: string[] = [];
let meetingUrl = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Network notes Chromium logs for the 409/422 answers a form gets by design. */
const expected = (problems: string[]) => problems.filter((p) => !/status of (409|422)/.test(p));
const marker = (page: Page, value: number) => page.evaluate((v) => ((window as unknown as { marker: number }).marker = v), value);
const markerOf = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);

/** "2026-12-02T09:35" in Shanghai time, minutes from now: what a datetime-local field takes. */
function shanghaiLocal(minutesFromNow: number): string {
  return new Date(Date.now() + minutesFromNow * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

async function newContext(javaScriptEnabled = true) {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, javaScriptEnabled, acceptDownloads: true });
}

/** The case numbers of the agenda table, in order. */
async function agendaOrder(page: Page): Promise<string[]> {
  return page.locator('table.agenda tbody tr td:nth-child(2) a.nowrap').allTextContents();
}

describe('a warning from proposal through a joint meeting to its resolution', () => {
  it('the judge’s cases warn red; the petition office proposes both for a joint meeting', async () => {
    const context = await newContext();
    const judge = await watchedPage(context);
    await signIn(judge.page, base, 'judge');
    for (const number of CASES) {
      const created = await judge.page.request.post(`${base}/api/v1/cases`, {
        data: { caseNumber: number, cause: '追索劳动报酬纠纷', stage: 'trial', filedAt: '2026-10-12', partyCount: 24, parties: [{ name: '王某某等24人', role: 'plaintiff' }, { name: '兰州某某劳务有限公司', role: 'defendant' }] },
        headers: { origin: base },
      });
      expect(created.status()).toBe(201);
      const caseId = (await created.json()).id;
      let last: { assessment: { warningId: string | null } } | undefined;
      for (const factor of ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION']) {
        const res = await judge.page.request.post(`${base}/api/v1/cases/${caseId}/flags`, { data: { factor, note: '' }, headers: { origin: base } });
        last = await res.json();
      }
      warningIds.push(last!.assessment.warningId!);
    }
    await context.close();

    const office = await newContext();
    const { page, problems } = await watchedPage(office);
    await signIn(page, base, 'petition');
    for (const id of warningIds) {
      await page.goto(`${base}/warnings/${id}`);
      await page.locator('#wa-acknowledge textarea').fill('已联系承办法官，了解欠薪情况');
      await page.locator('#wa-acknowledge button[type=submit]').click();
      await expect.poll(() => page.locator('.warning-status').textContent()).toContain('研判中');
      const propose = page.locator('#wa-propose');
      if (!(await propose.evaluate((d) => (d as HTMLDetailsElement).open))) await propose.locator('summary').click();
      await propose.locator('textarea').fill('涉及人社、住建部门，建议提交审执联席会议协调');
      await propose.locator('button[type=submit]').click();
      await expect.poll(() => page.locator('.warning-status').textContent()).toContain('提请上会');
    }
    expect(expected(problems)).toEqual([]);
    await office.close();
  });

  it('the coordinator creates a meeting, adds both from the pool and reorders them in place, publishes, prints, downloads', async () => {
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'coordinator');
    expect(new URL(page.url()).pathname).toBe('/meetings');
    expect(await page.locator('#pool-results').textContent()).toContain(CASES[0]);
    await page.click('a.btn-primary:text("新建会议")');
    await page.selectOption('#m-kind', 'trial_enforcement');
    await page.fill('#m-starts', shanghaiLocal(-10));
    await page.fill('#m-minutes', '60');
    // The suggested title follows the kind and the day.
    expect(await page.getAttribute('#m-title', 'placeholder')).toMatch(/^\d{4}年\d{1,2}月审执联席会议$/);
    await page.fill('#m-title', '审执联席会议（欠薪专题）');
    await page.fill('#m-place', '第三会议室（审判综合楼四楼）');
    await page.selectOption('#m-chair', { label: '刘志刚' });
    await page.check('#m-div-enforcement');
    await page.check('#m-div-civil_1');
    await page.locator('input[name="outsideUnits"]').first().fill('兰州市人力资源和社会保障局');
    await Promise.all([page.waitForURL(/done=created/), page.click('button:text("创建会议")')]);
    meetingUrl = page.url().replace(/\?.*$/, '');
    expect(await page.textContent('h1')).toBe('审执联席会议（欠薪专题）');

    // With JavaScript: adding and moving swap the builder in place; the page is never reloaded.
    await marker(page, 21);
    for (const [i, id] of warningIds.entries()) {
      await page.click(`#add-${id}`);
      await expect.poll(() => agendaOrder(page)).toEqual(CASES.slice(0, i + 1));
    }
    const up = page.locator('table.agenda tr', { hasText: CASES[1]! }).locator('button.move:text("上移")');
    await up.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => agendaOrder(page)).toEqual([CASES[1], CASES[0]]);
    expect(await markerOf(page)).toBe(21);
    // Focus stays on the control that was used (now at the top, its "up" is disabled: focus moves to "down").
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^mv-(up|down)-/);
    expect(await page.textContent('#live')).toContain('议程顺序已调整');
    await page.locator('table.agenda tr', { hasText: CASES[0]! }).locator('input.minutes').fill('25');
    await page.locator('table.agenda tr', { hasText: CASES[0]! }).locator('button:text("保存")').click();
    await expect.poll(() => page.textContent('#agenda-total')).toContain('合计 25 分钟，计划 60 分钟');
    await shot(page, '20-meeting-draft-zh');

    await Promise.all([page.waitForURL(/done=published/), page.click('#publish-form button')]);
    expect(await page.locator('.meeting-status').textContent()).toContain('已发布');

    await page.goto(`${meetingUrl}/print`);
    expect(await page.locator('.print-court').textContent()).toContain('兰州市中级人民法院');
    expect(await page.locator('nav.sidenav').count()).toBe(0);
    await shot(page, '21-agenda-print-zh');
    await page.pdf({ path: join(DOWNLOADS, 'agenda-print.pdf'), format: 'A4' });

    await page.goto(meetingUrl);
    for (const [link, file] of [['agenda.docx', 'e2e-agenda.docx'], ['invite.ics', 'e2e-invite.ics']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href$="${link}"]`)]);
      expect(download.suggestedFilename()).toMatch(link === 'agenda.docx' ? /审执联席会议（欠薪专题）议程\.docx$/ : /\.ics$/);
      await download.saveAs(join(DOWNLOADS, file));
    }
    expect(expected(problems)).toEqual([]);
    await context.close();
  });

  it('records the decisions, an action item for the judge, and finalizes: the warning shows the decision and is in follow-up', async () => {
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'coordinator');
    await page.goto(meetingUrl);
    const first = page.locator('article.item-record', { hasText: CASES[0]! });
    await first.locator('textarea[name="text"]').first().fill('由城关区人民法院执行局牵头，民一庭配合，十五日内约谈被告并核查其财产状况；对生活确有困难的农民工依法启动司法救助。');
    await first.locator('select[name="leaderId"]').selectOption({ label: '刘志刚' });
    await first.locator('form[id^="decision-"] button[type=submit]').click();
    await expect.poll(() => page.textContent('#live')).toContain('处置意见已保存');
    const again = page.locator('article.item-record', { hasText: CASES[0]! });
    await again.locator('details.add-action summary').click();
    await again.locator('form[id^="action-"] textarea[name="text"]').fill('约谈被告，核查财产状况并书面报告');
    await again.locator('form[id^="action-"] select[name="ownerId"]').selectOption({ label: '李文静' });
    await again.locator('form[id^="action-"] button[type=submit]').click();
    await expect.poll(() => page.textContent('#live')).toContain('督办事项已添加');
    const second = page.locator('article.item-record', { hasText: CASES[1]! });
    await second.locator('select[name="outcome"]').selectOption('carry_over');
    await second.locator('form[id^="decision-"] button[type=submit]').click();
    await expect.poll(() => page.textContent('#live')).toContain('处置意见已保存');
    await shot(page, '22-meeting-record-zh');

    await Promise.all([page.waitForURL(/done=finalized/), page.click('#finalize-form button')]);
    expect(await page.locator('.meeting-status').textContent()).toContain('纪要已定稿');
    await shot(page, '23-meeting-final-zh');
    await page.goto(`${meetingUrl}/minutes/print`);
    await shot(page, '24-minutes-print-zh');
    await page.pdf({ path: join(DOWNLOADS, 'minutes-print.pdf'), format: 'A4' });
    await page.goto(meetingUrl);
    const [minutes] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="minutes.docx"]')]);
    await minutes.saveAs(join(DOWNLOADS, 'e2e-minutes.docx'));
    expect(expected(problems)).toEqual([]);
    await context.close();

    const office = await newContext();
    const petition = await watchedPage(office);
    await signIn(petition.page, base, 'petition');
    await petition.page.goto(`${base}/warnings/${warningIds[0]}`);
    expect(await petition.page.locator('.warning-status').textContent()).toContain('落实中');
    const timeline = await petition.page.locator('.timeline').textContent();
    expect(timeline).toContain('“审执联席会议（欠薪专题）”纪要定稿，处置意见（');
    expect(timeline).toContain('十五日内约谈被告');
    // The one not reached is back in the pool, carried over once.
    await petition.page.goto(`${base}/warnings/${warningIds[1]}`);
    expect(await petition.page.locator('.warning-status').textContent()).toContain('提请上会');
    expect(await petition.page.locator('.timeline').textContent()).toContain('未及研究，顺延');
    expect(expected(petition.problems)).toEqual([]);
    await office.close();
  });

  it('the judge completes the action item from 我的督办事项; the petition office is prompted and resolves the warning', async () => {
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'judge');
    expect(await page.locator('a.inbox').textContent()).toMatch(/通知\s*\d+/);
    await page.click('nav.sidenav a:text("我的督办事项")');
    const row = page.locator('table.action-items tr', { hasText: '约谈被告，核查财产状况并书面报告' });
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, '25-my-action-items-zh');
    await row.locator('details.ai-change summary').click();
    await row.locator('textarea[name="note"]').fill('已约谈被告，被告名下有一处房产，已书面报告执行局');
    await row.locator('button:text("办结")').click();
    await expect.poll(() => page.textContent('#live')).toContain('督办事项已办结');
    await page.click('.tabs a:text("已完成")');
    await expect.poll(() => page.locator('table.action-items').textContent()).toContain('已约谈被告');
    expect(expected(problems)).toEqual([]);
    await context.close();

    const office = await newContext();
    const petition = await watchedPage(office);
    await signIn(petition.page, base, 'petition');
    await petition.page.goto(`${base}/warnings/${warningIds[0]}`);
    expect(await petition.page.locator('main').textContent()).toContain('本预警的督办事项已全部办结');
    const resolve = petition.page.locator('#wa-resolve');
    if (!(await resolve.evaluate((d) => (d as HTMLDetailsElement).open))) await resolve.locator('summary').click();
    await resolve.locator('select[name="outcome"]').selectOption('petition_ceased');
    await resolve.locator('textarea').fill('工资已全部发放，当事人表示息诉罢访');
    await resolve.locator('button[type=submit]').click();
    await expect.poll(() => petition.page.locator('.warning-status').textContent()).toContain('已化解');
    await shot(petition.page, '26-warning-resolved-zh');
    expect(expected(petition.problems)).toEqual([]);
    await office.close();
  });
});

describe('the agenda builder without JavaScript', () => {
  it('adds from the pool and moves items with plain forms: each a full page, the same result', async () => {
    const context = await newContext(false);
    const { page } = await watchedPage(context);
    await signIn(page, base, 'coordinator');
    await page.goto(`${base}/meetings/new`);
    await page.selectOption('#m-kind', 'case_coordination');
    await page.fill('#m-starts', shanghaiLocal(60 * 24 * 3));
    await page.fill('#m-place', '第二会议室');
    await page.selectOption('#m-chair', { label: '刘志刚' });
    await Promise.all([page.waitForURL(/done=created/), page.click('button:text("创建会议")')]);
    const pool = await page.locator('#agenda-builder table.pool tbody tr td:nth-child(2) a.nowrap').allTextContents();
    expect(pool.length).toBeGreaterThanOrEqual(2);
    for (const number of pool.slice(0, 2)) {
      const row = page.locator('#agenda-builder table.pool tr', { hasText: number });
      await Promise.all([page.waitForURL(/done=added/), row.locator('button:text("列入议程")').click()]);
    }
    const before = await agendaOrder(page);
    expect(before).toEqual(expect.arrayContaining(pool.slice(0, 2)));
    await Promise.all([page.waitForURL(/done=moved/), page.locator('table.agenda tr', { hasText: before[1]! }).locator('button:text("上移")').click()]);
    expect(await agendaOrder(page)).toEqual([before[1], before[0]]);
    expect(await page.locator('.alert-success').textContent()).toContain('议程顺序已调整');
    await Promise.all([page.waitForURL(/done=removed/), page.locator('table.agenda tr', { hasText: before[0]! }).locator('button:text("移出")').click()]);
    expect(await agendaOrder(page)).toEqual([before[1]]);
    await context.close();
  });
});

describe('the meeting pages in both languages', () => {
  const visit = async (username: string, lang: 'zh' | 'en', pages: [string, string][]) => {
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, username);
    if (lang === 'en') await page.goto(`${base}/lang/en?next=/`);
    for (const [path, name] of pages) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      await shot(page, `${name}-${lang}`);
    }
    expect(expected(problems)).toEqual([]);
    await context.close();
  };

  it('the demo’s meetings: the coordinator’s landing, a meeting, its print views, 我的督办事项, the leader’s desk', async () => {
    const context = await newContext();
    const { page } = await watchedPage(context);
    await signIn(page, base, 'coordinator');
    const list = await (await page.request.get(`${base}/api/v1/meetings`)).json();
    await context.close();
    const published = list.items.find((m: { state: string }) => m.state === 'published');
    const final = list.items.find((m: { state: string; title: string }) => m.state === 'minutes_final' && m.title.includes('审执'));
    for (const lang of ['zh', 'en'] as const) {
      await visit('coordinator', lang, [
        ['/meetings', '30-meetings-landing'],
        [`/meetings/${published.id}`, '31-meeting-published'],
        [`/meetings/${final.id}`, '32-meeting-final'],
        [`/meetings/${published.id}/print`, '33-agenda-print'],
        [`/meetings/${final.id}/minutes/print`, '34-minutes-print'],
      ]);
      await visit('judge', lang, [['/action-items', '35-my-action-items']]);
      await visit('leader', lang, [['/leader', '36-leader-desk']]);
    }
  });
});
