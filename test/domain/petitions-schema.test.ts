import { describe, expect, it } from 'vitest';
import { PetitionCreateSchema, PetitionPatchSchema } from '../../src/schemas/petitions.ts';

const body = {
  channel: 'visit',
  receivedOn: '2026-11-20',
  courtId: 2,
  persons: 2,
  petitionerName: '张某某',
  complaintType: 'judgment',
};

const messages = (input: unknown) => {
  const r = PetitionCreateSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('POST /api/v1/petitions body', () => {
  it('fills the defaults a minimal petition needs', () => {
    const r = PetitionCreateSchema.parse(body);
    expect(r).toMatchObject({ state: 'registered', note: '' });
    expect(r.lawyer).toBeUndefined();
  });

  it('normalizes a linked case number of either parenthesis width and an identity number with x', () => {
    const r = PetitionCreateSchema.parse({ ...body, caseNumber: '(2024)甘0102民初1234号', petitionerIdNumber: '11010519491231002x' });
    expect(r.caseNumber?.normalized).toBe('（2024）甘0102民初1234号');
    expect(r.petitionerIdNumber).toBe('11010519491231002X');
  });

  it('treats an empty identity field as none', () => {
    expect(PetitionCreateSchema.parse({ ...body, petitionerIdNumber: '' }).petitionerIdNumber).toBeNull();
  });

  it('names the field and the reason for each refusal', () => {
    expect(messages({ ...body, channel: 'group_visit', persons: 4 })).toEqual([['persons', 'petition.groupVisitTooFew']]);
    expect(messages({ ...body, persons: 6 })).toEqual([['channel', 'petition.visitIsGroup']]);
    expect(messages({ ...body, petitionerIdNumber: '620102900101123' })).toEqual([['petitionerIdNumber', 'petition.idNumber.legacy15']]);
    expect(messages({ ...body, caseNumber: '（2024）甘0102民初0号' })).toEqual([['caseNumber', 'caseNumber.serial']]);
    expect(messages({ ...body, state: 'concluded' })).toEqual([['outcome', 'petition.outcomeRequired']]);
    expect(messages({ ...body, assistance: { applied: true, approved: true, amount: 0 } })).toEqual([['assistance.amount', 'petition.amountRequired']]);
    expect(messages({ ...body, receivedOn: '2999-01-01' })).toEqual([['receivedOn', 'validation.dayInFuture']]);
    expect(messages({ ...body, channel: 'fax' })[0]?.[0]).toBe('channel');
  });

  it('takes whole yuan for the assistance amount', () => {
    expect(messages({ ...body, assistance: { applied: true, approved: true, amount: 1234.5 } })[0]?.[0]).toBe('assistance.amount');
  });
});

describe('PATCH /api/v1/petitions/{id} body', () => {
  it('needs the version and may unlink the case with null', () => {
    expect(PetitionPatchSchema.safeParse({ persons: 3 }).success).toBe(false);
    expect(PetitionPatchSchema.parse({ version: 2, caseNumber: null })).toEqual({ version: 2, caseNumber: null });
  });
});
