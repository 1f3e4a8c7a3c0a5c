import { seesSubtree } from '../domain/roles.ts';
import { listCourtSubtree } from '../db/courts.ts';
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
export async function courtChoices(db: D1Database, user: CurrentUser, t: Translate, lang: Lang): Promise<CourtChoice[]> {
  if (!seesSubtree(user)) return [];
  const rows = await listCourtSubtree(db, user.courtPath);
  return rows.map((ct) => ({ id: ct.id, label: t('court.option', { name: courtName(ct, lang), code: ct.code }) }));
}
