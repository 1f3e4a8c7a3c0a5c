import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, insertFreshCase, page, seedWorld, userId } from '../helpers.ts';

/** Case search over the full-text index: two-character terms, names, number fragments, any length. */
beforeAll(seedWorld);

const search = async (query: string, as = 'petition') => (await api('GET', `/cases?${query}`, { as })).body;
const numbers = (body: { items: { caseNumber: string }[] }) => body.items.map((c) => c.caseNumber);

async function caseWith(cause: string, parties: string[], summary = '') {
  const { id, number } = await insertFreshCase(
    {},
    {
      judgeId: userId('judge'),
      cause,
      summary,
      parties: parties.map((name, i) => ({ id: crypto.randomUUID(), name, role: i === 0 ? 'plaintiff' : 'defendant', vulnerable: false })),
    },
  );
  return { id, number: number.replace('(', '（').replace(')', '）') };
}

describe('case search', () => {
  it('finds a two-character term in the cause and a party by part of the name', async () => {
    const c = await caseWith('追索劳动报酬纠纷', ['欧阳晓东', '某建筑公司']);
    expect(numbers(await search(`q=${encodeURIComponent('劳动')}`))).toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('晓东')}`))).toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('动劳')}`))).not.toContain(c.number);
  });

  it('finds a case by a fragment of its number, digits included', async () => {
    const c = await caseWith('民间借贷纠纷', ['甲']);
    const serial = /民初(\d+)号/.exec(c.number)![1]!;
    const res = await search(`number=${encodeURIComponent(`0102民初${serial.slice(0, 3)}`)}`);
    expect(numbers(res)).toContain(c.number);
  });

  it('keeps the index in step with an edit: the new cause and parties find it, the old ones no longer do', async () => {
    const c = await caseWith('房屋租赁合同纠纷', ['司马光明']);
    const patched = await api('PATCH', `/cases/${c.id}`, {
      as: 'judge',
      json: { version: 1, cause: '提供劳务者受害责任纠纷', parties: [{ name: '诸葛青云', role: 'plaintiff' }] },
    });
    expect(patched.status).toBe(200);
    expect(numbers(await search(`q=${encodeURIComponent('劳务者')}`))).toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('青云')}`))).toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('租赁合同')}`))).not.toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('司马光明')}`))).not.toContain(c.number);
  });

  it('answers a 100-character term (and a 17-character one, which used to give 500) with results, never a 5xx', async () => {
    const long = await caseWith('串'.repeat(100), ['乙']);
    const res = await api('GET', `/cases?q=${encodeURIComponent('串'.repeat(100))}`, { as: 'petition' });
    expect(res.status).toBe(200);
    expect(numbers(res.body)).toContain(long.number);
    const seventeen = await api('GET', `/cases?q=${encodeURIComponent('追索劳动报酬纠纷追索劳动报酬纠纷追')}`, { as: 'petition' });
    expect(seventeen.status).toBe(200);
    const page_ = await page(`/cases?q=${encodeURIComponent('甘'.repeat(100))}`, 'petition');
    expect(page_.status).toBe(200);
    expect((await api('GET', `/cases?q=${encodeURIComponent('甘'.repeat(101))}`, { as: 'petition' })).status).toBe(422);
  });

  it('treats FTS syntax and punctuation as plain text', async () => {
    for (const q of ['"', 'a OR b', 'NEAR(劳 动)', '*', '（）', '劳动"', "'; DROP TABLE cases; --"]) {
      const res = await api('GET', `/cases?q=${encodeURIComponent(q)}`, { as: 'petition' });
      expect(res.status, q).toBe(200);
    }
    expect((await search(`q=${encodeURIComponent('（）')}`)).total).toBe(0);
  });

  it('stays within the caller’s scope', async () => {
    const { number } = await insertFreshCase({ courtCode: '甘0502' }, { cause: '天水独有案由纠纷' });
    expect(numbers(await search(`q=${encodeURIComponent('天水独有')}`, 'petition'))).not.toContain(number.replace('(', '（').replace(')', '）'));
    expect((await search(`q=${encodeURIComponent('天水独有')}`, 'judge2')).total).toBe(1);
  });

  it('the migration indexes the cases that existed before it', async () => {
    const c = await caseWith('网络服务合同纠纷', ['上官婉儿']);
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0007'))!;
    const backfill = migration.queries.find((q) => q.includes('WITH RECURSIVE'))!;
    await env.DB.prepare('DELETE FROM case_search').run();
    expect(numbers(await search(`q=${encodeURIComponent('婉儿')}`))).not.toContain(c.number);
    await env.DB.prepare(backfill).run();
    expect(numbers(await search(`q=${encodeURIComponent('婉儿')}`))).toContain(c.number);
    expect(numbers(await search(`q=${encodeURIComponent('网络服务')}`))).toContain(c.number);
  });
});
