import { seesSubtree } from '../domain/roles.ts';
import { courtSubtreeQuery } from '../db/courts.ts';
import { type Db, mapped, type Query, run } from '../db/query.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { courtName } from './present.ts';

export interface CourtChoice {
  id: number;
  label: string;
}

/**
 * The courts a user may pick in a filter or a form: its court and those below it, labelled
 * "兰州市城关区人民法院（甘0102）". Users who see only their own court get none (nothing to pick).
 */
export function courtChoicesQuery(db: Db, user: CurrentUser, t: Translate, lang: Lang): Query<CourtChoice[]> {
  // Users who see only their own court read nothing (a path no court has).
  return mapped(courtSubtreeQuery(db, seesSubtree(user) ? user.courtPath : '-'), (rows) =>
    rows.map((ct) => ({ id: ct.id, label: t('court.option', { name: courtName(ct, lang), code: ct.code }) })),
  );
}

export async function courtChoices(db: Db, user: CurrentUser, t: Translate, lang: Lang): Promise<CourtChoice[]> {
  return run(db, courtChoicesQuery(db, user, t, lang));
}
