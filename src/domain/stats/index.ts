/** Petition statistics (issue 8 §2): pure functions over the daily roll-up, no I/O. */
export * from './period.ts';
export * from './change.ts';
export * from './rollup.ts';
export * from './scope.ts';
export * from './figures.ts';
export * from './trend.ts';
export * from './aggregate.ts';
export * from './warnings.ts';
