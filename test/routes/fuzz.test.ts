import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { ACTION_ITEM_ACTIONS } from '../../src/domain/meetings/action-items.ts';
import { api, fetchApp, insertFreshCase, insertUser, ORIGIN, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';
import { itemOf, meetingWith, proposedWarning, publishedMeeting } from '../meetings-support.ts';

/**
 * Generated bad input against every write route of the app, JSON and forms: wrong types, huge
 * strings, odd unicode, nulls, extra fields, SQL and HTML metacharacters, malformed JSON and
 * multipart, wrong content types. No answer may be a 5xx, and a refused request writes no row
 * (every table is counted before and after). `npm test` runs about 2,000 inputs with a fixed seed;
 * `npm run fuzz` runs 20,000 and prints the counts.
 */
const RUNS = inject('fuzzRuns') ?? 2000;
const SEED = 20261202;

/** The judge's notifications are read by the judge: another user's is 404 before any input is read. */
const NOTIFIED = 'judge';

/** Who calls each write route, so that inputs get past sign-in and the role check to the validation. */
function callerFor(path: string): string {
  if (path.startsWith('/admin/') || path.startsWith('/api/v1/users') || path.startsWith('/api/v1/rulesets')) return 'admin';
  if (path.includes('warnings') || path.includes('petitions')) return 'petition';
  if (path.includes('meetings') || path.includes('action-items')) return 'coordinator';
  if (path.includes('notifications')) return NOTIFIED;
  if (path.startsWith('/leader')) return 'leader';
  return 'judge';
}

interface Targets {
  caseId: string;
  flagId: string;
  warningId: string;
  userId: string;
  tokenId: string;
  draftId: string;
  petitionId: string;
  /** A draft of the coordinator's court with a warning on its agenda (agendaItemId): the agenda and the particulars. */
  meetingId: string;
  agendaItemId: string;
  /** Another draft, to publish or cancel (a success there leaves the agenda routes their draft). */
  toPublishId: string;
  /** A published meeting that began an hour ago, with its warning item: recording reaches its rules. */
  heldId: string;
  heldItemId: string;
  actionItemId: string;
  notificationId: string;
}

/** The meeting routes that record (from the start on); the others change a draft. */
const RECORDING = /^\/(api\/v1\/)?meetings\/:id\/(attendance|finalize|amendments|agenda\/:itemId\/(decision|action-items))$/;
const PUBLISHING = /^\/(api\/v1\/)?meetings\/:id\/(publish|cancel)$/;

function fill(path: string, t: Targets, garbage: string | null, action: string): string {
  const id = (real: string) => (garbage === null ? real : encodeURIComponent(garbage));
  const recording = RECORDING.test(path);
  let out = path
    .replace(':caseNumber', encodeURIComponent(garbage ?? '（2026）甘0102民初99999号'))
    .replace(':flagId', id(t.flagId))
    .replace(':tokenId', id(t.tokenId))
    .replace(':itemId', id(recording ? t.heldItemId : t.agendaItemId))
    .replace(':action', action)
    .replace(':lang', 'en');
  if (out.startsWith('/api/v1/cases/:id') || out.startsWith('/cases/:id')) out = out.replace(':id', id(t.caseId));
  else if (out.includes('meetings/:id')) out = out.replace(':id', id(recording ? t.heldId : PUBLISHING.test(path) ? t.toPublishId : t.meetingId));
  else if (out.includes('action-items/:id')) out = out.replace(':id', id(t.actionItemId));
  else if (out.includes('notifications/:id')) out = out.replace(':id', id(t.notificationId));
  else if (out.includes('warnings/:id')) out = out.replace(':id', id(t.warningId));
  else if (out.includes('users/:id')) out = out.replace(':id', id(t.userId));
  else if (out.includes('rulesets/:id')) out = out.replace(':id', id(t.draftId));
  else if (out.includes('petitions/:id')) out = out.replace(':id', id(t.petitionId));
  return out.replace(':id', id('no-such-id'));
}

/** Strings that have broken web apps before. */
const nasty = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE cases; --',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '%00',
    '\u0000',
    '\u202e\u0645',
    '𠮷野家',
    '（2024）甘0102民初1234号',
    '../../etc/passwd',
    '${7*7}',
    '{{7*7}}',
    '\r\nSet-Cookie: x=1',
    'NaN',
    '-1',
    '1e309',
    '',
    ' ',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 3000, maxLength: 12000 }),
);

/** Values some field takes, so that a body gets past its first fields to the next and to the services' rules. */
const plausible = fc.constantFrom(
  'filing', 'enforcement', 'up', 'down', 'case_coordination', 'petition', 'follow_up', 'resolved', '2026-12-20', '2026-12-20T09:00', '2026-12-20T09:00:00+08:00',
  userId('leader'), userId('judge'), userId('judge2'), 1, 2, 6, 90,
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  plausible,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 4 }),
  fc.dictionary(nasty, nasty, { maxKeys: 3 }),
);

/** Field names the routes read, so that bad values reach each field's validation. */
const FIELDS = [
  'caseNumber', 'cause', 'stage', 'filedAt', 'closedAt', 'partyCount', 'amountInDispute', 'parties', 'judgeId', 'summary', 'version', 'revision',
  'factor', 'note', 'action', 'ownerId', 'leaderId', 'outcome', 'reason', 'items', 'username', 'displayName', 'courtId', 'roles', 'password', 'name',
  'expiresInDays', 'facts', 'ruleSet', 'mode', 'document', 'row', 'next', 'rules', 'thresholds', 'warnAt', 'parties.0.name', 'parties.0.role', 'rules.0.when',
  'kind', 'scheduledAt', 'title', 'plannedMinutes', 'place', 'videoLink', 'chairId', 'participants', 'divisions', 'outsideUnits', 'warningId', 'warningVersion',
  'move', 'direction', 'presenterId', 'minutes', 'present', 'absent', 'text', 'resolutionOutcome', 'ownerDivision', 'ownerCourtId', 'dueOn',
];
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), nasty), value, { maxKeys: 8 });

type Payload = { contentType: string | null; body: string };
const payload: fc.Arbitrary<Payload> = fc.oneof(
  body.map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })),
  value.map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) })),
  fc.string({ maxLength: 200 }).map((s) => ({ contentType: 'application/json', body: `{${s}` })),
  body.map((b) => ({ contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(Object.entries(b).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString() })),
  fc.string({ maxLength: 300 }).map((s) => ({ contentType: 'application/x-www-form-urlencoded', body: s })),
  fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=zz').chain((ct) =>
    fc.string({ maxLength: 200 }).map((s) => ({ contentType: ct, body: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${s}` })),
  ),
  fc.constantFrom('text/plain', 'application/xml', 'image/png', 'application/json; charset=latin1').chain((ct) => body.map((b) => ({ contentType: ct, body: JSON.stringify(b) }))),
  fc.constant({ contentType: null, body: '' }),
);

let targets: Targets;
const statuses = new Map<number, number>();
let fiveHundreds = 0;
let writesOnRefusal = 0;
let runs = 0;

/** Row counts of every table, in one statement. */
async function rowCounts(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT IN ('write_guard', 'replan_guard')",
  ).all<{ name: string }>();
  const row = await env.DB.prepare(`SELECT ${results.map((t) => `(SELECT count(*) FROM "${t.name}") AS "${t.name}"`).join(', ')}`).first<Record<string, number>>();
  return row!;
}

beforeAll(async () => {
  await seedWorld();
  await signIn('judge', 'petition', 'admin', 'coordinator', 'leader');
  const { id: caseId } = await insertFreshCase({}, { judgeId: userId('judge') });
  const flagged = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' } });
  const uid = await insertUser({ username: 'fuzz_target', name: '模糊测试', roles: ['trial_judge'], court: 3 });
  const token = await api('POST', `/users/${uid}/tokens`, { as: 'admin', json: { name: '模糊测试' } });
  const draft = await api('POST', '/rulesets', { as: 'admin', json: { name: '草稿', thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 }, warnAt: 'yellow', rules: [] } });
  const petition = await api('POST', '/petitions', {
    as: 'petition',
    json: { channel: 'visit', receivedOn: '2026-11-20', courtId: 3, persons: 1, petitionerName: '模糊测试', complaintType: 'other' },
  });
  const onAgenda = await proposedWarning();
  const meeting = await meetingWith([onAgenda.warningId]);
  const toPublish = await meetingWith([(await proposedWarning()).warningId]);
  const recorded = await proposedWarning();
  const held = await publishedMeeting([recorded.warningId]);
  const heldItemId = itemOf(held.body, recorded.warningId).id;
  const actionItem = await api('POST', `/meetings/${held.id}/agenda/${heldItemId}/action-items`, { as: 'coordinator', json: { text: '回访当事人', ownerDivision: 'filing' } });
  // Publishing told the case's judge.
  const notice = await env.DB.prepare('SELECT id FROM notifications WHERE user_id = ? AND meeting_id = ?').bind(userId(NOTIFIED), held.id).first<{ id: number }>();
  targets = {
    meetingId: meeting.id,
    agendaItemId: itemOf(meeting.body, onAgenda.warningId).id,
    toPublishId: toPublish.id,
    heldId: held.id,
    heldItemId,
    actionItemId: actionItem.body.id,
    notificationId: String(notice!.id),
    caseId,
    flagId: flagged.body.flag.id,
    warningId: flagged.body.assessment.warningId,
    userId: uid,
    tokenId: token.body.info.id,
    draftId: draft.body.id,
    petitionId: petition.body.petition.id,
  };
});

afterAll(() => {
  const histogram = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz: ${runs} inputs over the write routes (seed ${SEED}); answers ${histogram}; 5xx: ${fiveHundreds}; rows written on refusal: ${writesOnRefusal}`);
});

/** Tables only the queue consumer writes to (in the background), never a request. */
const QUEUE_WRITES = ['job_chunks', 'rule_set_simulation_changes'];

const WRITE_ROUTES = [...new Set(createApp().routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`))].filter(
  // Signing out ends the session the other inputs use; it reads no body.
  (r) => r !== 'POST /logout',
);

describe('generated bad input', () => {
  it(`never answers 5xx nor writes on refusal (${RUNS} inputs over ${WRITE_ROUTES.length} write routes)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), payload, fc.option(nasty, { freq: 4 }), fc.constantFrom(...ACTION_ITEM_ACTIONS), async (route, p, garbage, action) => {
        const [method, path] = route.split(' ') as [string, string];
        const url = fill(path, targets, garbage, action);
        const anonymous = path === '/login';
        const headers: Record<string, string> = { origin: ORIGIN };
        if (!anonymous) headers.cookie = await sessionOf(callerFor(path));
        if (p.contentType) headers['content-type'] = p.contentType;
        const before = await rowCounts();
        let res: Response;
        try {
          res = await fetchApp(url, { method, headers, body: p.body });
        } catch {
          // A URL the runtime refuses to even build is not an answer of ours.
          return;
        }
        await res.arrayBuffer();
        runs++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveHundreds++;
        expect(res.status, `${method} ${url} ${p.contentType} ${p.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) {
          const after = await rowCounts();
          // A refused sign-in is itself recorded (a failure and its audit row): that is the design.
          if (anonymous && res.status === 401) for (const t of ['login_failures', 'audit_log']) after[t] = before[t]!;
          // What the queue consumer writes meanwhile, for a simulation an earlier input started, is not this request's.
          for (const t of QUEUE_WRITES) after[t] = before[t]!;
          if (JSON.stringify(after) !== JSON.stringify(before)) writesOnRefusal++;
          expect(after, `${method} ${url} wrote rows although it answered ${res.status}`).toEqual(before);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 3_600_000);
});

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzRuns: number;
  }
}
