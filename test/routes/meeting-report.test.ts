import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/petitions/id-number.ts';
import { shanghaiDay } from '../../src/domain/time.ts';
import { api, insertUser, page, seedWorld, signIn } from '../helpers.ts';
import { draftMeeting, inMinutes } from '../meetings-support.ts';

beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'petition05', name: '天水信访', roles: ['petition_officer'], court: 5 });
  await signIn('coordinator', 'petition', 'petition05', 'leader');
});

let serial = 300;
function idNumber(): string {
  const first17 = `62010219800101${String(++serial).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function register(over: Record<string, unknown>, as = 'petition') {
  const json = { channel: 'visit', receivedOn: shanghaiDay(), courtId: 2, persons: 1, petitionerName: '张某', idNumber: idNumber(), complaintType: 'judgment', ...over };
  const res = await api('POST', '/petitions', { as, json });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('the 信访数据通报 item of a meeting', () => {
  it("counts the petitions registered in the period at the meeting's court and below, by channel, and not another court's", async () => {
    // The first regular meeting of its kind here: its period is the 30 days before the day it starts.
    const meeting = await draftMeeting({ kind: 'petition', startsAt: inMinutes(60 * 24) });
    const before = await api('GET', `/meetings/${meeting.id}`, { as: 'coordinator' });
    expect(before.body.report.lines).toContain('本期未登记信访。');

    await register({ channel: 'letter' });
    await register({ channel: 'group_visit', persons: 6 });
    await register({ channel: 'group_visit', persons: 7 });
    await register({ channel: 'video', courtId: 5 }, 'petition05');

    const after = await api('GET', `/meetings/${meeting.id}`, { as: 'coordinator' });
    expect(after.body.report.lines).toContain('本期登记信访 3 件 14 人次（来信 1 件 1 人次，群体访 2 件 13 人次）。');
    const en = await api('GET', `/meetings/${meeting.id}?lang=en`, { as: 'coordinator' });
    expect(en.body.report.lines).toContain('Petitions registered in the period: 3, persons: 14 (Letter 1 (persons: 1), Group visit 2 (persons: 13)).');
    // The meeting page shows the same sentence.
    const { html } = await page(`/meetings/${meeting.id}`, 'coordinator');
    expect(html).toContain('本期登记信访 3 件 14 人次');
  });
});
