/**
 * Seeded randomness for demo data: the same seed gives the same rows. Web-standard only, so it runs
 * in Node (the seed CLI) and inside workerd (tests).
 */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

/** mulberry32: small, fast, and good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}

/** UUID-shaped (version 4 layout) ids from their own stream, unique by construction and checked. */
export function makeIds(seed: number): () => string {
  const next = mulberry32(seed ^ 0x7e717104);
  const hex = () => Math.floor(next() * 2 ** 32).toString(16).padStart(8, '0');
  const seen = new Set<string>();
  return () => {
    for (;;) {
      const [a, b, c, d] = [hex(), hex(), hex(), hex()];
      const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
      const id = `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}

/** `count` distinct items of `items`, in a random order. */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  if (count > items.length) throw new Error(`cannot take ${count} of ${items.length}`);
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/**
 * Splits `total` into whole parts proportional to `weights` (largest remainders), so the parts
 * add up to `total` exactly. A zero weight gets nothing.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}
