/** Risk levels in ascending order: none < blue < yellow < orange < red. */
export type Level = 'none' | 'blue' | 'yellow' | 'orange' | 'red';
export const LEVELS: readonly Level[] = ['none', 'blue', 'yellow', 'orange', 'red'];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
