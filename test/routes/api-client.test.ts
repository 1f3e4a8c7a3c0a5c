import { exports } from 'cloudflare:workers';
import createClient from 'openapi-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import committed from '../api-client/openapi.json';
import type { paths } from '../api-client/schema';
import { fetchApp, freshCaseNumber, ORIGIN, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';

/**
 * The API as another system sees it: the document it serves, and a client generated from that
 * document (`npm run api:types`: openapi-typescript + openapi-fetch) driving real calls. The
 * committed document must equal the served one, so changing the API without regenerating (or in
 * a way that breaks the document) breaks the build.
 */
beforeAll(async () => {
  await seedWorld();
  await signIn('judge', 'petition');
});

async function clientAs(username: string) {
  const cookie = await sessionOf(username);
  return createClient<paths>({
    baseUrl: `${ORIGIN}/api/v1`,
    headers: { cookie, origin: ORIGIN },
    fetch: (request: Request) => exports.default.fetch(request),
  });
}

describe('the OpenAPI document', () => {
  it('is the one the typed client was generated from (run `npm run api:types` after changing the API)', async () => {
    const served = (await (await fetchApp('/api/v1/openapi.json')).json()) as Record<string, unknown>;
    delete served.servers;
    expect(served).toEqual(committed);
  });

  it('names every operation with a unique operationId', () => {
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(committed.paths as Record<string, Record<string, { operationId?: string }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(op.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(31);
  });
});

describe('a typed client of the API', () => {
  it('registers a case, flags it, reads its assessment and acts on the warning', async () => {
    const judge = await clientAs('judge');
    const me = await judge.GET('/me');
    expect(me.data?.username).toBe('judge');

    const created = await judge.POST('/cases', {
      body: { caseNumber: freshCaseNumber(), cause: '追索劳动报酬纠纷', stage: 'trial', filedAt: '2026-11-01', partyCount: 36, parties: [] },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    for (const factor of ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION']) {
      const flagged = await judge.POST('/cases/{id}/flags', { params: { path: { id } }, body: { factor, note: '' } });
      expect(flagged.response.status).toBe(201);
    }
    const assessment = await judge.GET('/cases/{id}/assessment', { params: { path: { id } } });
    expect(assessment.data).toMatchObject({ score: 14, level: 'red' });

    const office = await clientAs('petition');
    const queue = await office.GET('/warnings', { params: { query: { level: 'red', status: 'open' } } });
    const warning = queue.data!.items.find((w) => w.case.id === id)!;
    expect(warning.allowedActions).toContain('acknowledge');
    const acted = await office.POST('/warnings/{id}/actions', { params: { path: { id: warning.id } }, body: { action: 'acknowledge', version: warning.version } });
    expect(acted.data).toMatchObject({ state: 'acknowledged', owner: { id: userId('petition') } });
    const stale = await office.POST('/warnings/{id}/actions', { params: { path: { id: warning.id } }, body: { action: 'propose', version: warning.version } });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ error: { code: 'conflict' } });
  });

  it('edits a case with the version seen, and is refused a stale one', async () => {
    const judge = await clientAs('judge');
    const created = await judge.POST('/cases', { body: { caseNumber: freshCaseNumber(), cause: '劳务合同纠纷', stage: 'trial', filedAt: '2026-10-01', parties: [] } });
    const id = created.data!.id;
    const edited = await judge.PATCH('/cases/{id}', { params: { path: { id } }, body: { version: created.data!.version, stage: 'judgment' } });
    expect(edited.data).toMatchObject({ stage: 'judgment', version: 2 });
    const stale = await judge.PATCH('/cases/{id}', { params: { path: { id } }, body: { version: 1, stage: 'trial' } });
    expect(stale.response.status).toBe(409);
  });
});
