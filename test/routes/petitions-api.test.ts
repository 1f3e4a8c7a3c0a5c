import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/petitions/id-number.ts';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, count, flagCase, insertFreshCase, insertUser, page, postForm, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';

beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'petition05', name: '天水信访', roles: ['petition_officer'], court: 5 });
  await signIn('petition', 'petition05', 'leader', 'coordinator', 'judge', 'admin');
});

const today = () => shanghaiDay();
let serial = 100;
/** A valid identity number (GB 11643 check character) of a Lanzhou petitioner, new for each call. */
function idNumber(): string {
  const first17 = `62010219800101${String(++serial).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function body(over: Record<string, unknown> = {}) {
  return { channel: 'visit', receivedOn: today(), courtId: 2, persons: 1, petitionerName: '张某', complaintType: 'judgment', ...over };
}

async function register(over: Record<string, unknown> = {}, as = 'petition') {
  return api('POST', '/petitions', { as, json: body(over) });
}

/** What a write may touch, to show a refusal wrote nothing. */
async function footprint() {
  const rollup = await env.DB.prepare('SELECT coalesce(sum(cases), 0) AS cases, coalesce(sum(persons), 0) AS persons FROM petition_daily').first();
  return { petitions: await count('petitions'), audit: await count('audit_log'), assessments: await count('assessments'), rollup };
}

async function currentFacts(caseId: string) {
  const row = await env.DB.prepare('SELECT a.facts_json, a.cause, c.level FROM cases c JOIN assessments a ON a.id = c.assessment_id WHERE c.id = ?')
    .bind(caseId)
    .first<{ facts_json: string; cause: string; level: string }>();
  return { ...JSON.parse(row!.facts_json), cause: row!.cause, level: row!.level };
}

describe('registering a petition', () => {
  it('answers 201 with the petition, writes its audit row and its roll-up rows in the same batch', async () => {
    const day = addDays(today(), -3);
    const id = idNumber();
    const before = await footprint();
    const res = await register({ receivedOn: day, courtId: 3, channel: 'group_visit', persons: 7, petitionerIdNumber: id.toLowerCase() });
    expect(res.status).toBe(201);
    expect(res.body.petition).toMatchObject({ channel: 'group_visit', receivedOn: day, persons: 7, court: { id: 3, code: '甘0102' }, version: 1, case: null, petitionerIdNumber: id });
    expect(res.body.assessment).toBeNull();
    const after = await footprint();
    expect(after.petitions).toBe(before.petitions + 1);
    expect(after.audit).toBe(before.audit + 1);
    const audit = await env.DB.prepare("SELECT after_json FROM audit_log WHERE action = 'petition.create' AND entity_id = ?").bind(res.body.petition.id).first<{ after_json: string }>();
    expect(JSON.parse(audit!.after_json).petitionerIdNumber).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    const daily = await env.DB.prepare("SELECT cases, persons FROM petition_daily WHERE court_id = 3 AND day = ? AND channel = 'group_visit'").bind(day).first();
    const direct = await env.DB.prepare("SELECT count(*) AS cases, sum(persons) AS persons FROM petitions WHERE court_id = 3 AND received_on = ? AND channel = 'group_visit'").bind(day).first();
    expect(daily).toEqual(direct);
  });

  it('re-scores the linked case in the same batch: a second petition within 7 days forces orange and raises its warning, the cause on its timeline', async () => {
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    const first = await register({ caseNumber: number.replace('（', '(').replace('）', ')'), receivedOn: addDays(today(), -5) });
    expect(first.status).toBe(201);
    expect(first.body.petition.case).toEqual({ id: caseId, caseNumber: number });
    expect(first.body.assessment).toMatchObject({ level: 'none', warningId: null });
    expect(await currentFacts(caseId)).toMatchObject({ petitions12m: 1, petitions7d: 1, cause: 'petition.link' });

    const second = await register({ caseNumber: number, receivedOn: today(), petitionerName: '李某' });
    expect(second.status).toBe(201);
    expect(second.body.assessment).toMatchObject({ level: 'orange', score: 3, warningId: expect.any(String) });
    expect(await currentFacts(caseId)).toMatchObject({ petitions12m: 2, petitions7d: 2, cause: 'petition.link', level: 'orange' });
    const w = await api('GET', `/warnings/${second.body.assessment.warningId}`, { as: 'petition' });
    expect(w.body).toMatchObject({ level: 'orange', state: 'open' });
    expect(w.body.timeline.at(-1)).toMatchObject({ kind: 'raised' });
    expect(w.body.timeline.at(-1).text).toContain('关联信访登记');
  });

  it('updates a case’s open warning: yellow to orange on the second petition of the week, written to its timeline', async () => {
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    const flagged = await flagCase(caseId, ['THREAT_PETITION']);
    expect(flagged.body.assessment).toMatchObject({ level: 'yellow', warningId: expect.any(String) });
    await register({ caseNumber: number, receivedOn: addDays(today(), -2) });
    const second = await register({ caseNumber: number, receivedOn: addDays(today(), -1) });
    expect(second.body.assessment).toMatchObject({ level: 'orange', score: 6, warningId: flagged.body.assessment.warningId });
    const w = await api('GET', `/warnings/${flagged.body.assessment.warningId}`, { as: 'petition' });
    const last = w.body.timeline.at(-1);
    expect(last).toMatchObject({ kind: 'level_changed', fromLevel: 'yellow', toLevel: 'orange' });
    expect(last.text).toContain('关联信访登记');
  });

  it('reports possible repeats (same identity number within 30 days) and registers anyway; the check is also its own call', async () => {
    const id = idNumber();
    const first = await register({ petitionerIdNumber: id, receivedOn: addDays(today(), -20) });
    const probe = await api('POST', '/petitions/repeats', { as: 'petition', json: { receivedOn: today(), petitionerIdNumber: id } });
    expect(probe.status).toBe(200);
    expect(probe.body.possibleRepeats).toEqual([expect.objectContaining({ petition: expect.objectContaining({ id: first.body.petition.id }), reasons: ['idNumber'], daysApart: 20 })]);
    const second = await register({ petitionerIdNumber: id, receivedOn: today() });
    expect(second.status).toBe(201);
    expect(second.body.possibleRepeats.map((r: { petition: { id: string } }) => r.petition.id)).toEqual([first.body.petition.id]);
    const far = await api('POST', '/petitions/repeats', { as: 'petition', json: { receivedOn: addDays(today(), -51), petitionerIdNumber: id } });
    expect(far.body.possibleRepeats).toEqual([]);
  });
});

describe('refusals write nothing', () => {
  it('422 naming the field: a group visit of fewer than 5, a visit of 5, a bad identity number, an unknown case', async () => {
    const before = await footprint();
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'group_visit', persons: 3 }, 'persons'],
      [{ channel: 'visit', persons: 5 }, 'channel'],
      [{ petitionerIdNumber: '620102198001010010' }, 'petitionerIdNumber'],
      [{ petitionerIdNumber: '620102800101001' }, 'petitionerIdNumber'],
      [{ receivedOn: addDays(today(), 1) }, 'receivedOn'],
      [{ caseNumber: '（2026）甘0102民初9999999号' }, 'caseNumber'],
      [{ caseNumber: '（2026）甘0102民初' }, 'caseNumber'],
      [{ state: 'concluded' }, 'outcome'],
    ];
    for (const [over, field] of cases) {
      const res = await register(over);
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(res.body.error.issues.map((i: { path: string[] }) => i.path.join('.')), JSON.stringify(over)).toContain(field);
    }
    expect(await footprint()).toEqual(before);
  });

  it('403 for judges and admins on the register; leaders and coordinators read it but do not write', async () => {
    const created = await register();
    for (const as of ['judge', 'admin']) {
      expect((await api('GET', '/petitions', { as })).status, as).toBe(403);
      expect((await api('GET', `/petitions/${created.body.petition.id}`, { as })).status, as).toBe(403);
    }
    const before = await footprint();
    for (const as of ['judge', 'leader', 'coordinator', 'admin']) {
      expect((await register({}, as)).status, as).toBe(403);
      expect((await api('PATCH', `/petitions/${created.body.petition.id}`, { as, json: { version: 1, note: 'x' } })).status, as).toBe(403);
      expect((await api('DELETE', `/petitions/${created.body.petition.id}`, { as, json: { version: 1 } })).status, as).toBe(403);
    }
    expect(await footprint()).toEqual(before);
    expect((await api('GET', '/petitions', { as: 'leader' })).status).toBe(200);
    expect((await api('GET', `/petitions/${created.body.petition.id}`, { as: 'coordinator' })).status).toBe(200);
  });

  it('out of scope: another branch’s petition is 404; a court or case outside the office’s scope is a 422 that says so', async () => {
    const theirs = await register({ courtId: 6 }, 'petition05');
    expect(theirs.status).toBe(201);
    const before = await footprint();
    expect((await api('GET', `/petitions/${theirs.body.petition.id}`, { as: 'petition' })).status).toBe(404);
    expect((await api('PATCH', `/petitions/${theirs.body.petition.id}`, { as: 'petition', json: { version: 1, note: '改' } })).status).toBe(404);
    expect((await api('DELETE', `/petitions/${theirs.body.petition.id}`, { as: 'petition', json: { version: 1 } })).status).toBe(404);
    const list = await api('GET', '/petitions?courtId=6', { as: 'petition' });
    expect(list.body).toMatchObject({ items: [], hasMore: false });

    const court = await register({ courtId: 6 });
    expect(court.status).toBe(422);
    expect(court.body.error.issues[0]).toMatchObject({ path: ['courtId'], message: expect.stringContaining('本院或下级法院') });
    const tianshui = await insertFreshCase({ courtCode: '甘0502' });
    const foreign = await register({ caseNumber: tianshui.number });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.issues[0]).toMatchObject({ path: ['caseNumber'], message: expect.stringContaining(tianshui.number) });
    // A petition received by 七里河 cannot be about a case of 城关.
    const other = await insertFreshCase({ courtCode: '甘0102' });
    const notUnder = await register({ courtId: 4, caseNumber: other.number });
    expect(notUnder.status).toBe(422);
    expect(notUnder.body.error.issues[0].path).toEqual(['caseNumber']);
    expect(await footprint()).toEqual(before);
  });

  it('409 on a stale version, with the petition as it is now; nothing written', async () => {
    const created = await register({ persons: 2 });
    const id = created.body.petition.id;
    expect((await api('PATCH', `/petitions/${id}`, { as: 'petition', json: { version: 1, persons: 3 } })).status).toBe(200);
    const before = await footprint();
    const stale = await api('PATCH', `/petitions/${id}`, { as: 'petition', json: { version: 1, persons: 4 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id, version: 2, persons: 3 });
    expect((await api('DELETE', `/petitions/${id}`, { as: 'petition', json: { version: 1 } })).status).toBe(409);
    expect(await footprint()).toEqual(before);
  });

  it('an edit is checked as a whole record: a group visit turned into a visit keeps too many persons (422 on channel)', async () => {
    const created = await register({ channel: 'group_visit', persons: 8 });
    const before = await footprint();
    const res = await api('PATCH', `/petitions/${created.body.petition.id}`, { as: 'petition', json: { version: 1, channel: 'visit' } });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['channel']);
    expect(await footprint()).toEqual(before);
  });
});

describe('editing, linking later, unlinking, deleting', () => {
  it('links an unlinked petition later, re-scoring the case; unlinking re-scores it back; the roll-up follows a move of court and day', async () => {
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    await register({ caseNumber: number, receivedOn: addDays(today(), -1) });
    const loose = await register({ receivedOn: addDays(today(), -4), courtId: 2 });
    const linked = await api('PATCH', `/petitions/${loose.body.petition.id}`, { as: 'petition', json: { version: 1, caseNumber: number } });
    expect(linked.status).toBe(200);
    expect(linked.body.petition).toMatchObject({ version: 2, case: { id: caseId, caseNumber: number } });
    expect(linked.body.rescored).toEqual([expect.objectContaining({ caseId, level: 'orange' })]);
    expect(await currentFacts(caseId)).toMatchObject({ petitions7d: 2, cause: 'petition.link' });

    // Moved back in time past the week: the case is re-scored (yellow: +3 for two in a year).
    const moved = await api('PATCH', `/petitions/${loose.body.petition.id}`, { as: 'petition', json: { version: 2, receivedOn: addDays(today(), -30), courtId: 3 } });
    expect(moved.body.rescored).toEqual([expect.objectContaining({ caseId, level: 'yellow', score: 3 })]);
    expect(await currentFacts(caseId)).toMatchObject({ petitions12m: 2, petitions7d: 1, cause: 'petition.update' });
    const where = await env.DB.prepare('SELECT court_id, day FROM petition_daily WHERE court_id = 3 AND day = ?').bind(addDays(today(), -30)).first();
    expect(where).toBeTruthy();

    const unlinked = await api('PATCH', `/petitions/${loose.body.petition.id}`, { as: 'petition', json: { version: 3, caseNumber: null } });
    expect(unlinked.body.petition.case).toBeNull();
    expect(unlinked.body.rescored).toEqual([expect.objectContaining({ caseId, level: 'none' })]);
    expect(await currentFacts(caseId)).toMatchObject({ petitions12m: 1, cause: 'petition.unlink' });
  });

  it('deletes a petition registered in error: gone from the register and the roll-up, audited, its case re-scored', async () => {
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    const day = addDays(today(), -100);
    await register({ caseNumber: number, receivedOn: day, courtId: 4, channel: 'phone' }, 'petition').then((r) => expect(r.status).toBe(422));
    const a = await register({ caseNumber: number, receivedOn: day, channel: 'phone' });
    const b = await register({ caseNumber: number, receivedOn: addDays(day, 1), channel: 'phone' });
    expect(b.body.assessment).toMatchObject({ level: 'yellow' });
    const row = () => env.DB.prepare("SELECT cases FROM petition_daily WHERE court_id = 2 AND day = ? AND channel = 'phone'").bind(day).first<{ cases: number }>();
    const kept = (await row())?.cases ?? 0;
    const res = await api('DELETE', `/petitions/${a.body.petition.id}`, { as: 'petition', json: { version: 1 } });
    expect(res.status).toBe(204);
    expect((await api('GET', `/petitions/${a.body.petition.id}`, { as: 'petition' })).status).toBe(404);
    expect((await row())?.cases ?? 0).toBe(kept - 1);
    expect(await count('audit_log', "action = 'petition.delete' AND entity_id = ?", a.body.petition.id)).toBe(1);
    expect(await currentFacts(caseId)).toMatchObject({ petitions12m: 1, cause: 'petition.unlink', level: 'none' });
  });
});

describe('the register’s list', () => {
  it('pages newest first, 25 to a page, saying whether another page follows; filters by channel, court, period, link and complaint', async () => {
    const day = '2019-06-03';
    for (let i = 0; i < 27; i++) {
      const res = await register({ receivedOn: i < 26 ? day : '2019-06-04', channel: i % 2 ? 'letter' : 'phone', courtId: i < 20 ? 3 : 4, complaintType: i === 5 ? 'conduct' : 'judgment' });
      expect(res.status).toBe(201);
    }
    const first = await api('GET', `/petitions?from=${day}&to=2019-06-04`, { as: 'petition' });
    expect(first.body).toMatchObject({ page: 1, pageSize: 25, hasMore: true });
    expect(first.body.items).toHaveLength(25);
    expect(first.body.items[0].receivedOn).toBe('2019-06-04');
    const second = await api('GET', `/petitions?from=${day}&to=2019-06-04&page=2`, { as: 'petition' });
    expect(second.body).toMatchObject({ page: 2, hasMore: false });
    expect(second.body.items).toHaveLength(2);
    const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(27);
    const n = async (q: string) => (await api('GET', `/petitions?from=${day}&to=${day}&${q}`, { as: 'petition' })).body.items.length;
    expect(await n('channel=phone')).toBe(13);
    expect(await n('courtId=4')).toBe(6);
    expect(await n('complaintType=conduct')).toBe(1);
    expect(await n('linked=linked')).toBe(0);
    expect(await n('linked=unlinked&channel=letter&courtId=3')).toBe(10);
  });
});

describe('who sees the identity number', () => {
  it('the petition office in full; leaders and coordinators masked, in the API and on the pages', async () => {
    const id = idNumber();
    const created = await register({ petitionerIdNumber: id, petitionerName: '掩码某' });
    const masked = `${id.slice(0, 4)}**********${id.slice(-4)}`;
    const pid = created.body.petition.id;
    expect((await api('GET', `/petitions/${pid}`, { as: 'petition' })).body).toMatchObject({ petitionerIdNumber: id, idNumberMasked: false });
    for (const as of ['leader', 'coordinator']) {
      expect((await api('GET', `/petitions/${pid}`, { as })).body, as).toMatchObject({ petitionerIdNumber: masked, idNumberMasked: true });
      const list = await api('GET', `/petitions?from=${today()}&to=${today()}`, { as });
      expect(JSON.stringify(list.body), as).not.toContain(id);
      const html = (await page(`/petitions/${pid}`, as)).html;
      expect(html, as).toContain(masked);
      expect(html, as).not.toContain(id);
    }
    expect((await page(`/petitions/${pid}`, 'petition')).html).toContain(id);
  });

  it('the case page lists the case’s petitions by date for its judge, never the petitioner’s identity number', async () => {
    const id = idNumber();
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    await register({ caseNumber: number, receivedOn: addDays(today(), -9), petitionerIdNumber: id, petitionerName: '案件页某' });
    await register({ caseNumber: number, receivedOn: addDays(today(), -2), channel: 'letter' });
    const { status, html } = await page(`/cases/${caseId}`, 'judge');
    expect(status).toBe(200);
    expect(html).toContain('信访情况（2 件）');
    expect(html).toContain(addDays(today(), -9));
    expect(html).toContain(addDays(today(), -2));
    expect(html).not.toContain(id);
    expect(html).not.toContain(id.slice(-4) + '<');
    expect(html).not.toContain('/petitions/');
  });
});

describe('the register’s pages', () => {
  it('judges get 403 on the list and the form', async () => {
    expect((await page('/petitions', 'judge')).status).toBe(403);
    expect((await page('/petitions/new', 'judge')).status).toBe(403);
    expect((await page('/petitions/new', 'leader')).status).toBe(403);
  });

  it('the form shows possible repeats before saving and saves when the office confirms the same submission', async () => {
    const id = idNumber();
    await register({ petitionerIdNumber: id, receivedOn: addDays(today(), -3), petitionerName: '重复某' });
    const fields = {
      channel: 'letter', receivedOn: today(), courtId: '2', persons: '1', petitionerName: '重复某', petitionerIdNumber: id,
      caseNumber: '', complaintType: 'procedure', state: 'registered', outcome: '', note: '再次来信',
    };
    const before = await count('petitions');
    const first = await postForm('/petitions', fields, { cookie: await sessionOf('petition') });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('发现 1 条可能重复的信访');
    expect(html).toContain('仍然登记');
    expect(await count('petitions')).toBe(before);
    const confirmedFor = /name="confirmedFor" value="([^"]*)"/.exec(html)![1]!;
    const second = await postForm('/petitions', { ...fields, confirmedFor }, { cookie: await sessionOf('petition') });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toMatch(/^\/petitions\/[0-9a-f-]+\?done=created$/);
    expect(await count('petitions')).toBe(before + 1);
  });

  it('the edit form keeps what was typed on a 409 and carries the current version', async () => {
    const created = await register({ note: '原内容' });
    const id = created.body.petition.id;
    await api('PATCH', `/petitions/${id}`, { as: 'petition', json: { version: 1, note: '他人修改' } });
    const res = await postForm(
      `/petitions/${id}/edit`,
      { version: '1', channel: 'visit', receivedOn: today(), courtId: '2', persons: '1', petitionerName: '张某', complaintType: 'judgment', state: 'registered', note: '我的修改' },
      { cookie: await sessionOf('petition') },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('我的修改');
    expect(html).toContain('name="version" value="2"');
  });

  it('links a petition to a case from its page, and shows the case’s risk after', async () => {
    const { number } = await insertFreshCase({}, { judgeId: userId('judge') });
    await register({ caseNumber: number, receivedOn: addDays(today(), -1) });
    const loose = await register();
    const res = await postForm(`/petitions/${loose.body.petition.id}/link`, { version: '1', caseNumber: number }, { cookie: await sessionOf('petition') });
    expect(res.status).toBe(303);
    const { html } = await page(`/petitions/${loose.body.petition.id}?done=linked`, 'petition');
    expect(html).toContain(number);
    expect(html).toContain('橙色预警');
    expect(html).toContain('查看预警');
  });
});
