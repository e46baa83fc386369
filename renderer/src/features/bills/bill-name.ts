import type { BillRow } from '../../../../core/api/views.js';

/** A bill's short reference before it has a number: the end of its id, as the bill screen shows it. */
export function billReference(id: string): string {
  return `ref. ${id.slice(-8)}`;
}

/**
 * What a bill is called where it is named in passing (Sync review's cards): its number
 * ("BILL-000123"); a draft
 * has none ("Draft bill"); an issued bill whose number the central server has not given yet
 * shows its provisional reference ("Issued bill, ref. 1a2b3c4d").
 */
export function billName(bill: Pick<BillRow, 'id' | 'bill_number' | 'status'>): string {
  if (bill.bill_number) return bill.bill_number;
  if (bill.status === 'draft') return 'Draft bill';
  return `Issued bill, ${billReference(bill.id)}`;
}
