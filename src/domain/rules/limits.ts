/**
 * Size bounds of a rule set (domain.md §6). A condition is measured on the raw document before
 * zod parses it, so a hostile document nested thousands deep is refused instead of overflowing
 * the stack of the recursive parse.
 */
export const MAX_DEPTH = 16;
export const MAX_LEAVES = 200;
export const MAX_RULES = 500;

export type Path = (string | number)[];

export interface ConditionSize {
  leaves: number;
  /** Path (relative to the condition) of the first node deeper than MAX_DEPTH, if any. */
  tooDeepAt: Path | null;
}

/** The children of a raw condition node with their path steps; none for a leaf or garbage. */
function childrenOf(node: unknown): [Path, unknown][] {
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const found: [Path, unknown][] = [];
  for (const kind of ['all', 'any'] as const) {
    const list = record[kind];
    if (Array.isArray(list)) list.forEach((child, i) => found.push([[kind, i], child]));
  }
  if ('not' in record) found.push([['not'], record.not]);
  return found;
}

function isGroupNode(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  return 'all' in node || 'any' in node || 'not' in node;
}

/**
 * Depth and leaf count of a raw condition, iteratively. A lone leaf has depth 1; each group adds
 * one level for its children. Measuring stops at the first node past MAX_DEPTH.
 */
export function measureCondition(root: unknown): ConditionSize {
  let leaves = 0;
  const stack: { node: unknown; depth: number; path: Path }[] = [{ node: root, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (depth > MAX_DEPTH) return { leaves, tooDeepAt: path };
    if (!isGroupNode(node)) {
      leaves++;
      continue;
    }
    // Pushed in reverse so the first too-deep node found is the first in document order.
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const [step, child] = children[i]!;
      stack.push({ node: child, depth: depth + 1, path: [...path, ...step] });
    }
  }
  return { leaves, tooDeepAt: null };
}
