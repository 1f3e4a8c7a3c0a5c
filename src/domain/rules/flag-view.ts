/**
 * How `flags` is looked up during one evaluation. Measured with 0–4 flags out of 16 codes
 * (bench/scoring.ts, Node 24): searching a small array directly beats building a Set for it on
 * every evaluation, and a caller's ReadonlySet is used as is. Larger arrays become a Set once.
 */
export type FlagView = readonly string[] | ReadonlySet<string>;

const SMALL = 8;

export function isFlagArray(view: FlagView): view is readonly string[] {
  return Array.isArray(view);
}

export function flagView(flags: FlagView | undefined): FlagView {
  if (flags === undefined) return EMPTY;
  return isFlagArray(flags) && flags.length > SMALL ? new Set(flags) : flags;
}

export function hasFlag(view: FlagView, code: string): boolean {
  return isFlagArray(view) ? view.includes(code) : view.has(code);
}

/** The flags as a list, for the trace: the caller's array itself, or the Set's members. */
export function flagList(flags: FlagView | undefined): readonly string[] {
  if (flags === undefined) return EMPTY;
  return isFlagArray(flags) ? flags : Array.from(flags);
}

/** Set equality, without assuming the array form is free of duplicates. */
export function sameFlags(view: FlagView, wanted: ReadonlySet<string>): boolean {
  for (const code of view) if (!wanted.has(code)) return false;
  for (const code of wanted) if (!hasFlag(view, code)) return false;
  return true;
}

const EMPTY: readonly string[] = Object.freeze([]);
