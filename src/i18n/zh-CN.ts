/**
 * The Simplified Chinese message catalog: the default language and the source of the key set.
 * Keys are grouped by area; `en.ts` must define every key (the type checker enforces it).
 */
export const zhCN = {
  // app shell
  'app.name': '预警联席',
  'app.fullName': '涉诉信访风险预警与联席会议协同',
  // --- rules (rule engine and trace sentences) ---
} as const satisfies Record<string, string>;
