import type { Bindings } from '../env.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import type { Actor } from '../domain/roles.ts';
import type { CourtLevel } from '../db/courts.ts';
import type { Db } from '../db/query.ts';

/** The signed-in user as every handler sees it. */
export interface CurrentUser extends Actor {
  username: string;
  displayName: string;
  division: string;
  court: { id: number; code: string; name: string; nameEn: string | null; level: CourtLevel };
  /** How the request was authenticated: a browser session or an API token. */
  via: 'web' | 'api';
  /** Unread notifications, read with the session (the header's inbox badge). */
  unreadNotifications: number;
  /** Set for browser sessions, so sign-out can end exactly this session. */
  sessionHash?: string;
}

export interface AppVariables {
  /** The request's database session (middleware/d1-session.ts): every query of a request goes through it. */
  db: Db;
  lang: Lang;
  t: Translate;
  user: CurrentUser | undefined;
}

export type AppEnv = { Bindings: Bindings; Variables: AppVariables };
