import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCheckChar } from '../../src/domain/petitions/id-number.ts';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { launch, shot, signIn, watchedPage } from './browser.ts';

const base = inject('baseUrl');
const NUMBER = '（2026）甘0102民初99201号';
const FIRST17 = '62010219650312004';
const ID_NUMBER = FIRST17 + idCheckChar(FIRST17);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Network notes Chromium logs for the 409/422 answers a form gets by design. */
const expected = (problems: string[]) => problems.filter((p) => !/status of (409|422)/.test(p));

async function newPage(): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const { page, problems } = await watchedPage(context);
  return { page, problems, close: () => context.close() };
}

/** Fills the registration form and submits it. */
async function fillPetition(page: Page, p: { channel: string; day: string; caseNumber: string }) {
  await page.selectOption('#p-channel', p.channel);
  await page.fill('#p-received', p.day);
  await page.fill('#p-persons', '1');
  await page.fill('#p-name', '王某某');
  await page.fill('#p-id', ID_NUMBER);
  await page.fill('#p-case', p.caseNumber);
  await page.selectOption('#p-complaint', 'judgment');
  await page.fill('#p-note', '反映案件久拖不决');
  await page.click('form.petition-form button[type=submit]');
}

describe('petitions, statistics and backtesting in the browser', () => {
  it('a second petition within 7 days turns the case’s warning orange, with the cause on its timeline', async () => {
    // The judge registers a case and flags it: yellow, a warning raised.
    const judge = await newPage();
    await signIn(judge.page, base, 'judge');
    await judge.page.goto(`${base}/cases/new`);
    await judge.page.fill('#c-number', '(2026)甘0102民初99201号');
    await judge.page.fill('#c-cause', '民间借贷纠纷');
    await judge.page.fill('input[name="parties.0.name"]', '王某某');
    await judge.page.fill('input[name="parties.1.name"]', '兰州某某商贸有限公司');
    await Promise.all([judge.page.waitForURL(/done=created/), judge.page.click('main form button[type=submit]')]);
    const caseUrl = judge.page.url().replace(/\?.*$/, '');
    await judge.page.selectOption('#flag-factor', 'THREAT_PETITION');
    await judge.page.click('#case-flags form.add-flag button[type=submit]');
    await expect.poll(() => judge.page.locator('#case-risk').textContent()).toContain('黄色预警');
    expect(expected(judge.problems)).toEqual([]);
    await judge.close();

    // The petition office registers a first petition, three days ago, linked to the case.
    const office = await newPage();
    const { page } = office;
    await signIn(page, base, 'petition');
    await page.click('nav.sidenav a:text("信访登记")');
    await page.waitForURL(`${base}/petitions`);
    await shot(page, '40-register-zh');
    await page.click('a.btn-primary:text("登记信访")');
    await fillPetition(page, { channel: 'visit', day: addDays(shanghaiDay(), -3), caseNumber: '(2026)甘0102民初99201号' });
    await page.waitForURL(/\/petitions\/[0-9a-f-]+\?done=created$/);
    expect(await page.locator('main').textContent()).toContain(NUMBER);
    expect(await page.locator('.case-risk').textContent()).toContain('黄色预警');
    expect(await page.locator('main').textContent()).toContain(ID_NUMBER);

    // A second, today: the same petitioner and case within 30 days is shown first, then confirmed.
    await page.goto(`${base}/petitions/new`);
    await fillPetition(page, { channel: 'letter', day: shanghaiDay(), caseNumber: NUMBER });
    await expect.poll(() => page.locator('.repeats').textContent()).toContain('发现 1 条可能重复的信访');
    expect(await page.locator('.repeats').textContent()).toContain('同一信访人、同一案件');
    await shot(page, '41-possible-repeat');
    await Promise.all([page.waitForURL(/\?done=created$/), page.click('form.petition-form button:text("仍然登记")')]);
    expect(await page.locator('.case-risk').textContent()).toContain('橙色预警');
    await shot(page, '42-petition-linked-orange');

    await Promise.all([page.waitForURL(/\/warnings\/[0-9a-f-]+$/), page.click('.case-risk a:text("查看预警")')]);
    const main = await page.locator('main').textContent();
    expect(main).toContain('橙色预警');
    expect(main).toContain('风险等级由黄色预警变为橙色预警（6 分，关联信访登记）');
    await shot(page, '43-warning-orange-timeline');

    // The case page lists both petitions by date, and no identity number.
    await page.goto(caseUrl);
    const petitions = await page.locator('#case-petitions').textContent();
    expect(petitions).toContain('信访情况（2 件）');
    expect(petitions).not.toContain(ID_NUMBER);
    expect(expected(office.problems)).toEqual([]);
    await office.close();
  });

  it('the leader opens the statistics of 2018-01-01 … 2018-09-30 and reads the seed article’s figures, in both languages and on A4', async () => {
    const { page, problems, close } = await newPage();
    await signIn(page, base, 'leader');
    // A leader lands on the leader's desk; the statistics are one click away in the side menu.
    expect(new URL(page.url()).pathname).toBe('/leader');
    await Promise.all([page.waitForURL(/\/stats$/), page.click('nav.sidenav a:text("统计分析")')]);
    await page.fill('#st-from', '2018-01-01');
    await page.fill('#st-to', '2018-09-30');
    await Promise.all([page.waitForURL(/from=2018-01-01&to=2018-09-30/), page.click('form.stats-filters button[type=submit]')]);
    const figures = await page.locator('#st-figures-h + a, .stats-section').first().textContent();
    expect(figures).toContain('535 件，761 人次');
    expect(figures).toContain('1,972');
    expect(figures).toContain('同比 −9.5%');
    expect(figures).toContain('2,197 件，其中中院 727 件，基层法院 1,470 件');
    expect(figures).toContain('57 / 26 / 14 / 21 件');
    expect(figures).toContain('107 / 112');
    expect(await page.locator('.trend-summary').textContent()).toContain('各项均已达到');
    expect(await page.locator('svg.chart-svg').count()).toBe(3);
    await shot(page, '44-stats-zh');

    await page.click('nav.lang a');
    await page.waitForLoadState('load');
    const en = await page.locator('.stats-section').first().textContent();
    expect(en).toContain('535 petitions, 761 persons');
    expect(en).toContain('−9.5%');
    expect(en).toContain('2,197: intermediate courts 727, basic courts 1,470');
    await shot(page, '45-stats-en');
    await page.click('nav.lang a');
    await page.waitForLoadState('load');

    await Promise.all([page.waitForURL(/\/stats\/print/), page.click('a:text("打印版（A4）")')]);
    expect(await page.locator('.print-title').textContent()).toContain('涉诉信访工作统计（2018-01-01 至 2018-09-30）');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '46-stats-print');
    expect(problems).toEqual([]);
    await close();
  });

  it('the admin backtests a new draft against the active rule set', async () => {
    const { page, problems, close } = await newPage();
    await signIn(page, base, 'admin');
    await page.goto(`${base}/admin/rulesets/new`);
    await page.fill('#rs-name', '试行规则（情绪激烈加重）');
    // extreme-emotion: +2 → +4
    const row = page.locator('fieldset.rs-rule', { has: page.locator('code.rs-id:text-is("extreme-emotion")') });
    await row.locator('input[name$=".points"]').fill('4');
    await Promise.all([page.waitForURL(/\/admin\/rulesets\/[0-9a-f-]+\?done=created$/), page.click('#rs-editor form button[type=submit]:text("保存草稿")')]);
    await Promise.all([page.waitForURL(/\/backtest\?ruleSetId=/), page.click('a:text("回测并与现行规则对比")')]);
    const headline = await page.locator('table.bt-headline').textContent();
    expect(headline).toContain('试行规则（情绪激烈加重）（第 2 版，草案）');
    expect(headline).toContain('默认规则（第 1 版，现行）');
    expect(headline).toContain('召回率');
    expect(headline).toContain('精确率');
    expect(await page.locator('table.bt-rules').textContent()).toContain('情绪激烈、矛盾尖锐');
    // The demo data gives it something to find: petitioned cases, some warned before.
    const petitioned = await page.locator('table.bt-headline tr', { hasText: '期间内发生信访的案件' }).locator('td').first().textContent();
    expect(Number(petitioned)).toBeGreaterThan(10);
    await shot(page, '47-backtest');
    expect(problems).toEqual([]);
    await close();
  });
});
