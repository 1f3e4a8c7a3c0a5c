/** Backtesting rule sets against what happened (domain.md §10): pure, no I/O. */
export * from './history.ts';
export * from './timeline.ts';
export * from './run.ts';
export * from './compare.ts';
