import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STAGES as STAGES } from '../../src/domain/cases.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { api, fetchApp, seedWorld } from '../helpers.ts';

beforeAll(seedWorld);


/** The served document, fetched anonymously (no cookie, no token). */
async function getDocument(): Promise<{ status: number; contentType: string | null; doc: any }> {
  const res = await fetchApp('/api/v1/openapi.json');
  const text = await res.text();
  let doc: any = null;
  try {
    doc = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, contentType: res.headers.get('content-type'), doc };
}

/** Resolves a `$ref` to `#/components/schemas/…` (or returns the schema itself). */
function resolve(doc: any, schema: any): any {
  const ref: string | undefined = schema?.$ref;
  if (!ref) return schema;
  const name = ref.replace('#/components/schemas/', '');
  return doc.components.schemas[name];
}

function requestSchema(doc: any, path: string, method: string): any {
  return resolve(doc, doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema);
}

describe('GET /api/v1/openapi.json', () => {
  it('does not ask for sign-in (no 401, no redirect), while the rest of the API does', async () => {
    const { status } = await getDocument();
    expect(status).not.toBe(401);
    expect(status).not.toBe(303);
    expect((await api('GET', '/me')).status).toBe(401);
    expect((await api('GET', '/cases')).status).toBe(401);
  });

  it('answers 200 with an OpenAPI 3.1 document, without signing in', async () => {
    const { status, contentType, doc } = await getDocument();
    expect(status).toBe(200);
    expect(contentType).toContain('application/json');
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers[0].url).toBe('https://court.test/api/v1');
  });

  it('documents every path of this slice with its methods', async () => {
    const { doc } = await getDocument();
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/me')).toEqual(['get']);
    expect(methods('/courts')).toEqual(['get']);
    expect(methods('/factors')).toEqual(['get']);
    expect(methods('/cases')).toEqual(['get', 'post']);
    expect(methods('/cases/{id}')).toEqual(['get', 'patch']);
    expect(methods('/cases/by-number/{caseNumber}')).toEqual(['put']);
    expect(methods('/cases/{id}/flags')).toEqual(['post']);
    expect(methods('/cases/{id}/flags/{flagId}')).toEqual(['delete']);
    expect(methods('/audit')).toEqual(['get']);
    expect(methods('/users')).toEqual(['get', 'post']);
    expect(methods('/users/{id}')).toEqual(['get']);
    expect(methods('/users/{id}/deactivate')).toEqual(['post']);
    expect(methods('/users/{id}/tokens')).toEqual(['get', 'post']);
    expect(methods('/users/{id}/tokens/{tokenId}/revoke')).toEqual(['post']);
    // path parameters are declared
    const params = doc.paths['/cases/{id}/flags/{flagId}'].delete.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(params.sort()).toEqual(['path:flagId', 'path:id']);
    // query parameters of the search
    const search = doc.paths['/cases'].get.parameters.map((p: { name: string }) => p.name);
    expect(search).toEqual(expect.arrayContaining(['number', 'q', 'stage', 'page']));
  });

  it('takes the CaseCreate request body from the zod schema: required fields and the five stages', async () => {
    const { doc } = await getDocument();
    const schema = requestSchema(doc, '/cases', 'post');
    expect(doc.paths['/cases'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CaseCreate');
    expect(schema.type).toBe('object');
    expect([...schema.required].sort()).toEqual(['caseNumber', 'cause', 'filedAt', 'stage']);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['caseNumber', 'cause', 'stage', 'filedAt', 'closedAt', 'partyCount', 'amountInDispute', 'parties', 'judgeId']),
    );
    expect(schema.properties.stage.enum).toEqual(['filing', 'trial', 'judgment', 'enforcement', 'closed']);
    expect(schema.properties.stage.enum).toEqual([...STAGES]);
    expect(schema.properties.caseNumber.type).toBe('string');
    expect(schema.properties.filedAt.format).toBe('date');
    const party = resolve(doc, schema.properties.parties.items);
    expect(party.required).toEqual(expect.arrayContaining(['name', 'role']));
  });

  it('takes the other request bodies from their zod schemas (flags, users, deactivate, tokens)', async () => {
    const { doc } = await getDocument();
    const flag = requestSchema(doc, '/cases/{id}/flags', 'post');
    expect(flag.required).toEqual(['factor']);

    const user = requestSchema(doc, '/users', 'post');
    expect([...user.required].sort()).toEqual(['courtId', 'displayName', 'password', 'roles', 'username']);
    expect(user.properties.username.pattern).toBe('^[A-Za-z][A-Za-z0-9_.-]{2,31}$');
    expect(user.properties.password.minLength).toBe(8);
    expect(user.properties.roles.minItems).toBe(1);
    expect(resolve(doc, user.properties.roles.items).enum).toEqual([...ROLES]);

    const deactivate = requestSchema(doc, '/users/{id}/deactivate', 'post');
    expect(deactivate.required).toEqual(['version']);
    expect(deactivate.properties.version.type).toBe('integer');

    const token = requestSchema(doc, '/users/{id}/tokens', 'post');
    expect(token.required).toEqual(['name']);
  });

  it('documents the error body, the responses and both ways of signing in', async () => {
    const { doc } = await getDocument();
    const error = doc.components.schemas.Error;
    expect(error.required).toEqual(['error']);
    expect(error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    const create = doc.paths['/cases'].post.responses;
    expect(Object.keys(create)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422']));
    expect(create['422'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    // the court tree refers to itself instead of recursing
    const courts = resolve(doc, doc.paths['/courts'].get.responses['200'].content['application/json'].schema);
    const node = resolve(doc, courts.properties.courts.items);
    expect(node.properties.children.items.$ref).toBeDefined();
  });

  it('documents the petition register, the statistics and the backtest, each operation with its own operationId', async () => {
    const { doc } = await getDocument();
    const op = (path: string, method: string) => doc.paths[path]?.[method]?.operationId;
    expect({
      create: op('/petitions', 'post'),
      list: op('/petitions', 'get'),
      repeats: op('/petitions/repeats', 'post'),
      get: op('/petitions/{id}', 'get'),
      update: op('/petitions/{id}', 'patch'),
      remove: op('/petitions/{id}', 'delete'),
      stats: op('/stats', 'get'),
      csv: op('/stats.csv', 'get'),
      backtest: op('/backtest', 'get'),
    }).toEqual({
      create: 'createPetition',
      list: 'listPetitions',
      repeats: 'findPossibleRepeats',
      get: 'getPetition',
      update: 'updatePetition',
      remove: 'deletePetition',
      stats: 'getStats',
      csv: 'getStatsCsv',
      backtest: 'getBacktest',
    });
    // The CSV lives at the site's root, not under /api/v1.
    expect(doc.paths['/stats.csv'].get.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(doc.paths['/stats.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    const ids = Object.values(doc.paths).flatMap((ops: any) => Object.values(ops).map((o: any) => o.operationId).filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
    const create = requestSchema(doc, '/petitions', 'post');
    expect([...create.required].sort()).toEqual(['channel', 'complaintType', 'courtId', 'persons', 'petitionerName', 'receivedOn']);
    expect(resolve(doc, create.properties.channel).enum).toEqual(['letter', 'visit', 'group_visit', 'video', 'online', 'phone']);
    expect(resolve(doc, create.properties.complaintType).enum).toEqual(['judgment', 'enforcement', 'conduct', 'procedure', 'other']);
    expect(requestSchema(doc, '/petitions/{id}', 'patch').required).toEqual(['version']);
    const statsParams = doc.paths['/stats'].get.parameters.map((p: { name: string }) => p.name);
    expect(statsParams).toEqual(expect.arrayContaining(['from', 'to', 'courtId']));
    const backtestParams = doc.paths['/backtest'].get.parameters.map((p: { name: string }) => p.name);
    expect(backtestParams).toEqual(expect.arrayContaining(['ruleSetId', 'from', 'to']));
  });
});

describe('the meeting, action-item and notification operations', () => {
  it('are all in the document, each with a unique operationId', async () => {
    const { doc } = await getDocument();
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/meetings')).toEqual(['get', 'post']);
    expect(methods('/meetings/pool')).toEqual(['get']);
    expect(methods('/meetings/{id}')).toEqual(['get', 'patch']);
    expect(methods('/meetings/{id}/cancel')).toEqual(['post']);
    expect(methods('/meetings/{id}/agenda')).toEqual(['post']);
    expect(methods('/meetings/{id}/agenda/{itemId}')).toEqual(['delete', 'patch']);
    expect(methods('/meetings/{id}/publish')).toEqual(['post']);
    expect(methods('/meetings/{id}/attendance')).toEqual(['post']);
    expect(methods('/meetings/{id}/agenda/{itemId}/decision')).toEqual(['post']);
    expect(methods('/meetings/{id}/agenda/{itemId}/action-items')).toEqual(['post']);
    expect(methods('/meetings/{id}/finalize')).toEqual(['post']);
    expect(methods('/meetings/{id}/amendments')).toEqual(['post']);
    expect(methods('/action-items')).toEqual(['get']);
    expect(methods('/action-items/{id}')).toEqual(['get']);
    for (const action of ['complete', 'cancel', 'reassign', 'reschedule']) expect(methods(`/action-items/{id}/${action}`)).toEqual(['post']);
    expect(methods('/notifications')).toEqual(['get']);
    expect(methods('/notifications/{id}/read')).toEqual(['post']);
    const ids: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      if (!/^\/(meetings|action-items|notifications)/.test(path)) continue;
      for (const op of Object.values<any>(ops)) {
        expect(op.operationId, path).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(op.operationId);
      }
    }
    expect(ids.length).toBe(23);
    expect(new Set(ids).size).toBe(ids.length);
    // The api.md field names: scheduledAt and participants; action items' mine and state filters.
    expect(Object.keys(requestSchema(doc, '/meetings', 'post').properties)).toEqual(expect.arrayContaining(['title', 'kind', 'scheduledAt', 'place', 'chairId', 'participants']));
    expect(doc.paths['/action-items'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['mine', 'state']));
  });
});
