import type { zhCN } from './zh-CN.ts';

/** The English message catalog; every key of the Chinese catalog, nothing else. */
export const en: Record<keyof typeof zhCN, string> = {
  // app shell
  'app.name': 'Early Warning & Joint Meetings',
  'app.fullName': 'Petition-risk early warning and joint coordination meetings',
  // --- rules (rule engine and trace sentences) ---
};
