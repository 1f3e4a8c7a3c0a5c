import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, shot, signIn, signOut, watchedPage } from './browser.ts';

const base = inject('baseUrl');
const CASE = '（2024）甘0102民初1234号';
let browser: Browser;
let caseUrl = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the judge', () => {
  it('signs in, searches, flags and withdraws in place, switches to English, signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const { page, problems } = await watchedPage(context);

    await page.goto(`${base}/login`);
    expect(await page.textContent('h1')).toBe('登录');
    await shot(page, '01-login-zh');
    await signIn(page, base, 'judge');
    expect(new URL(page.url()).pathname).toBe('/cases');
    expect(await page.textContent('h1')).toBe('我的案件');

    // Search in place with htmx: the page is not reloaded (the marker survives), the URL follows.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.fill('#f-number', '(2024)甘0102民初1234号');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/number=/);
    await expect.poll(() => page.locator('#case-results tbody tr').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await shot(page, '02-search-zh');

    await Promise.all([page.waitForURL(/\/cases\/[0-9a-f-]+$/), page.click(`#case-results a:text("${CASE}")`)]);
    caseUrl = page.url();
    expect(await page.textContent('h1')).toBe(CASE);
    await expect.poll(() => page.locator('#case-flags tbody tr').count()).toBe(3);

    // Flag it: the flag appears without a reload.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 43));
    await page.selectOption('#flag-factor', 'MEDIA_ATTENTION');
    await page.fill('#flag-note', '当事人在网络平台发帖，已有转发');
    await page.click('#case-flags form.add-flag button[type=submit]');
    await expect.poll(() => page.locator('#case-flags tbody tr').count()).toBe(4);
    expect(await page.locator('#case-flags').textContent()).toContain('舆情 / 媒体关注');
    expect(await page.locator('#case-flags').textContent()).toContain('已保存标记');
    expect(await page.textContent('#live')).toContain('已保存标记');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(43);
    await shot(page, '03-flagged-zh');

    // Withdraw it, still in place; it moves to the history.
    const row = page.locator('#case-flags tbody tr', { hasText: '舆情 / 媒体关注' });
    await row.locator('summary').click();
    await row.locator('input[name=note]').fill('经核实为误报');
    await row.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#case-flags table[aria-label] tbody tr').count()).toBe(3);
    expect(await page.locator('#case-flags details.history summary').textContent()).toMatch(/已撤销的标记（\d+）/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(43);

    // English, honoured by every page.
    await Promise.all([page.waitForURL(caseUrl), page.click('nav.lang a')]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#case-flags h2').textContent()).toBe('Risk flags');
    await shot(page, '04-case-en');
    await page.goto(`${base}/cases`);
    expect(await page.textContent('h1')).toBe('My cases');
    await shot(page, '05-cases-en');
    await page.click('nav.lang a');
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await signOut(page);
    await page.goto(caseUrl);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('flags and withdraws with JavaScript off, by full page loads', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'judge');
    await page.goto(caseUrl);
    await page.selectOption('#flag-factor', 'UNREALISTIC_DEMAND');
    await page.fill('#flag-note', '要求赔偿明显超出损失');
    await Promise.all([page.waitForURL(/done=flag_added/), page.click('#case-flags form.add-flag button[type=submit]')]);
    expect(await page.locator('#case-flags').textContent()).toContain('诉求明显过高');
    const row = page.locator('#case-flags tbody tr', { hasText: '诉求明显过高' });
    await row.locator('summary').click();
    await Promise.all([page.waitForURL(/done=flag_withdrawn/), row.locator('button[type=submit]').click()]);
    expect(await page.locator('#case-flags table[aria-label]').textContent()).not.toContain('诉求明显过高');
    // An empty factor is refused with the message under the field.
    await page.click('#case-flags form.add-flag button[type=submit]');
    expect(await page.locator('#flag-factor-error').textContent()).toBeTruthy();
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    await context.close();
  });
});

describe('the demo accounts', () => {
  const accounts = [
    ['judge', 'trial_judge', '甘0102'],
    ['enforcer', 'enforcement_judge', '甘0102'],
    ['petition', 'petition_officer', '甘01'],
    ['coordinator', 'coordinator', '甘01'],
    ['leader', 'leader', '甘'],
    ['admin', 'admin', '甘'],
    ['judge2', 'trial_judge', '甘0502'],
  ] as const;
  it.each(accounts)('%s signs in with demo1234 and /api/v1/me shows %s at %s', async (username, role, court) => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, username);
    const me = await (await page.request.get(`${base}/api/v1/me`)).json();
    expect(me.roles).toContain(role);
    expect(me.court.code).toBe(court);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('scope', () => {
  it('the petition officer of 甘01 sees the same case', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'petition');
    await page.goto(caseUrl);
    expect(await page.textContent('h1')).toBe(CASE);
    await shot(page, '06-petition-sees-case');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('judge2 of 天水 does not: 404, and the search finds nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'judge2');
    const res = await page.goto(caseUrl);
    expect(res?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain('不在您的管辖范围内');
    await page.goto(`${base}/cases?number=${encodeURIComponent(CASE)}`);
    expect(await page.locator('#case-results').textContent()).toContain('没有符合条件的案件');
    await shot(page, '07-judge2-404');
    // The 404 of the document itself is the only console message allowed here.
    expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
    await context.close();
  });
});

describe('the admin', () => {
  it('creates a user, issues a token shown once, deactivates the user', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, problems } = await watchedPage(context);
    await signIn(page, base, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await shot(page, '08-admin-users');
    await page.click('a.btn-primary:text("新建用户")');
    await page.fill('#nu-username', 'zhangsan');
    await page.fill('#nu-name', '张三');
    await page.selectOption('#nu-court', { label: '兰州市城关区人民法院（甘0102）' });
    await page.fill('#nu-division', '民二庭');
    await page.check('#nu-role-trial_judge');
    await page.fill('#nu-password', 'changeme123');
    await Promise.all([page.waitForURL(/done=created/), page.click('main form button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('张三');
    const userUrl = page.url().replace(/\?.*$/, '');

    await page.fill('#tk-name', '审判流程管理系统对接');
    await page.click('form[action$="/tokens"] button[type=submit]');
    await page.waitForSelector('#new-token');
    const token = (await page.textContent('#new-token'))!.trim();
    expect(token).toMatch(/^yjlx_/);
    await shot(page, '09-token-once');
    const me = await page.request.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).username).toBe('zhangsan');
    // Shown once: opening the user again shows only the prefix, never the secret.
    await page.goto(userUrl);
    expect(await page.locator('#new-token').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(token);
    expect(await page.locator('main').textContent()).toContain(token.slice(0, 11));

    await Promise.all([page.waitForURL(/done=deactivated/), page.click('button:text("停用该用户")')]);
    expect(await page.locator('main').textContent()).toContain('已停用');
    const after = await page.request.get(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);

    await page.goto(`${base}/admin/factors`);
    expect(await page.locator('table.data tbody tr').count()).toBe(16);
    expect(problems).toEqual([]);
    await context.close();
  });
});
