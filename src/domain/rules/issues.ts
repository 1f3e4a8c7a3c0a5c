/**
 * How rule-set problems are reported. Following the project's convention, the message of every
 * zod issue is a catalog key and custom issues carry their interpolation values in `params`.
 */
import type { MessageKey } from '../../i18n/index.ts';
import type { Path } from './limits.ts';

export type IssueParams = Record<string, string | number>;

export interface RuleSetIssue {
  path: Path;
  key: MessageKey;
  params: IssueParams;
}

/** Adds one issue; `path` is relative to the schema the check is attached to. */
export type Report = (key: MessageKey, path: Path, params: IssueParams) => void;

/** The ctx of a zod refinement or preprocess, reduced to what reporting needs. */
interface IssueCtx {
  addIssue(issue: { code: 'custom'; message: string; path: Path; params: IssueParams }): void;
}

export function reporterFor(ctx: IssueCtx): Report {
  return (key, path, params) => ctx.addIssue({ code: 'custom', message: key, path, params });
}

/**
 * The rule's id for messages. An unreadable id (absent, not a string) falls back to the rule's
 * position, "#4", so a message still points at the right rule.
 */
export function ruleIdOf(rule: unknown, index: number): string {
  const id = isRecord(rule) ? rule.id : undefined;
  return typeof id === 'string' && id !== '' ? id.slice(0, 64) : `#${index + 1}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
