/**
 * A petition as the register holds it (domain.md §9, the API fields of issue 8) and the checks
 * that span several fields. The zod schemas run them on a new record; an edit runs them on the
 * merged record, since a PATCH may change the channel without the persons or the other way round.
 */
import { canMoveHandling, type ComplaintType, type HandlingOutcome, type HandlingState, type PetitionChannel } from './kinds.ts';
import { personsIssue } from './persons.ts';

export interface LawyerParticipation {
  /** 律师接谈 */
  interview: boolean;
  /** 律师代理申诉 */
  representation: boolean;
  /** 律师参与化解 */
  resolution: boolean;
}

export interface JudicialAssistance {
  /** 申请司法救助 */
  applied: boolean;
  /** 批准 */
  approved: boolean;
  /** The approved amount in whole yuan (司法救助金 is decided in yuan); 0 unless approved. */
  amount: number;
}

export const NO_LAWYER: Readonly<LawyerParticipation> = Object.freeze({ interview: false, representation: false, resolution: false });
export const NO_ASSISTANCE: Readonly<JudicialAssistance> = Object.freeze({ applied: false, approved: false, amount: 0 });

export interface PetitionRecord {
  channel: PetitionChannel;
  /** Shanghai day, YYYY-MM-DD. */
  receivedOn: string;
  /** The receiving court. */
  courtId: number;
  /** 人次 */
  persons: number;
  petitionerName: string;
  petitionerIdNumber: string | null;
  /** The linked case's number in its stored (full-width) form, or null. */
  caseNumber: string | null;
  complaintType: ComplaintType;
  lawyer: LawyerParticipation;
  assistance: JudicialAssistance;
  state: HandlingState;
  outcome: HandlingOutcome | null;
  note: string;
}

export type RecordIssueKey =
  | 'petition.groupVisitTooFew'
  | 'petition.visitIsGroup'
  | 'petition.outcomeRequired'
  | 'petition.outcomeOnlyWhenConcluded'
  | 'petition.approvedWithoutApplication'
  | 'petition.amountWithoutApproval'
  | 'petition.amountRequired'
  | 'petition.stateMove';

export interface RecordIssue {
  path: (string | number)[];
  key: RecordIssueKey;
}

type Checked = Pick<PetitionRecord, 'channel' | 'persons' | 'state' | 'outcome' | 'assistance'>;

/** Cross-field problems of a record, each under the field to correct. */
export function recordIssues(r: Checked): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const persons = personsIssue(r.channel, r.persons);
  if (persons === 'groupVisitTooFew') issues.push({ path: ['persons'], key: 'petition.groupVisitTooFew' });
  if (persons === 'visitIsGroup') issues.push({ path: ['channel'], key: 'petition.visitIsGroup' });
  if (r.state === 'concluded' && !r.outcome) issues.push({ path: ['outcome'], key: 'petition.outcomeRequired' });
  if (r.state !== 'concluded' && r.outcome) issues.push({ path: ['outcome'], key: 'petition.outcomeOnlyWhenConcluded' });
  const a = r.assistance;
  if (a.approved && !a.applied) issues.push({ path: ['assistance', 'approved'], key: 'petition.approvedWithoutApplication' });
  if (a.amount > 0 && !a.approved) issues.push({ path: ['assistance', 'amount'], key: 'petition.amountWithoutApproval' });
  if (a.approved && a.amount <= 0) issues.push({ path: ['assistance', 'amount'], key: 'petition.amountRequired' });
  return issues;
}

/** The issues of an edit: those of the merged record, and a handling state it may not move to. */
export function editIssues(before: Pick<PetitionRecord, 'state'>, after: Checked): RecordIssue[] {
  const issues = recordIssues(after);
  if (!canMoveHandling(before.state, after.state)) issues.push({ path: ['state'], key: 'petition.stateMove' });
  return issues;
}
