import { billTotals } from '../../../../core/domain/bill-totals.js';
import type { BillItemRow } from '../../../../core/api/views.js';

/** One line's amount before tax, rounded as the bill's totals round it. */
export function lineAmount(item: BillItemRow): string {
  return billTotals([item], []).subtotal;
}
