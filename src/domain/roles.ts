import type { CaseCategory } from './case-number.ts';

export type Role = 'trial_judge' | 'enforcement_judge' | 'petition_officer' | 'coordinator' | 'leader' | 'admin';

export const ROLES: readonly Role[] = [
  'trial_judge',
  'enforcement_judge',
  'petition_officer',
  'coordinator',
  'leader',
  'admin',
];

/**
 * Who may do what, named once: routes refuse other roles early (403) and services check the same
 * set, so a route and its service cannot disagree.
 */
export const MAY = {
  registerCases: ['trial_judge', 'enforcement_judge', 'petition_officer', 'admin'],
  /** The petition office takes every warning action; a leader may only name the owning leader. */
  actOnWarnings: ['petition_officer', 'leader'],
  reviewWarnings: ['petition_officer'],
  editRuleSets: ['admin'],
  simulateRuleSets: ['admin', 'petition_officer'],
  manageUsers: ['admin'],
  readAudit: ['admin', 'leader'],
  /** The petition register: the petition office registers, edits and links; leaders and coordinators read it, identity numbers masked. */
  registerPetitions: ['petition_officer'],
  readPetitions: ['petition_officer', 'leader', 'coordinator'],
  readStats: ['leader', 'petition_officer', 'coordinator'],
  /** Backtesting rule sets against the petitions that came (a draft before it is activated). */
  backtest: ['admin', 'petition_officer', 'leader'],
  /** Create meetings, build and publish agendas, record, finalize, follow up action items. */
  coordinateMeetings: ['coordinator'],
  /** Read the meetings of the court subtree in full (a judge sees only the items of its cases). */
  seeMeetings: ['coordinator', 'leader', 'petition_officer'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof MAY;

export function may(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return MAY[permission].some((r) => actor.roles.includes(r));
}

/** Roles that see their own court and every court below it; the rest see their own court only. */
const SUBTREE_ROLES: readonly Role[] = ['petition_officer', 'coordinator', 'leader', 'admin'];

export const CASE_KINDS = ['trial', 'enforcement'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Enforcement cases go to the enforcement bureau; every other category is a trial division's. */
export function caseKind(category: CaseCategory): CaseKind {
  return category === 'enforcement' ? 'enforcement' : 'trial';
}

/** The judge role that handles a case of this category. */
export function judgeRoleFor(category: CaseCategory): 'trial_judge' | 'enforcement_judge' {
  return caseKind(category) === 'enforcement' ? 'enforcement_judge' : 'trial_judge';
}

export interface Actor {
  id: string;
  courtId: number;
  /** The court's materialized path ('/1/2/5/'), the key of scope checks. */
  courtPath: string;
  roles: readonly Role[];
}

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

export function seesSubtree(actor: Pick<Actor, 'roles'>): boolean {
  return SUBTREE_ROLES.some((r) => actor.roles.includes(r));
}

/** The case kinds a user sees: all for office roles, otherwise the kinds of its judge roles. */
export function visibleKinds(actor: Pick<Actor, 'roles'>): CaseKind[] {
  if (seesSubtree(actor)) return [...CASE_KINDS];
  const kinds: CaseKind[] = [];
  if (actor.roles.includes('trial_judge')) kinds.push('trial');
  if (actor.roles.includes('enforcement_judge')) kinds.push('enforcement');
  return kinds;
}

/** Whether a record of a court (given by path) is inside the actor's scope. */
export function courtInScope(actor: Pick<Actor, 'roles' | 'courtPath'>, courtPath: string): boolean {
  return seesSubtree(actor) ? courtPath.startsWith(actor.courtPath) : courtPath === actor.courtPath;
}

export function canSeeCase(
  actor: Pick<Actor, 'roles' | 'courtPath'>,
  c: { courtPath: string; category: CaseCategory },
): boolean {
  return courtInScope(actor, c.courtPath) && visibleKinds(actor).includes(caseKind(c.category));
}

/** Flags are set by the judges of the case's kind and by the petition office. */
export function canFlagCase(actor: Pick<Actor, 'roles' | 'courtPath'>, c: { courtPath: string; category: CaseCategory }): boolean {
  if (!canSeeCase(actor, c)) return false;
  if (hasRole(actor, 'petition_officer')) return true;
  return caseKind(c.category) === 'enforcement' ? hasRole(actor, 'enforcement_judge') : hasRole(actor, 'trial_judge');
}

/** Case details are edited by the case's own judge and by the petition office of its court or above. */
export function canEditCase(actor: Pick<Actor, 'id' | 'roles' | 'courtPath'>, c: { courtPath: string; category: CaseCategory; judgeId: string | null }): boolean {
  if (!canSeeCase(actor, c)) return false;
  return hasRole(actor, 'petition_officer') || (c.judgeId !== null && c.judgeId === actor.id);
}

/** Who may register a case: judges (of the kind their roles allow), the petition office, admins. */
export function canCreateCase(actor: Pick<Actor, 'roles'>, category: CaseCategory): boolean {
  if (hasRole(actor, 'petition_officer', 'admin')) return true;
  return caseKind(category) === 'enforcement' ? hasRole(actor, 'enforcement_judge') : hasRole(actor, 'trial_judge');
}
