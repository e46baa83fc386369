import { describe, expect, it } from 'vitest';
import { billName, billReference } from '../../../renderer/src/features/bills/bill-name.js';

describe('billName', () => {
  const id = '0190f3a2-7c1e-7d4b-9a55-1a2b3c4d5e6f';

  it('is the number once the central server gave one', () => {
    expect(billName({ id, bill_number: 'BILL-000123', status: 'sent' })).toBe('BILL-000123');
  });

  it('calls a draft a draft: it has no number, and is not provisional', () => {
    expect(billName({ id, bill_number: null, status: 'draft' })).toBe('Draft bill');
  });

  it('names an issued bill waiting for its number by its provisional reference', () => {
    expect(billReference(id)).toBe('ref. 3c4d5e6f');
    expect(billName({ id, bill_number: null, status: 'sent' })).toBe('Issued bill, ref. 3c4d5e6f');
  });
});
