/**
 * The closed lists of the petition register (domain.md §9): channels, complaint types, and the
 * handling states and outcomes. Codes are stored and sent by the API; labels live in the catalogs
 * under `petition.channel.*`, `petition.complaint.*`, `petition.state.*`, `petition.outcome.*`.
 */

/** 来信 · 来访 · 群体访 · 视频接访 · 网上申诉 · 电话 */
export const PETITION_CHANNELS = ['letter', 'visit', 'group_visit', 'video', 'online', 'phone'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

/** 不服裁判 · 执行不力 · 审判作风 · 程序问题 · 其他 */
export const COMPLAINT_TYPES = ['judgment', 'enforcement', 'conduct', 'procedure', 'other'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/**
 * 登记 → 办理中 → 办结. A petition answered on the spot (a phone call explained at once) goes
 * from registered straight to concluded; a concluded one can be taken up again (back to in_progress)
 * when the petitioner comes back on the same matter before a new record is warranted.
 */
export const HANDLING_STATES = ['registered', 'in_progress', 'concluded'] as const;
export type HandlingState = (typeof HANDLING_STATES)[number];

/** 息诉罢访 · 解释疏导 · 转办 · 依法终结 · 其他 — given when, and only when, a petition is concluded. */
export const HANDLING_OUTCOMES = ['ceased', 'explained', 'transferred', 'terminated', 'other'] as const;
export type HandlingOutcome = (typeof HANDLING_OUTCOMES)[number];

const MOVES: Readonly<Record<HandlingState, readonly HandlingState[]>> = {
  registered: ['in_progress', 'concluded'],
  in_progress: ['concluded'],
  concluded: ['in_progress'],
};

/** Whether a petition may go from one handling state to another (staying put is always allowed). */
export function canMoveHandling(from: HandlingState, to: HandlingState): boolean {
  return from === to || MOVES[from].includes(to);
}

export function isPetitionChannel(value: unknown): value is PetitionChannel {
  return typeof value === 'string' && (PETITION_CHANNELS as readonly string[]).includes(value);
}
