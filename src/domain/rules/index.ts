/** The rule engine: facts, the rule-set schema, compilation, evaluation and trace sentences. */
export * from './facts.ts';
export * from './operators.ts';
export * from './types.ts';
export * from './limits.ts';
export type { IssueParams, RuleSetIssue } from './issues.ts';
export * from './schema.ts';
export * from './trace-types.ts';
export * from './compile.ts';
export * from './trace.ts';
export * from './default-rule-set.ts';
