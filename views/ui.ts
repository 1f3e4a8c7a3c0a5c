import type { Lang, MessageKey, Translate } from '../src/i18n/index.ts';
import type { Role } from '../src/domain/roles.ts';

/** What every page component needs besides its own data: language, the user, where we are. */
export interface Ui {
  t: Translate;
  lang: Lang;
  /** The current path with its query, for the language switch and sign-in redirects. */
  path: string;
  user?: { displayName: string; courtName: string; roles: readonly Role[]; unreadNotifications: number };
}

export interface NavItem {
  href: string;
  key: MessageKey;
}

/** The left navigation: only what the user's roles may open. */
export function navItems(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  const any = (...rs: Role[]) => rs.some((r) => roles.includes(r));
  if (any('leader')) items.push({ href: '/leader', key: 'nav.leaderDesk' });
  if (any('coordinator', 'leader', 'petition_officer')) items.push({ href: '/meetings', key: 'nav.meetings' });
  if (any('petition_officer', 'coordinator', 'leader')) items.push({ href: '/warnings', key: 'nav.warnings' });
  if (any('trial_judge', 'enforcement_judge')) items.push({ href: '/cases', key: 'nav.myCases' });
  else if (any('petition_officer', 'coordinator', 'leader', 'admin')) items.push({ href: '/cases', key: 'nav.cases' });
  if (any('trial_judge', 'enforcement_judge') && !any('petition_officer', 'coordinator', 'leader')) {
    items.push({ href: '/warnings', key: 'nav.myWarnings' });
  }
  if (any('petition_officer')) items.push({ href: '/petitions', key: 'nav.petitions' });
  if (any('leader', 'petition_officer', 'coordinator')) items.push({ href: '/stats', key: 'nav.stats' });
  if (any('admin', 'petition_officer', 'leader')) items.push({ href: '/backtest', key: 'nav.backtest' });
  if (roles.some((r) => r !== 'admin')) items.push({ href: '/action-items', key: 'nav.actionItems' });
  if (any('admin')) {
    items.push({ href: '/admin/users', key: 'nav.users' });
    items.push({ href: '/admin/rulesets', key: 'nav.rulesets' });
    items.push({ href: '/admin/factors', key: 'nav.factors' });
  }
  if (any('admin', 'leader')) items.push({ href: '/audit', key: 'nav.audit' });
  return items;
}

/**
 * Where each role's work is, for the landing redirect after sign-in: the coordinator's meetings
 * (the pool, the next meetings, overdue action items), the petition office's queue, the leader's
 * desk (meetings chaired, warnings in charge, overdue action items).
 */
export function landingPath(roles: readonly Role[]): string {
  if (roles.includes('coordinator')) return '/meetings';
  if (roles.includes('petition_officer')) return '/warnings';
  if (roles.includes('leader')) return '/leader';
  if (roles.includes('admin') && !roles.some((r) => r !== 'admin')) return '/admin/users';
  return '/cases';
}

export interface Crumb {
  href?: string;
  label: string;
}
