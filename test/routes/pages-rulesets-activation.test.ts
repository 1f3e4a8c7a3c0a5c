import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertFreshCase, page, seedWorld, userId } from '../helpers.ts';
import { draftWithout, postAs, revisionOf } from '../rule-set-forms.ts';

// Activating a rule set changes how every case of the file is scored and what the rule-set pages show, so
// it has a file (and a D1) of its own: the tests of pages-rulesets.test.ts keep version 1 active.
beforeAll(seedWorld);

describe('activating a draft on its page', () => {
  it('activates: 303 with the job notice, the old set retired, the cases re-scored through the queue', async () => {
    // 150 parties: red under the default rules (parties-100 forces red), blue (2 points) without that rule.
    const mass = (await insertFreshCase({}, { partyCount: 150, judgeId: userId('judge') })).id;
    await insertFreshCase({}, { partyCount: 2, judgeId: userId('judge') });
    const id = await draftWithout('parties-100', '去掉百人规则');
    const revision = await revisionOf(id);
    const res = await postAs('admin', `/admin/rulesets/${id}/activate`, { revision: String(revision) });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const jobId = /^\/admin\/rulesets\/[^?]+\?done=activated&job=([^&]+)$/.exec(location)?.[1];
    expect(jobId).toBeTruthy();

    const shown = await page(location, 'admin');
    expect(shown.status).toBe(200);
    // these two are the file's only cases
    expect(shown.html).toMatch(new RegExp(`已启用第 \\d+ 版。重新评估任务 ${jobId!.slice(0, 8)} 已开始：2 件未结案件正在重新评估`));
    expect(shown.html).toContain('启用中');
    expect(shown.html).not.toContain('启用此规则集');

    const statuses = await env.DB.prepare('SELECT id, version, status FROM rule_sets WHERE status <> ?').bind('draft').all<{ id: string; version: number; status: string }>();
    expect(statuses.results.find((r) => r.id === id)?.status).toBe('active');
    expect(statuses.results.find((r) => r.version === 1)?.status).toBe('retired');
    expect(statuses.results.filter((r) => r.status === 'active')).toHaveLength(1);

    await expect
      .poll(async () => (await env.DB.prepare('SELECT finished_at FROM rescore_jobs WHERE id = ?').bind(jobId).first<{ finished_at: string | null }>())?.finished_at, {
        timeout: 10_000,
        interval: 200,
      })
      .toBeTruthy();
    // Every job scores with the set active when it runs: if another activation's job of this file reached
    // the case first, that job stored the assessment and this one found nothing changed.
    const assessed = await env.DB.prepare('SELECT level, rule_set_id, cause FROM assessments WHERE case_id = ? ORDER BY assessed_at DESC LIMIT 1')
      .bind(mass)
      .first<{ level: string; rule_set_id: string; cause: string }>();
    expect(assessed).toEqual({ level: 'blue', rule_set_id: id, cause: 'ruleset_activation' });

    const list = await page('/admin/rulesets', 'admin');
    expect(list.html).toContain(`id="job-${jobId}"`);
    expect(list.html).toContain('启用新规则');
    expect(list.html).toContain('已停用');
    // the list now shows the new active set: no parties-100 rule
    expect(list.html).not.toContain('id="rule-parties-100"');
  });

  it('a retired or active set cannot be edited or activated again (409)', async () => {
    const id = await draftWithout('parties-100', '再启用一次');
    expect((await postAs('admin', `/admin/rulesets/${id}/activate`, { revision: String(await revisionOf(id)) })).status).toBe(303);
    expect((await page(`/admin/rulesets/${id}/edit`, 'admin')).status).toBe(409);
    const again = await postAs('admin', `/admin/rulesets/${id}/activate`, { revision: String(await revisionOf(id)) });
    expect(again.status).toBe(409);
    expect(again.html).toContain('只有草稿可以修改或启用');
    const retired = await env.DB.prepare("SELECT id FROM rule_sets WHERE version = 1 AND status = 'retired'").first<{ id: string }>();
    expect((await page(`/admin/rulesets/${retired!.id}/edit`, 'admin')).status).toBe(409);
  });
});
