/**
 * Jobs over the open cases, at any size, through the queue (re-scoring after an activation, a
 * simulation): the request enqueues one message; a planning message walks the index of open cases
 * once to lay out the next RANGES_PER_PLAN ranges of CHUNK cases each (and the next planning
 * message), and each range is one message: one read round trip, one write batch. Nothing holds a
 * list of every case. A chunk's write records it (db/job-chunks.ts) before its laid-out messages
 * are sent, so a message delivered twice writes nothing twice and a job finishes when its last
 * chunk is done.
 */
import type { Actor } from '../domain/roles.ts';
import type { LaidOut } from '../db/job-chunks.ts';
import type { RescoreReason } from '../db/rescore-jobs.ts';

/** Cases per message: one message reads them in one round trip and writes them in one batch. */
export const CHUNK = 50;
/** Ranges one planning message lays out; with the next planning message, 99 sends (a sendBatch takes 100). */
export const RANGES_PER_PLAN = 98;

export type ScopeActor = Pick<Actor, 'roles' | 'courtPath' | 'courtId'>;

export type JobStep =
  /** Lays out the ranges of open cases after `after`. */
  | { step: 'plan'; after: string }
  /** Open cases after `after` up to `until` (to the end when null), at most CHUNK of them. */
  | { step: 'range'; after: string; until: string | null }
  /** A list of case ids (the daily run's few). */
  | { step: 'list'; key: string; caseIds: string[] };

export type RescoreMessage = { kind: 'rescore'; jobId: string } & JobStep;
/** A simulation reads the open cases of its author's scope, on the day it began. */
export type SimulationMessage = { kind: 'simulation'; jobId: string; scope: ScopeActor; day: string } & Exclude<JobStep, { step: 'list' }>;
/** A message enqueued before migration 0010: a batch of case ids of a re-scoring job. */
export interface LegacyRescoreMessage {
  jobId: string;
  reason: RescoreReason;
  caseIds: string[];
}
export type JobMessage = RescoreMessage | SimulationMessage;
export type QueueMessage = JobMessage | LegacyRescoreMessage;

export interface JobQueue {
  sendBatch(messages: Iterable<MessageSendRequest<QueueMessage>>): Promise<unknown>;
}

/** A message as this version handles it: an old batch of ids is a list chunk of its job. */
export function current(m: QueueMessage): JobMessage {
  return 'kind' in m ? m : { kind: 'rescore', jobId: m.jobId, step: 'list', key: `legacy:${m.caseIds[0] ?? ''}`, caseIds: m.caseIds };
}

/** The chunk a message is, within its job. */
export function chunkKey(m: JobStep): string {
  switch (m.step) {
    case 'plan':
      return `p:${m.after}`;
    case 'range':
      return `r:${m.after}`;
    case 'list':
      return `l:${m.key}`;
  }
}

function laidOut<M extends JobMessage>(base: M, step: JobStep): LaidOut<M> {
  const { step: _s, after: _a, until: _u, key: _k, caseIds: _c, ...rest } = base as M & Partial<Record<'after' | 'until' | 'key' | 'caseIds', unknown>>;
  return { key: chunkKey(step), body: { ...rest, ...step } as M };
}

/**
 * The messages a planning message lays out from where the next ranges end (rangeEndsQuery): a
 * full window gives RANGES_PER_PLAN ranges and the next planning message; the last window's last
 * range runs to the end, so a case opened meanwhile after it is not missed.
 */
export function layOutRanges<M extends JobMessage>(plan: M & { step: 'plan' }, found: { ends: string[]; seen: number }): LaidOut<M>[] {
  if (found.seen === 0) return [];
  const out: LaidOut<M>[] = [];
  const more = found.seen > CHUNK * RANGES_PER_PLAN;
  const ends = more ? found.ends.slice(0, RANGES_PER_PLAN) : found.seen % CHUNK === 0 ? found.ends.slice(0, -1) : found.ends;
  let after = plan.after;
  for (const end of ends) {
    out.push(laidOut(plan, { step: 'range', after, until: end }));
    after = end;
  }
  out.push(laidOut(plan, more ? { step: 'plan', after } : { step: 'range', after, until: null }));
  return out;
}

/**
 * A range reads up to CHUNK + 1 of its open cases: it works on the first CHUNK and, when there is
 * one more (cases opened since it was laid out), lays out the rest of the range.
 */
export function splitRange<M extends JobMessage>(range: M & { step: 'range' }, ids: string[]): { ids: string[]; next: LaidOut<M>[] } {
  const sorted = [...ids].sort();
  if (sorted.length <= CHUNK) return { ids: sorted, next: [] };
  const mine = sorted.slice(0, CHUNK);
  return { ids: mine, next: [laidOut(range, { step: 'range', after: mine[CHUNK - 1]!, until: range.until })] };
}

/** Sends messages, 100 at a time (a sendBatch's limit). */
export async function sendAll(queue: JobQueue, messages: QueueMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
}
