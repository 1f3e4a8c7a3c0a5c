/** Small helpers the meeting modules share. */

/** A string with something other than white space in it. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Code-point order, the same in every runtime (ids, ISO days, owner keys). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
