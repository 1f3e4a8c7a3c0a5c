import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay, shanghaiIso } from '../../src/domain/time.ts';
import { api, fetchApp, login, page, postForm, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';
import { draftMeeting, inMinutes, itemOf, meetingWith, proposedWarning, publishedMeeting, warningRow } from '../meetings-support.ts';
import { unzip } from '../support/unzip.ts';

beforeAll(async () => {
  await seedWorld();
  await signIn('coordinator', 'petition', 'judge', 'judge2', 'leader', 'admin');
});

/** A form posted from a page, as the signed-in user; `htmx` adds the headers htmx sends. */
async function submit(path: string, as: string, fields: Record<string, string | string[]>, htmx = false) {
  const headers: Record<string, string> = { cookie: await sessionOf(as) };
  if (htmx) headers['HX-Request'] = 'true';
  const res = await postForm(path, fields, headers);
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** The text of a WordprocessingML part, runs joined. */
const docText = (xml: string | undefined) => [...(xml ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const headers = (files: Map<string, string>) => [...files].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml).join('');

async function download(path: string, as: string) {
  const res = await fetchApp(path, { headers: { cookie: await sessionOf(as) } });
  return { status: res.status, headers: res.headers, body: await res.arrayBuffer() };
}

/** Agenda order of a draft page: the case numbers in the builder's table. */
function agendaOrder(html: string): string[] {
  const table = html.slice(html.indexOf('<table class="data agenda">'), html.indexOf('</table>', html.indexOf('<table class="data agenda">')));
  return [...table.matchAll(/<a class="nowrap" href="\/warnings\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

/** Where a user lands after signing in: the sign-in answers /, which sends each role to its work. */
async function landing(username: string): Promise<string | null> {
  const res = await fetchApp('/', { headers: { cookie: await login(username) } });
  return res.headers.get('location');
}

describe('the meetings landing page', () => {
  it("is the coordinator's landing: the pool with filters and 顺延 marks, the next meetings, overdue action items", async () => {
    expect(await landing('coordinator')).toBe('/meetings');
    const carried = await proposedWarning();
    const m = await publishedMeeting([carried.warningId]);
    const item = itemOf(m.body, carried.warningId);
    await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, { as: 'coordinator', json: { outcome: 'carry_over' } });
    await api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' });
    const res = await page('/meetings', 'coordinator');
    expect(res.status).toBe(200);
    expect(res.html).toContain('议题池');
    expect(res.html).toContain(carried.caseNumber);
    expect(res.html).toContain('顺延 1 次');
    expect(res.html).toContain('href="/meetings/new"');
    expect(res.html).toContain('待开及进行中的会议');
    // Filtering with htmx answers the pool's table alone.
    const red = await page('/meetings?level=blue', 'coordinator', { target: 'pool-results' });
    expect(red.html).toMatch(/^<div id="pool-results">/);
    expect(red.html).not.toContain(carried.caseNumber);
    expect(red.html).not.toContain('<html');
  });

  it('leaders land on their desk; the petition office reads meetings without the pool; an administrator is refused', async () => {
    expect(await landing('leader')).toBe('/leader');
    const desk = await page('/leader', 'leader');
    expect(desk.status).toBe(200);
    for (const heading of ['我主持的会议', '我包案的预警', '督办事项账龄', '逾期督办事项']) expect(desk.html).toContain(heading);
    expect((await page('/leader', 'judge')).status).toBe(403);
    const petition = await page('/meetings', 'petition');
    expect(petition.status).toBe(200);
    expect(petition.html).not.toContain('议题池');
    expect((await page('/meetings', 'admin')).status).toBe(403);
    expect((await page('/meetings?lang=en', 'coordinator')).html).toContain('Agenda pool');
  });
});

describe('creating a meeting with the form', () => {
  it('offers kinds, Shanghai time, the leaders of this court or above, the division catalog and outside-unit suggestions', async () => {
    const res = await page('/meetings/new', 'coordinator');
    expect(res.status).toBe(200);
    expect(res.html).toContain('type="datetime-local"');
    expect(res.html).toContain('北京时间');
    expect(res.html).toContain(`<option value="${userId('leader')}">陈院长</option>`);
    expect(res.html).not.toContain(`value="${userId('petition')}"`);
    expect(res.html).toContain('name="divisions" value="enforcement"');
    expect(res.html).toContain('<datalist id="outside-unit-suggestions">');
    expect(res.html).toContain('党委政法委');
    expect((await page('/meetings/new', 'petition')).status).toBe(403);
  });

  it('creates a draft and goes to it; a refused form comes back with the messages under the fields and what was typed', async () => {
    const fields = { kind: 'trial_enforcement', scheduledAt: '2026-12-17T14:30', plannedMinutes: '90', title: '', place: '', videoLink: '', chairId: userId('leader'), divisions: ['filing', 'enforcement'], outsideUnits: ['兰州市信访局', ''] };
    const refused = await submit('/meetings', 'coordinator', fields);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('请填写会议地点或视频会议链接');
    expect(refused.html).toContain('value="2026-12-17T14:30"');
    expect(refused.html).toContain('value="兰州市信访局"');
    const created = await submit('/meetings', 'coordinator', { ...fields, place: '第二会议室' });
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/meetings\/[0-9a-f-]+\?done=created$/);
    const view = await page(created.location!, 'coordinator');
    expect(view.html).toContain('2026年12月审执联席会议');
    expect(view.html).toContain('2026-12-17 14:30–16:00');
    expect(view.html).toContain('会议已创建（草稿）');
  });
});

describe('editing and cancelling on the page', () => {
  it('edits a draft with the version the form carried, then cancels it with a reason (422 without one)', async () => {
    const w = await proposedWarning();
    const m = await meetingWith([w.warningId], { kind: 'petition' });
    const form = await page(`/meetings/${m.id}/edit`, 'coordinator');
    expect(form.status).toBe(200);
    expect(form.html).toContain(`name="version" value="${m.body.version}"`);
    expect(form.html).toContain('涉诉信访联席会议');
    const fields = { kind: 'petition', version: String(m.body.version), scheduledAt: '2026-12-24T09:30', plannedMinutes: '75', title: '', place: '第四会议室', videoLink: '', chairId: userId('leader'), divisions: ['petition'], outsideUnits: [''] };
    const saved = await submit(`/meetings/${m.id}/edit`, 'coordinator', fields);
    expect(saved).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=updated` });
    const stale = await submit(`/meetings/${m.id}/edit`, 'coordinator', fields);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('已被他人修改');
    const view = await page(`/meetings/${m.id}`, 'coordinator');
    expect(view.html).toContain('2026-12-24 09:30–10:45');
    expect(view.html).toContain('第四会议室');
    const version = (await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body.version;
    const noReason = await submit(`/meetings/${m.id}/cancel`, 'coordinator', { version: String(version), reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('请填写取消理由');
    const cancelled = await submit(`/meetings/${m.id}/cancel`, 'coordinator', { version: String(version), reason: '主持人外出' });
    expect(cancelled).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=cancelled` });
    expect((await page(`/meetings/${m.id}`, 'coordinator')).html).toContain('主持人外出');
    expect(await warningRow(w.warningId)).toMatchObject({ state: 'proposed' });
  });
});

describe('building the agenda on the page', () => {
  it('without JavaScript: add from the pool and move with plain forms, each a redirect back', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await draftMeeting();
    const draft = await page(`/meetings/${m.id}`, 'coordinator');
    expect(draft.html).toContain('id="agenda-builder"');
    expect(draft.html).toContain(a.caseNumber);
    for (const w of [a, b]) {
      const added = await submit(`/meetings/${m.id}/agenda`, 'coordinator', { warningId: w.warningId });
      expect(added).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=added` });
    }
    const before = await page(`/meetings/${m.id}`, 'coordinator');
    expect(agendaOrder(before.html)).toEqual([a.caseNumber, b.caseNumber]);
    // Buttons in forms, named for the item: keyboard users and screen readers get them as they are.
    const ib = itemOf((await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body, b.warningId);
    expect(before.html).toContain(`id="mv-up-${ib.id}"`);
    expect(before.html).toMatch(new RegExp(`aria-label="上移：${b.caseNumber.replace(/[()（）]/g, '.')}`));
    const moved = await submit(`/meetings/${m.id}/agenda/${ib.id}/move`, 'coordinator', { direction: 'up' });
    expect(moved).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=moved` });
    expect(agendaOrder((await page(`/meetings/${m.id}`, 'coordinator')).html)).toEqual([b.caseNumber, a.caseNumber]);
    const removed = await submit(`/meetings/${m.id}/agenda/${ib.id}/remove`, 'coordinator', {});
    expect(removed.status).toBe(303);
    expect(await warningRow(b.warningId)).toMatchObject({ state: 'proposed' });
  });

  it('with htmx: the builder alone comes back, with the new order and an announcement', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await meetingWith([a.warningId]);
    const added = await submit(`/meetings/${m.id}/agenda`, 'coordinator', { warningId: b.warningId }, true);
    expect(added.status).toBe(200);
    expect(added.html).toMatch(/^<section id="agenda-builder"/);
    expect(added.html).toContain('已列入议程');
    expect(added.html).toContain('hx-swap-oob');
    const ib = itemOf((await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body, b.warningId);
    const moved = await submit(`/meetings/${m.id}/agenda/${ib.id}/move`, 'coordinator', { direction: 'up' }, true);
    expect(moved.status).toBe(200);
    expect(agendaOrder(moved.html)).toEqual([b.caseNumber, a.caseNumber]);
    expect(moved.html).toContain('议程顺序已调整');
    // The publish form takes the agenda's current version from inside the builder.
    const version = (await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body.version;
    expect(moved.html).toContain(`id="publish-version" name="version" value="${version}" form="publish-form"`);
    const edge = await submit(`/meetings/${m.id}/agenda/${ib.id}/move`, 'coordinator', { direction: 'up' }, true);
    expect(edge.status).toBe(409);
    expect(edge.html).toContain('该议题不能再移动');
  });

  it('a published agenda is frozen: the page says so with 409, with and without htmx', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await publishedMeeting([a.warningId], { startsAt: inMinutes(600) });
    for (const htmx of [false, true]) {
      const res = await submit(`/meetings/${m.id}/agenda`, 'coordinator', { warningId: b.warningId }, htmx);
      expect(res.status).toBe(409);
      expect(res.html).toContain('议程已冻结');
    }
    // A page still showing the builder gets the whole meeting section instead, in its place.
    const headers = { cookie: await sessionOf('coordinator'), 'HX-Request': 'true', 'HX-Target': 'agenda-builder' };
    const res = await postForm(`/meetings/${m.id}/agenda`, { warningId: b.warningId }, headers);
    expect(res.headers.get('HX-Retarget')).toBe('#meeting');
    expect(await res.text()).toMatch(/^<div id="meeting"/);
    const view = await page(`/meetings/${m.id}`, 'coordinator');
    expect(view.html).not.toContain('id="agenda-builder"');
    expect(view.html).toContain('开始后才能记录');
  });
});

describe('recording and the minutes on the page', () => {
  it('records a decision and an action item, refuses a resolved item without its outcome (422 under the field), finalizes', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    const view = await page(`/meetings/${m.id}`, 'coordinator');
    expect(view.html).toContain(`id="decision-${item.id}"`);
    const refused = await submit(`/meetings/${m.id}/agenda/${item.id}/decision`, 'coordinator', { text: '已和解', outcome: 'resolved', resolutionOutcome: '' }, true);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('议题已化解的，请选择化解结果');
    expect(refused.html).toContain('>已和解</textarea>');
    const saved = await submit(`/meetings/${m.id}/agenda/${item.id}/decision`, 'coordinator', { text: '由执行局牵头约谈被执行人', outcome: 'follow_up', leaderId: userId('leader') });
    expect(saved).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=decision` });
    const action = await submit(`/meetings/${m.id}/agenda/${item.id}/action-items`, 'coordinator', { text: '约谈被执行人', ownerDivision: '', ownerCourtId: '3', ownerId: userId('judge'), dueOn: '' }, true);
    expect(action.status).toBe(200);
    expect(action.html).toContain('约谈被执行人');
    expect(action.html).toContain('督办事项已添加');
    const version = (await api('GET', `/meetings/${m.id}`, { as: 'coordinator' })).body.version;
    const stale = await submit(`/meetings/${m.id}/finalize`, 'coordinator', { version: String(version - 1) });
    expect(stale.status).toBe(409);
    const done = await submit(`/meetings/${m.id}/finalize`, 'coordinator', { version: String(version) });
    expect(done).toMatchObject({ status: 303, location: `/meetings/${m.id}?done=finalized` });
    const final = await page(`/meetings/${m.id}`, 'coordinator');
    expect(final.html).toContain('会议纪要');
    expect(final.html).toContain('处置意见（1）');
    expect(final.html).toContain('更正记录');
    // The decision is on the warning's timeline and on the case page.
    expect((await page(`/warnings/${w.warningId}`, 'petition')).html).toContain('纪要定稿，处置意见（1），转入落实');
    const casePage = await page(`/cases/${w.caseId}`, 'judge');
    expect(casePage.html).toContain('联席会议处置意见');
    expect(casePage.html).toContain('由执行局牵头约谈被执行人');
  });
});

describe('print views and downloads', () => {
  it('prints the agenda and the minutes on A4 without navigation, the court named on every page, the draft marked', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId]);
    const agenda = await page(`/meetings/${m.id}/print`, 'coordinator');
    expect(agenda.status).toBe(200);
    expect(agenda.html).not.toContain('class="sidenav"');
    expect(agenda.html).toContain('会议议程');
    expect(agenda.html).toContain(w.caseNumber);
    expect(agenda.html).toContain('href="/meetings/print-style/2"');
    const style = await page('/meetings/print-style/2', 'coordinator');
    expect(style.headers.get('content-type')).toContain('text/css');
    expect(style.html).toContain('@top-center { content: "兰州市中级人民法院"');
    const draftMinutes = await page(`/meetings/${m.id}/minutes/print`, 'coordinator');
    expect(draftMinutes.html).toContain('class="watermark"');
    const item = itemOf(m.body, w.warningId);
    await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, { as: 'coordinator', json: { text: '组织调解' } });
    await api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' });
    const final = await page(`/meetings/${m.id}/minutes/print`, 'coordinator');
    expect(final.html).not.toContain('class="watermark"');
    expect(final.html).toContain('组织调解');
    expect((await page(`/meetings/${m.id}/print`, 'judge2')).status).toBe(404);
  });

  it("names in the running head only a court whose meetings the reader may open: another's is 404, like no court", async () => {
    // 兰州中院: its coordinator, the High Court's leader, a judge of a court below it.
    for (const as of ['coordinator', 'leader', 'judge']) expect((await page('/meetings/print-style/2', as)).status, as).toBe(200);
    const elsewhere = await page('/meetings/print-style/2', 'judge2');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.html).not.toContain('兰州市中级人民法院');
    expect((await page('/meetings/print-style/6', 'judge')).status).toBe(404);
    expect((await page('/meetings/print-style/999', 'judge')).status).toBe(404);
  });

  it('downloads the agenda and the minutes as .docx and the invitation as .ics: signed in, in scope, named in Chinese, not cached', async () => {
    const w = await proposedWarning();
    // Yesterday, on the hour: recordable now, and its day and time known.
    const startsAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 86_400_000).toISOString();
    const local = shanghaiIso(startsAt);
    const m = await publishedMeeting([w.warningId], { startsAt, title: '2026年12月审执联席会议（第二次）' });
    const agenda = await download(`/meetings/${m.id}/agenda.docx`, 'coordinator');
    expect(agenda.status).toBe(200);
    expect(agenda.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(agenda.headers.get('cache-control')).toBe('no-store');
    const disposition = agenda.headers.get('content-disposition')!;
    expect(disposition).toMatch(new RegExp(`^attachment; filename="meeting-${local.slice(0, 10)}-agenda\\.docx"; filename\\*=UTF-8''`));
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('2026年12月审执联席会议（第二次）议程.docx');
    expect(disposition).not.toMatch(/filename\*=UTF-8''[^;]*[()]/);
    const agendaFiles = await unzip(agenda.body);
    expect(docText(agendaFiles.get('word/document.xml'))).toContain(w.caseNumber);
    expect(docText(headers(agendaFiles))).toContain('兰州市中级人民法院');

    const item = itemOf(m.body, w.warningId);
    await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, { as: 'coordinator', json: { text: '由执行局牵头，十五日内约谈被执行人并核查其财产状况' } });
    const draft = await unzip((await download(`/meetings/${m.id}/minutes.docx`, 'coordinator')).body);
    expect(headers(draft)).toMatch(/<v:textpath[^>]*string="草稿"/);
    await api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' });
    const finalRes = await download(`/meetings/${m.id}/minutes.docx`, 'coordinator');
    const final = await unzip(finalRes.body);
    expect(headers(final)).not.toContain('v:textpath');
    expect(docText(final.get('word/document.xml'))).toContain('处置意见（1）：由执行局牵头，十五日内约谈被执行人并核查其财产状况');

    const ics = await download(`/meetings/${m.id}/invite.ics`, 'coordinator');
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(ics.headers.get('cache-control')).toBe('no-store');
    const text = new TextDecoder().decode(ics.body);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:2026年12月审执联席会议（第二次）');
    expect(unfolded).toContain(`DTSTART;TZID=Asia/Shanghai:${local.slice(0, 19).replace(/[-:]/g, '')}`);
    expect(unfolded).toContain('LOCATION:第三会议室');
    expect(unfolded).toContain(w.caseNumber);

    expect((await download(`/meetings/${m.id}/invite.ics`, 'judge2')).status).toBe(404);
    const anonymous = await fetchApp(`/meetings/${m.id}/agenda.docx`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('我的督办事项 on the page', () => {
  it('overdue first in red with the days; complete with a note; a stale version keeps what was typed', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId], { startsAt: inMinutes(-60 * 24 * 30) });
    const item = itemOf(m.body, w.warningId);
    const make = (text: string, due: number) =>
      api('POST', `/meetings/${m.id}/agenda/${item.id}/action-items`, { as: 'coordinator', json: { text, ownerId: userId('judge'), dueOn: addDays(shanghaiDay(), due) } });
    const later = (await make('稍后回访', 6)).body;
    const overdue = (await make('逾期的调解', -4)).body;
    const list = await page('/action-items', 'judge');
    expect(list.status).toBe(200);
    expect(list.html.indexOf('逾期的调解')).toBeLessThan(list.html.indexOf('稍后回访'));
    expect(list.html).toContain(`<tr id="ai-${overdue.id}" class="is-overdue">`);
    expect(list.html).toContain('逾期 4 天');
    const done = await submit(`/action-items/${later.id}/complete`, 'judge', { version: '1', note: '已回访' });
    expect(done).toMatchObject({ status: 303, location: `/action-items?done=complete#ai-${later.id}` });
    await api('POST', `/action-items/${overdue.id}/reschedule`, { as: 'coordinator', json: { dueOn: addDays(shanghaiDay(), 3), version: 1 } });
    const stale = await submit(`/action-items/${overdue.id}/complete`, 'judge', { version: '1', note: '调解已完成，双方签字' }, true);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('该督办事项已被他人修改');
    expect(stale.html).toContain('>调解已完成，双方签字</textarea>');
    expect(stale.html).toContain('name="version" value="2"');
    const ok = await submit(`/action-items/${overdue.id}/complete`, 'judge', { version: '2', note: '调解已完成，双方签字' }, true);
    expect(ok.status).toBe(200);
    expect(ok.html).toMatch(/^<div id="action-items">/);
    expect(ok.html).toContain('督办事项已办结');
  });

  it('the header shows the inbox with the unread count, read with the session', async () => {
    const fresh = await login('judge');
    const res = await fetchApp('/cases', { headers: { cookie: fresh } });
    const html = await res.text();
    expect(html).toMatch(/<a class="inbox" href="\/notifications" aria-label="通知/);
  });
});
