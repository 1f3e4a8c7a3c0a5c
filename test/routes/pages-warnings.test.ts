import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, insertFreshCase, page, postForm, seedWorld, sessionOf, userId } from '../helpers.ts';

/** A fresh 甘0102 case of the judge with a new yellow warning (GROUP_DISPUTE 5 points). */
async function caseWithWarning(cause = '追索劳动报酬纠纷'): Promise<{ caseId: string; warningId: string; number: string }> {
  const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge'), cause });
  const res = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' } });
  expect(res.status).toBe(201);
  return { caseId, warningId: res.body.assessment.warningId, number };
}

async function warningRow(id: string) {
  return env.DB.prepare('SELECT state, version, owner_id FROM warnings WHERE id = ?').bind(id).first<{ state: string; version: number; owner_id: string | null }>();
}

const events = (id: string) => count('warning_events', 'warning_id = ?', id);

/** A form post as a signed-in user; `htmx` adds the headers htmx sends. */
async function post(path: string, as: string, fields: Record<string, string | string[]>, htmx?: { target: string }) {
  const headers: Record<string, string> = { cookie: await sessionOf(as) };
  if (htmx) Object.assign(headers, { 'HX-Request': 'true', 'HX-Target': htmx.target });
  const res = await postForm(path, fields, headers);
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
}

beforeAll(seedWorld);

describe('the warning queue', () => {
  /** Two fresh warnings: `first` new, `second` acknowledged by the petition office. */
  async function newAndAcknowledged() {
    const first = await caseWithWarning();
    const second = await caseWithWarning('建设工程施工合同纠纷');
    const ack = await api('POST', `/warnings/${second.warningId}/actions`, { as: 'petition', json: { action: 'acknowledge', version: 1 } });
    expect(ack.status).toBe(200);
    return { first, second };
  }

  /** The count on a tab of the queue. */
  function tabCount(html: string, tab: string): number {
    const m = new RegExp(`${tab} <span class="tab-count">(\\d+)</span>`).exec(html);
    if (!m) throw new Error(`no tab ${tab}`);
    return Number(m[1]);
  }

  /** How many warnings the live region announces for a filter (`共 N 条`). */
  function announced(html: string): number {
    const m = /<div id="live"[^>]*hx-swap-oob="true"[^>]*>共 (\d+) 条/.exec(html);
    if (!m) throw new Error('no announcement');
    return Number(m[1]);
  }

  it('shows the petition officer the warnings with badges, links, deadlines and counts per tab', async () => {
    const before = await page('/warnings', 'petition');
    const { first, second } = await newAndAcknowledged();
    const res = await page('/warnings', 'petition');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<title>预警队列');
    expect(res.html).toContain(`<a href="/warnings/${first.warningId}">${first.number}</a>`);
    expect(res.html).toContain(second.number);
    expect(res.html).toContain('<span class="badge badge-yellow">黄色预警</span>');
    // two more in hand: one new, one under review, none resolved (other tests of the file have theirs)
    for (const [tab, added] of [['全部在办', 2], ['新预警', 1], ['研判中', 1], ['已化解', 0]] as const) {
      expect(tabCount(res.html, tab), tab).toBe(tabCount(before.html, tab) + added);
    }
    // a yellow warning has 7 days to review: the time left, not overdue
    expect(res.html).toMatch(/剩余 (6|7) 天/);
    // only the open one can be ticked for bulk acknowledgement
    expect(res.html).toContain(`value="${first.warningId}:`);
    expect(res.html).not.toContain(`value="${second.warningId}:`);
    expect(res.html).toContain('action="/warnings/bulk-acknowledge"');
  });

  it('a tab shows only its state', async () => {
    const { first, second } = await newAndAcknowledged();
    const res = await page('/warnings?status=acknowledged', 'petition');
    expect(res.html).toContain(second.number);
    expect(res.html).not.toContain(first.number);
    expect(res.html).toMatch(/aria-current="page"[^>]*>研判中/);
  });

  it('a bad parameter in a link falls back to its default and keeps the other filters', async () => {
    const { first, second } = await newAndAcknowledged();
    const res = await page('/warnings?status=acknowledged&level=purple&page=abc', 'petition');
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/aria-current="page"[^>]*>研判中/);
    expect(res.html).toContain(second.number);
    expect(res.html).not.toContain(first.number);
  });

  it('answers htmx filter and sort requests with the results fragment only', async () => {
    const query = '/warnings?level=yellow&sort=score&status=open';
    const before = announced((await page(query, 'petition', { target: 'warning-results' })).html);
    const { first, second } = await newAndAcknowledged();
    const res = await page(query, 'petition', { target: 'warning-results' });
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<section id="warning-results"')).toBe(true);
    expect(res.html).not.toContain('<html');
    expect(res.html).not.toContain('class="filters"');
    expect(res.html).toContain(first.number);
    expect(res.html).not.toContain(second.number);
    // the filter form's status follows the tab, and the live region says how many
    expect(res.html).toContain('id="wq-status" name="status" value="open" hx-swap-oob="true"');
    expect(announced(res.html)).toBe(before + 1);
    // only an open warning can be overdue: no resolved one ever is
    const none = await page('/warnings?status=resolved&overdue=1', 'petition', { target: 'warning-results' });
    expect(none.html).toContain('没有符合条件的预警');
  });

  it('judge2 of another court neither sees the warning in its queue nor opens it (404)', async () => {
    const first = await caseWithWarning();
    const queue = await page('/warnings?status=all', 'judge2');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<title>我的案件预警');
    expect(queue.html).not.toContain(first.number);
    expect((await page(`/warnings/${first.warningId}`, 'judge2')).status).toBe(404);
  });

  it('the judge sees its case’s warnings read-only: no checkboxes, no bulk form', async () => {
    const first = await caseWithWarning();
    const res = await page('/warnings', 'judge');
    expect(res.html).toContain(first.number);
    expect(res.html).not.toContain('bulk-acknowledge');
    expect(res.html).not.toContain('name="items"');
  });
});

describe('the warning page', () => {
  it('shows the case, flags, explanation and timeline; the judge gets no action forms', async () => {
    const { warningId, number, caseId } = await caseWithWarning();
    const res = await page(`/warnings/${warningId}`, 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain(`<a class="nowrap" href="/cases/${caseId}">${number}</a>`);
    expect(res.html).toContain('群体性纠纷');
    expect(res.html).toContain('<li>群体性纠纷 +5</li>');
    expect(res.html).toContain('合计 5 分，黄色预警');
    expect(res.html).toContain('系统发出黄色预警');
    expect(res.html).toContain('此预警由信访办办理');
    expect(res.html).not.toContain('/actions"');
    expect(res.html).not.toContain('<form method="post" action="/warnings');
  });

  it('offers the petition officer only the actions the state allows, each with a version', async () => {
    const { warningId } = await caseWithWarning();
    const res = await page(`/warnings/${warningId}`, 'petition');
    for (const a of ['acknowledge', 'assign', 'assign_leader', 'escalate', 'dismiss']) expect(res.html).toContain(`name="action" value="${a}"`);
    for (const a of ['propose', 'resolve', 'reopen', 'withdraw_proposal']) expect(res.html).not.toContain(`name="action" value="${a}"`);
    expect(res.html).toContain('name="version" value="1"');
    // owner defaults to me; leaders above the case's court can be chosen
    expect(res.html).toMatch(/<option value="user-petition" selected="">李信访（本人）<\/option>/);
    expect(res.html).toContain('<option value="user-leader">陈院长</option>');
  });

  it('acknowledges through the form without JavaScript: 303 back to the page with a notice', async () => {
    const { warningId } = await caseWithWarning();
    const res = await post(`/warnings/${warningId}/actions`, 'petition', {
      action: 'acknowledge',
      version: '1',
      ownerId: userId('petition'),
      note: '已联系承办法官',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/warnings/${warningId}?done=acknowledge`);
    expect((await warningRow(warningId))?.state).toBe('acknowledged');
    const after = await page(res.location!, 'petition');
    expect(after.html).toContain('<div class="alert alert-success" role="status">已受理研判</div>');
    expect(after.html).toContain('受理研判，承办人：李信访');
    expect(after.html).toContain('已联系承办法官');
    expect(after.html).toContain('name="action" value="propose"');
  });

  it('acknowledges with htmx: the warning fragment and a live announcement', async () => {
    const { warningId } = await caseWithWarning();
    const res = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'acknowledge', version: '1', ownerId: userId('petition') }, { target: 'warning' });
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<div id="warning"')).toBe(true);
    expect(res.html).not.toContain('<html');
    expect(res.html).toContain('<span class="w-state w-state-acknowledged">研判中</span>');
    expect(res.html).toContain('name="version" value="2"');
    expect(res.html).toMatch(/<div id="live"[^>]*hx-swap-oob="true">已受理研判<\/div>/);
  });

  it('a stale version answers 409 with the current state and keeps the typed note', async () => {
    const { warningId } = await caseWithWarning();
    await api('POST', `/warnings/${warningId}/actions`, { as: 'petition', json: { action: 'acknowledge', version: 1 } });
    const before = await events(warningId);
    // Someone else acknowledged meanwhile: this acknowledgement is no longer possible.
    const res = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'acknowledge', version: '1', ownerId: userId('petition'), note: '已电话联系当事人' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('该预警已发生变化');
    expect(res.html).toContain('当前状态：研判中');
    expect(res.html).toContain('<blockquote>已电话联系当事人</blockquote>');
    // a stale dismissal that is still possible comes back in its form as typed, with the new version
    const stale = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'dismiss', version: '1', reason: '当事人已撤诉，误报' }, { target: 'warning' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('当前状态：研判中');
    expect(stale.html).toMatch(/<details class="action" id="wa-dismiss" open="">/);
    expect(stale.html).toMatch(/<textarea id="wa-dismiss-reason"[^>]*>当事人已撤诉，误报<\/textarea>/);
    expect(stale.html).toContain('name="version" value="2"');
    expect(await events(warningId)).toBe(before);
    expect((await warningRow(warningId))?.version).toBe(2);
  });

  it('dismissal without a reason answers 422 under the reason field and changes nothing', async () => {
    const { warningId } = await caseWithWarning();
    const before = await warningRow(warningId);
    const eventsBefore = await events(warningId);
    const res = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'dismiss', version: '1', reason: '   ' }, { target: 'warning' });
    expect(res.status).toBe(422);
    // only the form changed: htmx is told to swap just that form
    expect(res.headers.get('HX-Retarget')).toBe('#wa-dismiss');
    expect(res.html.startsWith('<details class="action" id="wa-dismiss" open="">')).toBe(true);
    expect(res.html).toContain('<p class="error" id="wa-dismiss-reason-error">请填写排除理由</p>');
    expect(res.html).toMatch(/<textarea id="wa-dismiss-reason"[^>]*aria-invalid="true"/);
    expect(await warningRow(warningId)).toEqual(before);
    expect(await events(warningId)).toBe(eventsBefore);
    // without JavaScript: the whole page, same message
    const full = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'resolve', version: '1', note: '已化解' });
    expect(full.status).toBe(409); // resolve is not possible from 新预警
    const noOutcome = await post(`/warnings/${warningId}/actions`, 'petition', { action: 'dismiss', version: '1', reason: '' });
    expect(noOutcome.status).toBe(422);
    expect(noOutcome.html).toContain('<html');
    expect(noOutcome.html).toContain('请填写排除理由');
  });

  it('a form without a usable version answers 422 asking to reload, and changes nothing', async () => {
    const { warningId } = await caseWithWarning();
    const before = await warningRow(warningId);
    const eventsBefore = await events(warningId);
    for (const version of [undefined, '', 'abc', '0', '1.5', '-1']) {
      const fields: Record<string, string> = { action: 'acknowledge', ownerId: userId('petition'), note: '已联系' };
      if (version !== undefined) fields.version = version;
      const res = await post(`/warnings/${warningId}/actions`, 'petition', fields, { target: 'warning' });
      expect(res.status, String(version)).toBe(422);
      expect(res.html).toContain('页面信息不完整或已过期，请刷新页面后重试');
    }
    expect(await warningRow(warningId)).toEqual(before);
    expect(await events(warningId)).toBe(eventsBefore);
  });

  it('refuses the judge’s post (403)', async () => {
    const { warningId } = await caseWithWarning();
    const res = await post(`/warnings/${warningId}/actions`, 'judge', { action: 'acknowledge', version: '1' });
    expect(res.status).toBe(403);
    expect((await warningRow(warningId))?.state).toBe('open');
  });
});

describe('bulk acknowledgement', () => {
  it('acknowledges the selected, reports the stale one and why', async () => {
    const a = await caseWithWarning();
    const b = await caseWithWarning();
    const c = await caseWithWarning();
    await api('POST', `/warnings/${c.warningId}/actions`, { as: 'petition', json: { action: 'acknowledge', version: 1 } });
    const res = await post(
      '/warnings/bulk-acknowledge?status=open',
      'petition',
      { items: [`${a.warningId}:1`, `${b.warningId}:1`, `${c.warningId}:1`] },
      { target: 'warning-results' },
    );
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<section id="warning-results"')).toBe(true);
    expect(res.html).toContain('已受理 2 条预警');
    expect(res.html).toContain('以下 1 条未能受理');
    expect(res.html).toContain(`${c.number}：该预警已被他人处理`);
    expect((await warningRow(a.warningId))?.state).toBe('acknowledged');
    expect((await warningRow(b.warningId))?.owner_id).toBe(userId('petition'));
  });

  it('without JavaScript: 303 back to the queue with the count; nothing ticked is 422', async () => {
    const d = await caseWithWarning();
    const res = await post('/warnings/bulk-acknowledge', 'petition', { items: [`${d.warningId}:1`] });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/warnings?done=bulk&n=1');
    expect((await page(res.location!, 'petition')).html).toContain('已受理 1 条预警');
    const none = await post('/warnings/bulk-acknowledge', 'petition', {});
    expect(none.status).toBe(422);
    expect(none.html).toContain('请先勾选要受理的预警');
    expect((await post('/warnings/bulk-acknowledge', 'judge', { items: [`${d.warningId}:2`] })).status).toBe(403);
  });
});

describe('the case page’s risk card', () => {
  it('shows level, score and explanation after flagging, and the htmx flag answer carries it out of band', async () => {
    const { caseId, warningId } = await caseWithWarning();
    const res = await page(`/cases/${caseId}`, 'judge');
    expect(res.status).toBe(200);
    expect(res.html).toContain('id="case-risk"');
    expect(res.html).toContain('<span class="badge badge-yellow">黄色预警</span>');
    expect(res.html).toContain('5 分');
    expect(res.html).toContain('<li>群体性纠纷 +5</li>');
    expect(res.html).toContain('规则集第 1 版');
    expect(res.html).toContain(`href="/warnings/${warningId}"`);
    expect(res.html).toContain('查看预警（新预警）');
    expect(res.html).toContain('评估记录（');

    const flagged = await post(`/cases/${caseId}/flags`, 'judge', { factor: 'THREAT_PETITION', note: '扬言到省里上访' }, { target: 'case-flags' });
    expect(flagged.status).toBe(200);
    expect(flagged.html).not.toContain('<html');
    expect(flagged.html).toMatch(/<section id="case-risk"[^>]*hx-swap-oob="true"/);
    const risk = flagged.html.slice(flagged.html.indexOf('<section id="case-risk"'));
    expect(risk).toContain('<span class="badge badge-orange">橙色预警</span>');
    expect(risk).toContain('8 分');
    expect(risk).toContain('扬言上访、越级访 +3');
  });
});
