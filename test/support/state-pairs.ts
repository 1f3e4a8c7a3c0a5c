/**
 * For the state-machine tests: the (state, action) pairs a hand-written list of allowed moves
 * leaves forbidden, and the pairs a module's transition table allows, to compare with the list.
 */
const key = (state: string, action: string) => `${state}:${action}`;

export function forbiddenPairs<S extends string, A extends string>(
  states: readonly S[],
  actions: readonly A[],
  allowed: readonly (readonly [S, A, ...unknown[]])[],
): [S, A][] {
  const allowedKeys = new Set(allowed.map(([state, action]) => key(state, action)));
  return states.flatMap((state) => actions.filter((action) => !allowedKeys.has(key(state, action))).map((action): [S, A] => [state, action]));
}

/** Both sides as sets of "state:action", so a test can compare the table with its independent list. */
export function samePairs(
  table: Readonly<Record<string, { from: readonly string[] }>>,
  allowed: readonly (readonly [string, string, ...unknown[]])[],
): { table: Set<string>; expected: Set<string> } {
  return {
    table: new Set(Object.entries(table).flatMap(([action, t]) => t.from.map((state) => key(state, action)))),
    expected: new Set(allowed.map(([state, action]) => key(state, action))),
  };
}
