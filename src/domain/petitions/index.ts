/** The petition register's rules (domain.md §9): pure, no I/O. */
export * from './kinds.ts';
export * from './persons.ts';
export * from './id-number.ts';
export * from './mask.ts';
export * from './repeats.ts';
export * from './case-facts.ts';
export * from './record.ts';
