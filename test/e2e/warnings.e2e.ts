import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, shot, signIn, watchedPage } from './browser.ts';

const base = inject('baseUrl');
const NUMBER = '（2026）甘0102民初99001号';
let browser: Browser;
let caseUrl = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Network notes Chromium logs for the 409/422 answers a form gets by design. */
const expected = (problems: string[]) => problems.filter((p) => !/status of (409|422)/.test(p));

describe('from a judge’s flag to a proposal for a joint meeting', () => {
  it('the judge registers a case, flags it, and sees the risk level change without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'judge');
    await page.click('a.btn-primary:text("登记案件")');
    await page.fill('#c-number', '(2026)甘0102民初99001号');
    await page.fill('#c-cause', '追索劳动报酬纠纷');
    await page.fill('#c-count', '28');
    await page.fill('#c-amount', '640000');
    await page.fill('input[name="parties.0.name"]', '王某某等28人');
    await page.check('input[name="parties.0.vulnerable"]');
    await page.fill('input[name="parties.1.name"]', '兰州某某劳务有限公司');
    await Promise.all([page.waitForURL(/done=created/), page.click('main form button[type=submit]')]);
    caseUrl = page.url().replace(/\?.*$/, '');
    expect(await page.textContent('h1')).toBe(NUMBER);
    // 28 parties (≥ 10) → 2 points: blue, no warning yet.
    expect(await page.locator('main').textContent()).toContain('蓝色关注');

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await page.selectOption('#flag-factor', 'WAGE_ARREARS');
    await page.fill('#flag-note', '28名农民工被拖欠工资半年');
    await page.click('#case-flags form.add-flag button[type=submit]');
    await expect.poll(() => page.locator('main').textContent()).toContain('橙色预警');
    await page.selectOption('#flag-factor', 'THREAT_PETITION');
    await page.fill('#flag-note', '代表称年底前不解决就到省里上访');
    await page.click('#case-flags form.add-flag button[type=submit]');
    // 4 + 3 + 2 = 9 → orange, a warning raised; the page was never reloaded.
    await expect.poll(() => page.locator('#case-flags tbody tr').count()).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    expect(await page.locator('main').textContent()).toContain('9 分');
    await shot(page, '10-judge-flags-orange');
    expect(expected(problems)).toEqual([]);
    await context.close();
  });

  it('the petition officer finds the warning in the queue, reads the explanation, acknowledges and proposes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'petition');
    expect(new URL(page.url()).pathname).toBe('/warnings');
    await page.selectOption('#wq-level', 'orange');
    await page.locator('form.wq-filters button[type=submit]').click();
    const row = page.locator('#warning-results tbody tr', { hasText: NUMBER });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('橙色预警');
    await shot(page, '11-queue-zh');

    await Promise.all([page.waitForURL(/\/warnings\/[0-9a-f-]+$/), row.locator(`a:text("${NUMBER}")`).click()]);
    const warningUrl = page.url();
    const text = await page.locator('main').textContent();
    expect(text).toContain('拖欠劳动报酬（农民工工资） +4');
    expect(text).toContain('扬言上访、越级访 +3');
    expect(text).toContain('当事人十人以上 +2');
    expect(text).toContain('新预警');
    await shot(page, '12-warning-open');

    // Acknowledge (the owner defaults to me), in place.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 8));
    const ack = page.locator('#wa-acknowledge');
    if (!(await ack.evaluate((d) => (d as HTMLDetailsElement).open))) await ack.locator('summary').click();
    await ack.locator('textarea, input[name=note]').first().fill('已联系承办法官了解情况');
    await ack.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.warning-status').textContent()).toContain('研判中');
    expect(await page.textContent('#live')).toBeTruthy();

    // Propose it for a joint meeting.
    const propose = page.locator('#wa-propose');
    if (!(await propose.evaluate((d) => (d as HTMLDetailsElement).open))) await propose.locator('summary').click();
    await propose.locator('textarea, input[name=note]').first().fill('涉及劳动监察、住建部门，建议提交审执联席会议');
    await propose.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.warning-status').textContent()).toContain('提请上会');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(8);
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('受理研判');
    expect(timeline).toContain('提请联席会议研究');
    await shot(page, '13-warning-proposed');

    // English, for the record.
    await Promise.all([page.waitForURL(warningUrl), page.click('nav.lang a')]);
    expect(await page.locator('.timeline').textContent()).toContain('Proposed for a joint meeting');
    await shot(page, '14-warning-en');
    await page.click('nav.lang a');
    await page.waitForLoadState();
    expect(expected(problems)).toEqual([]);
    await context.close();
  });

  it('the judge sees the warning on the case, read-only; judge2 does not see it at all', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'judge');
    await page.goto(`${base}/warnings?status=all`);
    const row = page.locator('#warning-results tbody tr', { hasText: NUMBER });
    expect(await row.count()).toBe(1);
    await row.locator('a').first().click();
    await page.waitForURL(/\/warnings\//);
    expect(await page.locator('form.action-form').count()).toBe(0);
    const warningUrl = page.url();
    await context.close();

    const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const second = await watchedPage(other);
    await signIn(second.page, base, 'judge2');
    expect((await second.page.goto(warningUrl))?.status()).toBe(404);
    expect((await second.page.goto(caseUrl))?.status()).toBe(404);
    expect(expected(problems)).toEqual([]);
    expect(second.problems.filter((p) => !/404/.test(p))).toEqual([]);
    await other.close();
  });
});

describe('the admin’s rule sets', () => {
  it('reads the active rule set in words, and the simulation of a draft', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'admin');
    await page.goto(`${base}/admin/rulesets`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('当事人人数 ≥ 100');
    expect(text).toContain('红色预警');
    await shot(page, '15-rulesets');

    // A draft copied from the active set, with one rule made heavier, then simulated in place.
    await page.click('a.btn-primary:text("新建草稿")');
    await page.waitForURL(/\/admin\/rulesets\/new/);
    const points = page.locator('input[name$=".points"]').first();
    await points.fill('9');
    await Promise.all([page.waitForURL(/\/admin\/rulesets\/[0-9a-f-]+/), page.locator('button:text("保存草稿")').first().click()]);
    expect(await page.locator('main').textContent()).toContain('群体性纠纷');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 9));
    await page.locator('#rs-simulation button[type=submit]').click();
    await expect.poll(() => page.locator('#rs-simulation table').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(9);
    await shot(page, '16-ruleset-simulation');
    expect(expected(problems)).toEqual([]);
    await context.close();
  });
});
