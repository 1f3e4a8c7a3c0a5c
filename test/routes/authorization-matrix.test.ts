import { env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { may, type Permission, type Role } from '../../src/domain/roles.ts';
import { DEFAULT_RULE_SET } from '../../src/domain/rules/default-rule-set.ts';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, fetchApp, freshCaseNumber, insertFreshCase, insertUser, ORIGIN, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';
import { inMinutes, itemOf, meetingWith, proposedWarning, publishedMeeting } from '../meetings-support.ts';

/**
 * The authorization matrix: every method and path the app registers × every role × a record in
 * the caller's scope, one outside it, and one that does not exist. A route the matrix does not
 * cover fails the first test, so a new feature cannot skip it.
 *
 * For each cell the expected answer follows from the spec: anonymous callers are sent to sign in
 * (401 / 303); a route-level permission refuses other roles with 403; a record the caller cannot
 * see answers 404 exactly like one that does not exist; in scope, the spec's rule says allowed
 * (anything but 401/403/404, never a 5xx) or forbidden (403).
 */

type Caller = 'anonymous' | 'judge' | 'enforcer' | 'petition' | 'coordinator' | 'leader' | 'admin' | 'judge2' | 'admin05';
const CALLERS: Caller[] = ['anonymous', 'judge', 'enforcer', 'petition', 'coordinator', 'leader', 'admin', 'judge2', 'admin05'];
const ROLES_OF: Record<Exclude<Caller, 'anonymous'>, Role[]> = {
  judge: ['trial_judge'],
  enforcer: ['enforcement_judge'],
  petition: ['petition_officer'],
  coordinator: ['coordinator'],
  leader: ['leader'],
  admin: ['admin'],
  judge2: ['trial_judge'],
  admin05: ['admin'],
};
const holds = (c: Caller, p: Permission) => c !== 'anonymous' && may({ roles: ROLES_OF[c] }, p);
const hasRole = (c: Caller, ...roles: Role[]) => c !== 'anonymous' && roles.some((r) => ROLES_OF[c].includes(r));

/**
 * Two records of each kind: A at 甘0102 (兰州), B at 甘0502 (天水). Meetings are held by the
 * intermediate courts above them (兰州中院, 天水中院), each with a case of that court's judge on
 * its agenda; action items are owned by that judge; a notification is its user's (A the judge's,
 * B judge2's).
 */
type Variant = 'A' | 'B' | 'missing';
type TargetKind = 'none' | 'case' | 'warning' | 'user' | 'ruleset' | 'draft' | 'job' | 'simulation' | 'petition' | 'meeting' | 'publishedMeeting' | 'actionItem' | 'notification' | 'court';

/** Who can see a record of each kind at A or B (scope, not permission). */
const SEES: Record<Exclude<TargetKind, 'none'>, Record<'A' | 'B', readonly Caller[]>> = {
  case: { A: ['judge', 'petition', 'coordinator', 'leader', 'admin'], B: ['judge2', 'leader', 'admin', 'admin05'] },
  warning: { A: ['judge', 'petition', 'coordinator', 'leader', 'admin'], B: ['judge2', 'leader', 'admin', 'admin05'] },
  user: { A: ['admin'], B: ['admin', 'admin05'] },
  ruleset: { A: CALLERS.filter((c) => c !== 'anonymous'), B: [] },
  draft: { A: CALLERS.filter((c) => c !== 'anonymous'), B: [] },
  job: { A: CALLERS.filter((c) => c !== 'anonymous'), B: [] },
  // Started by admin (A) and by admin05 (B): only its author sees a simulation (its cases are of the author's scope).
  simulation: { A: ['admin'], B: ['admin05'] },
  // Received at 甘0102 (兰州) and at 甘0502 (天水); only the readers of the register pass the gate.
  petition: { A: ['petition', 'coordinator', 'leader'], B: ['leader'] },
  // The office roles of the meeting's court or above; a judge where one of its cases is on the agenda.
  meeting: { A: ['judge', 'petition', 'coordinator', 'leader'], B: ['judge2', 'leader'] },
  publishedMeeting: { A: ['judge', 'petition', 'coordinator', 'leader'], B: ['judge2', 'leader'] },
  // The owner (the judge) and the office roles in the scope of the item's meeting.
  actionItem: { A: ['judge', 'petition', 'coordinator', 'leader'], B: ['judge2', 'leader'] },
  // Its user alone: anyone else's is 404, whatever the role.
  notification: { A: ['judge'], B: ['judge2'] },
  // A meeting's court (兰州中院, 天水中院), named to those who may open its meetings: in scope, or above their own court.
  court: { A: ['judge', 'enforcer', 'petition', 'coordinator', 'leader', 'admin'], B: ['judge2', 'leader', 'admin', 'admin05'] },
};

interface Target {
  id: string;
  /** A flag of the case, a token of the user, the version of the warning or user, the revision of a draft. */
  sub?: string;
  version?: number;
}

interface Spec {
  target: TargetKind;
  /** The route's own permission, or who passes it (refused with 403 before anything is read). */
  gate?: Permission | ((c: Caller) => boolean);
  /** Who may, in scope (after the gate). */
  may: (c: Caller) => boolean;
  /** Signed-in pages and the public routes: how anonymous callers are answered. */
  anonymous?: 'public';
  /** A request body: JSON for the API, a form for pages. */
  json?: (t: Target) => unknown;
  form?: (t: Target) => Record<string, string>;
  /**
   * Writes get a fresh record for each caller that may write; the callers refused share one pair
   * (a refusal changes nothing, and a refusal that did would fail its own cell).
   */
  writes?: boolean;
  /** Answers a redirect whatever the record (it reads nothing, so it reveals nothing). */
  redirectOnly?: boolean;
}

const signedIn = () => true;
const passes = (c: Caller, gate: NonNullable<Spec['gate']>) => (typeof gate === 'function' ? gate(c) : holds(c, gate));
/** Meetings are read by the office roles and by judges (those with a case on the agenda); administrators are refused outright. */
const readsMeetings = (c: Caller) => holds(c, 'seeMeetings') || hasRole(c, 'trial_judge', 'enforcement_judge');
const coordinates = (c: Caller) => holds(c, 'coordinateMeetings');
/** An action item is completed by its owner (the judge of A or B) or a coordinator of its meeting's scope. */
const completesItem = (c: Caller) => coordinates(c) || c === 'judge' || c === 'judge2';
const registersCivil = (c: Caller) => holds(c, 'registerCases') && c !== 'enforcer';
const caseBody = (courtCode = '甘0102') => ({ caseNumber: freshCaseNumber(courtCode), cause: '买卖合同纠纷', stage: 'trial', filedAt: '2026-10-01', parties: [] });
const draftDoc = { ...DEFAULT_RULE_SET, name: '矩阵测试规则' };
const petitionBody = (courtId = 3) => ({ channel: 'letter', receivedOn: '2026-11-20', courtId, persons: 1, petitionerName: '矩阵来信人', complaintType: 'judgment' });
const meetingBody = () => ({ kind: 'case_coordination', scheduledAt: inMinutes(24 * 60), place: '第三会议室', chairId: userId('leader') });
const meetingForm = (t: Target): Record<string, string> => ({
  version: String(t.version),
  kind: 'case_coordination',
  scheduledAt: inMinutes(24 * 60),
  plannedMinutes: '90',
  place: '第三会议室',
  chairId: userId('leader'),
});
const laterDay = () => addDays(shanghaiDay(), 40);

const SPECS: Record<string, Spec> = {
  'GET /': { target: 'none', may: signedIn, anonymous: 'public' },
  'GET /login': { target: 'none', may: signedIn, anonymous: 'public' },
  'POST /login': { target: 'none', may: signedIn, anonymous: 'public', form: () => ({ username: 'leader', password: 'demo1234' }) },
  'POST /logout': { target: 'none', may: signedIn, anonymous: 'public', form: () => ({}) },
  'GET /lang/:lang': { target: 'none', may: signedIn, anonymous: 'public' },
  'GET /api/v1/openapi.json': { target: 'none', may: signedIn, anonymous: 'public' },

  'GET /api/v1/me': { target: 'none', may: signedIn },
  'GET /api/v1/courts': { target: 'none', may: signedIn },
  'GET /api/v1/factors': { target: 'none', may: signedIn },
  'POST /api/v1/evaluate': { target: 'none', may: signedIn, json: () => ({ facts: { category: 'civil', stage: 'trial' } }) },
  'POST /api/v1/cases': {
    target: 'none',
    gate: 'registerCases',
    // A civil case: judges register their own kind only.
    may: registersCivil,
    json: () => caseBody(),
    writes: true,
  },
  'GET /api/v1/cases': { target: 'none', may: signedIn },
  'GET /api/v1/cases/:id': { target: 'case', may: signedIn },
  'PATCH /api/v1/cases/:id': {
    target: 'case',
    may: (c) => hasRole(c, 'petition_officer') || c === 'judge' || c === 'judge2',
    json: () => ({ version: 1, summary: '矩阵测试' }),
    writes: true,
  },
  'PUT /api/v1/cases/by-number/:caseNumber': { target: 'none', gate: 'registerCases', may: registersCivil, writes: true },
  'POST /api/v1/cases/:id/flags': {
    target: 'case',
    may: (c) => hasRole(c, 'trial_judge', 'petition_officer'),
    json: () => ({ factor: 'MEDIA_ATTENTION' }),
    writes: true,
  },
  'DELETE /api/v1/cases/:id/flags/:flagId': { target: 'case', may: (c) => hasRole(c, 'trial_judge', 'petition_officer'), json: () => ({}), writes: true },
  'GET /api/v1/cases/:id/assessment': { target: 'case', may: signedIn },
  'GET /api/v1/audit': { target: 'none', gate: 'readAudit', may: (c) => holds(c, 'readAudit') },
  'GET /api/v1/users': { target: 'none', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'POST /api/v1/users': {
    target: 'none',
    gate: 'manageUsers',
    may: (c) => holds(c, 'manageUsers'),
    json: () => ({ username: `m${crypto.randomUUID().slice(0, 8)}`, displayName: '矩阵', courtId: 6, roles: ['trial_judge'], password: 'a-long-password' }),
    writes: true,
  },
  'GET /api/v1/users/:id': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'POST /api/v1/users/:id/deactivate': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), json: (t) => ({ version: t.version }), writes: true },
  'GET /api/v1/users/:id/tokens': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'POST /api/v1/users/:id/tokens': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), json: () => ({ name: '矩阵' }), writes: true },
  'POST /api/v1/users/:id/tokens/:tokenId/revoke': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), writes: true },
  'GET /api/v1/warnings': { target: 'none', may: signedIn },
  'POST /api/v1/warnings/bulk-acknowledge': {
    target: 'none',
    gate: 'reviewWarnings',
    may: (c) => holds(c, 'reviewWarnings'),
    json: () => ({ items: [{ id: 'no-such-warning', version: 1 }] }),
  },
  'GET /api/v1/warnings/:id': { target: 'warning', may: signedIn },
  'POST /api/v1/warnings/:id/actions': {
    target: 'warning',
    gate: 'actOnWarnings',
    may: (c) => holds(c, 'reviewWarnings'),
    json: (t) => ({ action: 'acknowledge', version: t.version }),
    writes: true,
  },
  'GET /api/v1/rulesets': { target: 'none', may: signedIn },
  'GET /api/v1/rulesets/:id': { target: 'ruleset', may: signedIn },
  'POST /api/v1/rulesets': { target: 'none', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), json: () => draftDoc, writes: true },
  'PUT /api/v1/rulesets/:id': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), json: (t) => ({ ...draftDoc, revision: t.version }), writes: true },
  'POST /api/v1/rulesets/:id/simulate': { target: 'draft', gate: 'simulateRuleSets', may: (c) => holds(c, 'simulateRuleSets') },
  'POST /api/v1/rulesets/:id/activate': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), json: (t) => ({ revision: t.version }), writes: true },
  'GET /api/v1/rulesets/jobs/:id': { target: 'job', gate: 'simulateRuleSets', may: (c) => holds(c, 'simulateRuleSets') },
  'GET /api/v1/rulesets/simulations/:id': { target: 'simulation', gate: 'simulateRuleSets', may: (c) => holds(c, 'simulateRuleSets') },

  'POST /api/v1/petitions': { target: 'none', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), json: () => petitionBody(), writes: true },
  'GET /api/v1/petitions': { target: 'none', gate: 'readPetitions', may: (c) => holds(c, 'readPetitions') },
  'POST /api/v1/petitions/repeats': { target: 'none', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), json: () => petitionBody() },
  'GET /api/v1/petitions/:id': { target: 'petition', gate: 'readPetitions', may: (c) => holds(c, 'readPetitions') },
  'PATCH /api/v1/petitions/:id': { target: 'petition', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), json: (t) => ({ version: t.version, persons: 2 }), writes: true },
  'DELETE /api/v1/petitions/:id': { target: 'petition', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), json: (t) => ({ version: t.version }), writes: true },
  'GET /api/v1/stats': { target: 'none', gate: 'readStats', may: (c) => holds(c, 'readStats') },
  'GET /api/v1/backtest': { target: 'none', gate: 'backtest', may: (c) => holds(c, 'backtest') },
  'GET /stats': { target: 'none', gate: 'readStats', may: (c) => holds(c, 'readStats') },
  'GET /stats/print': { target: 'none', gate: 'readStats', may: (c) => holds(c, 'readStats') },
  'GET /stats.csv': { target: 'none', gate: 'readStats', may: (c) => holds(c, 'readStats') },
  'GET /backtest': { target: 'none', gate: 'backtest', may: (c) => holds(c, 'backtest') },
  'GET /petitions': { target: 'none', gate: 'readPetitions', may: (c) => holds(c, 'readPetitions') },
  'GET /petitions/new': { target: 'none', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions') },
  'POST /petitions': {
    target: 'none',
    gate: 'registerPetitions',
    may: (c) => holds(c, 'registerPetitions'),
    form: () => ({ channel: 'letter', receivedOn: '2026-11-20', courtId: '3', persons: '1', petitionerName: '矩阵来信人', complaintType: 'judgment' }),
    writes: true,
  },
  'GET /petitions/:id': { target: 'petition', gate: 'readPetitions', may: (c) => holds(c, 'readPetitions') },
  'GET /petitions/:id/edit': { target: 'petition', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions') },
  'POST /petitions/:id/edit': {
    target: 'petition',
    gate: 'registerPetitions',
    may: (c) => holds(c, 'registerPetitions'),
    form: (t) => ({ version: String(t.version), channel: 'letter', receivedOn: '2026-11-20', courtId: '3', persons: '2', petitionerName: '矩阵来信人', complaintType: 'judgment' }),
    writes: true,
  },
  'POST /petitions/:id/link': { target: 'petition', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), form: (t) => ({ version: String(t.version), caseNumber: '' }), writes: true },
  'POST /petitions/:id/delete': { target: 'petition', gate: 'registerPetitions', may: (c) => holds(c, 'registerPetitions'), form: (t) => ({ version: String(t.version) }), writes: true },
  'GET /warnings': { target: 'none', may: signedIn },
  'POST /warnings/bulk-acknowledge': { target: 'none', gate: 'reviewWarnings', may: (c) => holds(c, 'reviewWarnings'), form: () => ({ items: 'no-such-warning:1' }) },
  'GET /warnings/:id': { target: 'warning', may: signedIn },
  'POST /warnings/:id/actions': {
    target: 'warning',
    gate: 'actOnWarnings',
    may: (c) => holds(c, 'reviewWarnings'),
    form: (t) => ({ action: 'acknowledge', version: String(t.version) }),
    writes: true,
  },
  'GET /admin/rulesets': { target: 'none', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets') },
  'GET /admin/rulesets/new': { target: 'none', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets') },
  'POST /admin/rulesets/new': { target: 'none', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), form: () => ({ mode: 'json', document: JSON.stringify(draftDoc) }), writes: true },
  'POST /admin/rulesets/describe': { target: 'none', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), form: () => ({ row: '0', 'rules.0.when': '' }) },
  'GET /admin/rulesets/:id': { target: 'ruleset', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets') },
  'GET /admin/rulesets/:id/edit': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets') },
  'POST /admin/rulesets/:id/edit': {
    target: 'draft',
    gate: 'editRuleSets',
    may: (c) => holds(c, 'editRuleSets'),
    form: (t) => ({ mode: 'json', revision: String(t.version), document: JSON.stringify(draftDoc) }),
    writes: true,
  },
  'POST /admin/rulesets/:id/simulate': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), form: () => ({}) },
  'GET /admin/rulesets/:id/simulation': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets') },
  'POST /admin/rulesets/:id/activate': { target: 'draft', gate: 'editRuleSets', may: (c) => holds(c, 'editRuleSets'), form: (t) => ({ revision: String(t.version) }), writes: true },
  'GET /cases': { target: 'none', may: signedIn },
  'GET /cases/new': { target: 'none', gate: 'registerCases', may: (c) => holds(c, 'registerCases') },
  'POST /cases': {
    target: 'none',
    gate: 'registerCases',
    may: registersCivil,
    form: () => ({ caseNumber: freshCaseNumber(), cause: '买卖合同纠纷', stage: 'trial', filedAt: '2026-10-01' }),
    writes: true,
  },
  'GET /cases/:id': { target: 'case', may: signedIn },
  'POST /cases/:id/edit': {
    target: 'case',
    may: (c) => hasRole(c, 'petition_officer') || c === 'judge' || c === 'judge2',
    form: () => ({ version: '1', cause: '买卖合同纠纷', stage: 'trial', partyCount: '2', amountInDispute: '1', summary: '矩阵' }),
    writes: true,
  },
  'POST /cases/:id/flags': { target: 'case', may: (c) => hasRole(c, 'trial_judge', 'petition_officer'), form: () => ({ factor: 'MEDIA_ATTENTION', note: '' }), writes: true },
  'POST /cases/:id/flags/:flagId/withdraw': { target: 'case', may: (c) => hasRole(c, 'trial_judge', 'petition_officer'), form: () => ({ note: '' }), writes: true },
  'GET /admin/users': { target: 'none', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'GET /admin/users/new': { target: 'none', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'POST /admin/users': {
    target: 'none',
    gate: 'manageUsers',
    may: (c) => holds(c, 'manageUsers'),
    form: () => ({ username: `f${crypto.randomUUID().slice(0, 8)}`, displayName: '矩阵', courtId: '6', roles: 'trial_judge', password: 'a-long-password' }),
    writes: true,
  },
  'GET /admin/users/:id': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'POST /admin/users/:id/deactivate': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), form: (t) => ({ version: String(t.version) }), writes: true },
  // A plain redirect to the user's page (after a form post), reading nothing.
  'GET /admin/users/:id/tokens': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), redirectOnly: true },
  'POST /admin/users/:id/tokens': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), form: () => ({ name: '矩阵' }), writes: true },
  'POST /admin/users/:id/tokens/:tokenId/revoke': { target: 'user', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers'), form: () => ({}), writes: true },
  'GET /admin/factors': { target: 'none', gate: 'manageUsers', may: (c) => holds(c, 'manageUsers') },
  'GET /audit': { target: 'none', gate: 'readAudit', may: (c) => holds(c, 'readAudit') },

  // Joint meetings (API). Recording needs a meeting that has begun: those routes get a published one.
  'GET /api/v1/meetings': { target: 'none', may: readsMeetings },
  'POST /api/v1/meetings': { target: 'none', gate: 'coordinateMeetings', may: coordinates, json: meetingBody, writes: true },
  'GET /api/v1/meetings/pool': { target: 'none', gate: 'coordinateMeetings', may: coordinates },
  'GET /api/v1/meetings/:id': { target: 'meeting', gate: readsMeetings, may: signedIn },
  'PATCH /api/v1/meetings/:id': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, json: (t) => ({ ...meetingBody(), kind: undefined, version: t.version }), writes: true },
  'POST /api/v1/meetings/:id/cancel': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, json: (t) => ({ version: t.version, reason: '改期' }), writes: true },
  // An unknown warning: 422 for the coordinator, after scope and role.
  'POST /api/v1/meetings/:id/agenda': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({ warningId: 'no-such-warning' }), writes: true },
  'PATCH /api/v1/meetings/:id/agenda/:itemId': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({ minutes: 30 }), writes: true },
  'DELETE /api/v1/meetings/:id/agenda/:itemId': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, writes: true },
  'POST /api/v1/meetings/:id/publish': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, json: (t) => ({ version: t.version }), writes: true },
  'POST /api/v1/meetings/:id/attendance': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({ present: ['陈院长'] }), writes: true },
  'POST /api/v1/meetings/:id/agenda/:itemId/decision': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({ text: '约谈当事人' }), writes: true },
  'POST /api/v1/meetings/:id/agenda/:itemId/action-items': {
    target: 'publishedMeeting',
    gate: 'coordinateMeetings',
    may: coordinates,
    json: () => ({ text: '回访当事人', ownerDivision: 'filing' }),
    writes: true,
  },
  // Undecided items: 409 for the coordinator.
  'POST /api/v1/meetings/:id/finalize': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({}), writes: true },
  // Minutes not final yet: 409 for the coordinator.
  'POST /api/v1/meetings/:id/amendments': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, json: () => ({ text: '更正' }), writes: true },
  // Without mine=1: the items of the meetings in scope, for the office roles only.
  'GET /api/v1/action-items': { target: 'none', may: (c) => holds(c, 'seeMeetings') },
  'GET /api/v1/action-items/:id': { target: 'actionItem', may: signedIn },
  'POST /api/v1/action-items/:id/complete': { target: 'actionItem', may: completesItem, json: (t) => ({ version: t.version, note: '已回访' }), writes: true },
  'POST /api/v1/action-items/:id/cancel': { target: 'actionItem', may: coordinates, json: (t) => ({ version: t.version, reason: '不再需要' }), writes: true },
  'POST /api/v1/action-items/:id/reassign': { target: 'actionItem', may: coordinates, json: (t) => ({ version: t.version, ownerDivision: 'filing' }), writes: true },
  'POST /api/v1/action-items/:id/reschedule': { target: 'actionItem', may: coordinates, json: (t) => ({ version: t.version, dueOn: laterDay() }), writes: true },
  'GET /api/v1/notifications': { target: 'none', may: signedIn },
  'POST /api/v1/notifications/:id/read': { target: 'notification', may: signedIn, writes: true },

  // Joint meetings (pages).
  'GET /meetings': { target: 'none', may: readsMeetings },
  // The printed pages' running head: the meeting court's name.
  'GET /meetings/print-style/:courtId': { target: 'court', may: signedIn },
  'GET /meetings/new': { target: 'none', gate: 'coordinateMeetings', may: coordinates },
  'POST /meetings': { target: 'none', gate: 'coordinateMeetings', may: coordinates, form: meetingForm, writes: true },
  'GET /meetings/:id': { target: 'meeting', gate: readsMeetings, may: signedIn },
  'GET /meetings/:id/edit': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates },
  'POST /meetings/:id/edit': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: meetingForm, writes: true },
  'POST /meetings/:id/publish': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: (t) => ({ version: String(t.version) }), writes: true },
  'POST /meetings/:id/cancel': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: (t) => ({ version: String(t.version), reason: '改期' }), writes: true },
  'POST /meetings/:id/agenda': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ warningId: 'no-such-warning' }), writes: true },
  'POST /meetings/:id/agenda/:itemId/move': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ direction: 'up' }), writes: true },
  'POST /meetings/:id/agenda/:itemId/remove': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({}), writes: true },
  'POST /meetings/:id/agenda/:itemId': { target: 'meeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ presenterId: '', minutes: '30' }), writes: true },
  'POST /meetings/:id/attendance': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ present: '陈院长', absent: '' }), writes: true },
  'POST /meetings/:id/agenda/:itemId/decision': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ text: '约谈当事人' }), writes: true },
  'POST /meetings/:id/agenda/:itemId/action-items': {
    target: 'publishedMeeting',
    gate: 'coordinateMeetings',
    may: coordinates,
    form: () => ({ text: '回访当事人', ownerDivision: 'filing' }),
    writes: true,
  },
  'POST /meetings/:id/finalize': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, form: (t) => ({ version: String(t.version) }), writes: true },
  'POST /meetings/:id/amendments': { target: 'publishedMeeting', gate: 'coordinateMeetings', may: coordinates, form: () => ({ text: '更正' }), writes: true },
  'GET /meetings/:id/print': { target: 'meeting', gate: readsMeetings, may: signedIn },
  'GET /meetings/:id/minutes/print': { target: 'publishedMeeting', gate: readsMeetings, may: signedIn },
  'GET /meetings/:id/agenda.docx': { target: 'meeting', gate: readsMeetings, may: signedIn },
  'GET /meetings/:id/minutes.docx': { target: 'publishedMeeting', gate: readsMeetings, may: signedIn },
  'GET /meetings/:id/invite.ics': { target: 'publishedMeeting', gate: readsMeetings, may: signedIn },
  'GET /action-items': { target: 'none', may: signedIn },
  'POST /action-items/:id/:action': { target: 'actionItem', may: completesItem, form: (t) => ({ version: String(t.version), note: '已回访' }), writes: true },
  'GET /leader': { target: 'none', gate: 'seeMeetings', may: (c) => holds(c, 'seeMeetings') },
  'GET /notifications': { target: 'none', may: signedIn },
  'POST /notifications/read-all': { target: 'none', may: signedIn, form: () => ({}), writes: true },
  'POST /notifications/:id/read': { target: 'notification', may: signedIn, form: () => ({}), writes: true },
};

/** Every method and path the app registers (middleware, registered for ALL methods, aside). */
function registeredRoutes(): string[] {
  return [...new Set(createApp().routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

// ---------------------------------------------------------------------------------------------
// Records

const COURT_OF = { A: { code: '甘0102', id: 3 }, B: { code: '甘0502', id: 6 } } as const;

/** A case of its court's judge, flagged (so it has an assessment and a flag to withdraw). */
async function newCase(v: 'A' | 'B'): Promise<Target> {
  const judge = v === 'A' ? 'judge' : 'judge2';
  const { id } = await insertFreshCase({ courtCode: COURT_OF[v].code }, { judgeId: userId(judge) });
  const flagged = await api('POST', `/cases/${id}/flags`, { as: judge, json: { factor: 'GROUP_DISPUTE' } });
  return { id, sub: flagged.body.flag.id, version: 1 };
}

/** The warning the flag of a new case raised (group dispute: 5 points, yellow). */
async function newWarning(v: 'A' | 'B'): Promise<Target> {
  const judge = v === 'A' ? 'judge' : 'judge2';
  const { id } = await insertFreshCase({ courtCode: COURT_OF[v].code }, { judgeId: userId(judge) });
  const flagged = await api('POST', `/cases/${id}/flags`, { as: judge, json: { factor: 'GROUP_DISPUTE' } });
  return { id: flagged.body.assessment.warningId, version: 1 };
}

async function newUser(v: 'A' | 'B'): Promise<Target> {
  const username = `u${crypto.randomUUID().slice(0, 8)}`;
  const id = await insertUser({ username, name: '矩阵用户', roles: ['trial_judge'], court: COURT_OF[v].id });
  const token = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_by, created_at) VALUES (?, ?, '矩阵', ?, 'yjlx_', ?, ?)")
    .bind(token, id, crypto.randomUUID(), userId('admin'), new Date().toISOString())
    .run();
  return { id, sub: token, version: 1 };
}

async function newDraft(): Promise<Target> {
  const res = await api('POST', '/rulesets', { as: 'admin', json: draftDoc });
  return { id: res.body.id, version: res.body.revision };
}

async function newJob(): Promise<Target> {
  const id = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO rescore_jobs (id, reason, total, done, created_at, finished_at) VALUES (?, 'manual', 0, 0, ?, ?)")
    .bind(id, new Date().toISOString(), new Date().toISOString())
    .run();
  return { id };
}

/** A simulation of a new draft, started by A's or B's admin. */
async function newSimulation(v: 'A' | 'B'): Promise<Target> {
  const draft = await newDraft();
  const res = await api('POST', `/rulesets/${draft.id}/simulate`, { as: v === 'A' ? 'admin' : 'admin05' });
  return { id: res.body.id };
}

/** A letter received at A's or B's court, registered by that court's petition office. */
async function newPetition(v: 'A' | 'B'): Promise<Target> {
  const res = await api('POST', '/petitions', { as: v === 'A' ? 'petition' : 'petition05', json: petitionBody(COURT_OF[v].id) });
  return { id: res.body.petition.id, version: res.body.petition.version };
}

/** Each side's coordinator, petition office and judge (A: 兰州中院 and 城关; B: 天水中院 and 秦州). */
const COORDINATOR_OF = { A: 'coordinator', B: 'coordinator05' } as const;
const OFFICE_OF = { A: 'petition', B: 'petition05' } as const;
const JUDGE_OF = { A: 'judge', B: 'judge2' } as const;

/** A meeting of A's or B's intermediate court by its coordinator, a proposed warning of the judge's case on its agenda (sub: that item). */
async function newMeeting(v: 'A' | 'B', published: boolean): Promise<Target> {
  const w = await proposedWarning({ courtCode: COURT_OF[v].code, judge: JUDGE_OF[v], officer: OFFICE_OF[v] });
  const m = await (published ? publishedMeeting : meetingWith)([w.warningId], { as: COORDINATOR_OF[v] });
  return { id: m.id, sub: itemOf(m.body, w.warningId).id, version: m.body.version };
}

/** An action item of a published meeting, owned by the judge whose case it concerns. */
async function newActionItem(v: 'A' | 'B'): Promise<Target> {
  const m = await newMeeting(v, true);
  const res = await api('POST', `/meetings/${m.id}/agenda/${m.sub}/action-items`, { as: COORDINATOR_OF[v], json: { text: '回访当事人', ownerId: userId(JUDGE_OF[v]) } });
  if (res.status !== 201) throw new Error(`action item: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, version: res.body.version };
}

/** A notification of the judge of A or B about a published meeting of its side (one meeting serves them all). */
const noticeMeetings: Partial<Record<'A' | 'B', Promise<Target>>> = {};
async function newNotification(v: 'A' | 'B'): Promise<Target> {
  const meeting = await (noticeMeetings[v] ??= newMeeting(v, true));
  const row = await env.DB.prepare("INSERT INTO notifications (user_id, kind, meeting_id, dedupe_key, created_at) VALUES (?, 'meeting_published', ?, ?, ?) RETURNING id")
    .bind(userId(JUDGE_OF[v]), meeting.id, `matrix:${crypto.randomUUID()}`, new Date().toISOString())
    .first<{ id: number }>();
  return { id: String(row!.id) };
}

async function makeTarget(kind: TargetKind, v: 'A' | 'B'): Promise<Target> {
  switch (kind) {
    case 'meeting':
      return newMeeting(v, false);
    case 'publishedMeeting':
      return newMeeting(v, true);
    case 'actionItem':
      return newActionItem(v);
    case 'notification':
      return newNotification(v);
    case 'court':
      return { id: String(v === 'A' ? 2 : 5) };
    case 'petition':
      return newPetition(v);
    case 'case':
      return newCase(v);
    case 'warning':
      return newWarning(v);
    case 'user':
      return newUser(v);
    case 'ruleset':
      return { id: 'ruleset-default-v1' };
    case 'draft':
      return newDraft();
    case 'job':
      return newJob();
    case 'simulation':
      return newSimulation(v);
    case 'none':
      return { id: '' };
  }
}

// ---------------------------------------------------------------------------------------------
// Cells

type Expected = 'unauth' | 'forbidden' | 'hidden' | 'ok';

function expected(spec: Spec, caller: Caller, variant: Variant | 'none'): Expected {
  if (caller === 'anonymous') return spec.anonymous === 'public' ? 'ok' : 'unauth';
  if (spec.gate && !passes(caller, spec.gate)) return 'forbidden';
  if (spec.redirectOnly) return 'ok';
  if (variant !== 'none') {
    if (variant === 'missing') return 'hidden';
    if (!SEES[spec.target as Exclude<TargetKind, 'none'>][variant].includes(caller)) return 'hidden';
  }
  return spec.may(caller) ? 'ok' : 'forbidden';
}

/** An id no record has: notifications are numbered, the rest are text. */
function missingId(kind: TargetKind): string {
  return kind === 'notification' || kind === 'court' ? String(9_000_000_000 + Math.floor(Math.random() * 1_000_000)) : `no-such-${crypto.randomUUID().slice(0, 8)}`;
}

function pathFor(route: string, t: Target): string {
  const path = route.split(' ')[1]!;
  return path
    .replace(':lang', 'en')
    .replace(':caseNumber', encodeURIComponent(freshCaseNumber()))
    .replace(':flagId', t.sub ?? 'no-such-flag')
    .replace(':tokenId', t.sub ?? 'no-such-token')
    .replace(':itemId', t.sub ?? 'no-such-item')
    .replace(':action', 'complete')
    .replace(':courtId', t.id)
    .replace(':id', t.id);
}

async function call(route: string, spec: Spec, caller: Caller, t: Target): Promise<{ status: number; location: string | null }> {
  const method = route.split(' ')[0]!;
  let path = pathFor(route, t);
  const headers: Record<string, string> = { origin: ORIGIN };
  if (caller !== 'anonymous') headers.cookie = await sessionOf(caller);
  let body: string | undefined;
  if (route === 'PUT /api/v1/cases/by-number/:caseNumber') {
    const payload = caseBody();
    path = `/api/v1/cases/by-number/${encodeURIComponent(payload.caseNumber)}`;
    body = JSON.stringify(payload);
    headers['content-type'] = 'application/json';
  } else if (spec.json) {
    body = JSON.stringify(spec.json(t));
    headers['content-type'] = 'application/json';
  } else if (spec.form || method !== 'GET') {
    body = new URLSearchParams(spec.form?.(t) ?? {}).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetchApp(path, { method, headers, body });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

function check(route: string, caller: Caller, variant: string, want: Expected, got: { status: number; location: string | null }) {
  cells++;
  const where = `${route} as ${caller} on ${variant}`;
  expect(got.status, where).toBeLessThan(500);
  if (want === 'unauth') {
    if (route.includes(' /api/')) expect(got.status, where).toBe(401);
    else expect([got.status, got.location?.startsWith('/login')], where).toEqual([303, true]);
  } else if (want === 'forbidden') expect(got.status, where).toBe(403);
  else if (want === 'hidden') expect(got.status, where).toBe(404);
  else expect([401, 403, 404], `${where}: ${got.status}`).not.toContain(got.status);
}

beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'admin05', name: '天水管理', roles: ['admin'], court: 5 });
  await insertUser({ username: 'petition05', name: '天水信访', roles: ['petition_officer'], court: 5 });
  await insertUser({ username: 'coordinator05', name: '天水协调', roles: ['coordinator'], court: 5 });
  await signIn('judge', 'enforcer', 'petition', 'coordinator', 'leader', 'admin', 'judge2', 'admin05', 'petition05', 'coordinator05');
});

let cells = 0;
afterAll(() => console.log(`authorization matrix: ${Object.keys(SPECS).length} routes, ${cells} cells checked`));

describe('the authorization matrix', () => {
  it('covers every route the app registers', () => {
    const missing = registeredRoutes().filter((r) => !SPECS[r]);
    expect(missing, 'routes without a line in the matrix').toEqual([]);
    const stale = Object.keys(SPECS).filter((r) => !registeredRoutes().includes(r));
    expect(stale, 'matrix lines for routes that no longer exist').toEqual([]);
  });

  for (const [route, spec] of Object.entries(SPECS)) {
    it(route, { timeout: 60_000 }, async () => {
      const shared = spec.target === 'none' ? null : { A: await makeTarget(spec.target, 'A'), B: await makeTarget(spec.target, 'B') };
      for (const caller of CALLERS) {
        // A route that signs people in or out is checked for anonymous callers only (a signed-in
        // caller's sign-out would end the session the other cells use).
        if (spec.anonymous === 'public' && route.startsWith('POST') && caller !== 'anonymous') continue;
        if (spec.target === 'none') {
          check(route, caller, 'none', expected(spec, caller, 'none'), await call(route, spec, caller, { id: '' }));
          continue;
        }
        const answers: Partial<Record<Variant, number>> = {};
        for (const variant of ['A', 'B', 'missing'] as const) {
          if (variant === 'B' && SEES[spec.target].B.length === 0) continue;
          const want = expected(spec, caller, variant);
          const t =
            variant === 'missing'
              ? { id: missingId(spec.target), sub: 'no-such', version: 1 }
              : spec.writes && want === 'ok'
                ? await makeTarget(spec.target, variant)
                : shared![variant];
          const got = await call(route, spec, caller, t);
          check(route, caller, variant, want, got);
          answers[variant] = got.status;
        }
        // Outside the caller's scope answers exactly as a record that does not exist.
        for (const variant of ['A', 'B'] as const) {
          if (answers[variant] !== undefined && caller !== 'anonymous' && !SEES[spec.target][variant].includes(caller)) {
            expect(answers[variant], `${route} as ${caller}: ${variant} out of scope vs missing`).toBe(answers.missing);
          }
        }
      }
    });
  }
});
