import { billTotals } from '../../../../core/domain/bill-totals.js';
import type { BillItemRow } from '../../../../core/api/views.js';

/** One line's amount before tax, rounded as the bill's totals round it. */
export function lineAmount(item: BillItemRow): string {
  return billTotals(
    [{ quantity: item.quantity ?? '0', unit_price: item.unit_price ?? '0', tax_rate: item.tax_rate ?? '0' }],
    [],
  ).subtotal;
}
