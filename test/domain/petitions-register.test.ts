import { describe, expect, it } from 'vitest';
import {
  canMoveHandling,
  editIssues,
  findPossibleRepeats,
  idCheckChar,
  maskIdNumber,
  parseIdNumber,
  personsIssue,
  recordIssues,
  repeatWindow,
  type RepeatCandidate,
} from '../../src/domain/petitions/index.ts';

const TODAY = '2026-11-28';

describe('resident identity numbers', () => {
  it('accepts 18-character numbers whose check character matches, including X in either case', () => {
    expect(parseIdNumber('620102199001011233', TODAY)).toEqual({ ok: true, value: '620102199001011233' });
    expect(parseIdNumber(' 11010519491231002x ', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('440304200002290014', TODAY)).toEqual({ ok: true, value: '440304200002290014' });
  });

  it('refuses a wrong check character, naming it', () => {
    expect(parseIdNumber('620102199001011234', TODAY)).toEqual({ ok: false, issue: 'checkDigit' });
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, issue: 'checkDigit' });
  });

  it('refuses the 15-digit first-generation numbers with their own reason', () => {
    expect(parseIdNumber('620102900101123', TODAY)).toEqual({ ok: false, issue: 'legacy15' });
  });

  it('refuses wrong lengths, letters, unknown provinces and impossible birth dates', () => {
    expect(parseIdNumber('62010219900101123', TODAY)).toEqual({ ok: false, issue: 'length' });
    expect(parseIdNumber('6201021990010112X3', TODAY)).toEqual({ ok: false, issue: 'format' });
    const withCheck = (first17: string) => first17 + idCheckChar(first17);
    expect(parseIdNumber(withCheck('99010219900101123'), TODAY)).toEqual({ ok: false, issue: 'region' });
    expect(parseIdNumber(withCheck('62010219900230123'), TODAY)).toEqual({ ok: false, issue: 'birthDate' });
    expect(parseIdNumber(withCheck('62010220270101123'), TODAY)).toEqual({ ok: false, issue: 'birthDate' });
    expect(parseIdNumber(withCheck('62010218990101123'), TODAY)).toEqual({ ok: false, issue: 'birthDate' });
  });
});

describe('masking', () => {
  it('shows the first four and last four characters only', () => {
    expect(maskIdNumber('620102199001011233')).toBe('6201**********1233');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('stars a short value entirely rather than showing most of it', () => {
    expect(maskIdNumber('12345678')).toBe('********');
  });
});

describe('group visits', () => {
  it('a group visit needs 5 persons or more', () => {
    expect(personsIssue('group_visit', 4)).toBe('groupVisitTooFew');
    expect(personsIssue('group_visit', 5)).toBeNull();
  });
  it('a visit of 5 or more persons must be registered as a group visit', () => {
    expect(personsIssue('visit', 4)).toBeNull();
    expect(personsIssue('visit', 5)).toBe('visitIsGroup');
  });
  it('other channels take any number of persons', () => {
    expect(personsIssue('letter', 30)).toBeNull();
    expect(personsIssue('video', 6)).toBeNull();
  });
});

describe('record checks', () => {
  const base = {
    channel: 'visit' as const,
    persons: 1,
    state: 'registered' as const,
    outcome: null,
    assistance: { applied: false, approved: false, amount: 0 },
  };
  it('puts each cross-field problem under the field to correct', () => {
    expect(recordIssues(base)).toEqual([]);
    expect(recordIssues({ ...base, channel: 'group_visit', persons: 3 })).toEqual([{ path: ['persons'], key: 'petition.groupVisitTooFew' }]);
    expect(recordIssues({ ...base, persons: 7 })).toEqual([{ path: ['channel'], key: 'petition.visitIsGroup' }]);
    expect(recordIssues({ ...base, state: 'concluded' })).toEqual([{ path: ['outcome'], key: 'petition.outcomeRequired' }]);
    expect(recordIssues({ ...base, outcome: 'ceased' })).toEqual([{ path: ['outcome'], key: 'petition.outcomeOnlyWhenConcluded' }]);
    expect(recordIssues({ ...base, assistance: { applied: false, approved: true, amount: 5000 } })).toEqual([
      { path: ['assistance', 'approved'], key: 'petition.approvedWithoutApplication' },
    ]);
    expect(recordIssues({ ...base, assistance: { applied: true, approved: false, amount: 5000 } })).toEqual([
      { path: ['assistance', 'amount'], key: 'petition.amountWithoutApproval' },
    ]);
    expect(recordIssues({ ...base, assistance: { applied: true, approved: true, amount: 0 } })).toEqual([
      { path: ['assistance', 'amount'], key: 'petition.amountRequired' },
    ]);
  });

  it('handling goes registered → in progress → concluded, and a concluded petition can be taken up again', () => {
    expect(canMoveHandling('registered', 'in_progress')).toBe(true);
    expect(canMoveHandling('registered', 'concluded')).toBe(true);
    expect(canMoveHandling('concluded', 'in_progress')).toBe(true);
    expect(canMoveHandling('in_progress', 'registered')).toBe(false);
    expect(canMoveHandling('concluded', 'registered')).toBe(false);
    expect(editIssues({ state: 'in_progress' }, { ...base, state: 'registered' })).toEqual([{ path: ['state'], key: 'petition.stateMove' }]);
  });
});

describe('possible repeats', () => {
  const rows: RepeatCandidate[] = [
    { id: 'a', receivedOn: '2026-10-29', petitionerIdNumber: '620102199001011233', caseId: null },
    { id: 'b', receivedOn: '2026-10-28', petitionerIdNumber: '620102199001011233', caseId: null },
    { id: 'c', receivedOn: '2026-11-20', petitionerIdNumber: null, caseId: 'case-1' },
    { id: 'd', receivedOn: '2026-11-27', petitionerIdNumber: '620102199001011233', caseId: 'case-1' },
    { id: 'e', receivedOn: '2026-11-27', petitionerIdNumber: '11010519491231002X', caseId: 'case-2' },
  ];

  it('finds the same petitioner or the same case within 30 days, nearest first, saying why', () => {
    const found = findPossibleRepeats({ receivedOn: '2026-11-28', petitionerIdNumber: '620102199001011233', caseId: 'case-1' }, rows);
    expect(found.map((f) => [f.petition.id, f.reasons, f.daysApart])).toEqual([
      ['d', ['idNumber', 'case'], 1],
      ['c', ['case'], 8],
      ['a', ['idNumber'], 30],
    ]);
  });

  it('looks both ways in time, ignores the record being edited, and matches an x like an X', () => {
    const found = findPossibleRepeats({ id: 'e', receivedOn: '2026-10-27', petitionerIdNumber: '11010519491231002x' }, rows);
    expect(found).toEqual([]);
    expect(findPossibleRepeats({ receivedOn: '2026-10-27', petitionerIdNumber: '11010519491231002x' }, rows)).toEqual([]);
    const earlier = findPossibleRepeats({ receivedOn: '2026-10-28', petitionerIdNumber: '11010519491231002x' }, rows);
    expect(earlier.map((f) => [f.petition.id, f.daysApart])).toEqual([['e', -30]]);
  });

  it('without an identity number or a case nothing can match', () => {
    expect(findPossibleRepeats({ receivedOn: '2026-11-28' }, rows)).toEqual([]);
  });

  it('gives the database the same ±30-day window', () => {
    expect(repeatWindow('2026-03-01')).toEqual({ from: '2026-01-30', to: '2026-03-31' });
  });
});
