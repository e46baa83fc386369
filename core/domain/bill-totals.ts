/**
 * Bill totals computed exactly (integer arithmetic on cents), with the same rounding as the
 * central `bill_totals` view: each line rounded to cents, then its tax rounded to cents,
 * halves away from zero.
 */

import type { BillStatus } from './enums.js';

/** Bills that wait for payment: their balance is owed, and staff can take a payment on them. */
export const OPEN_BILL_STATUSES = ['sent', 'overdue'] as const satisfies readonly BillStatus[];

/** Whether a bill of this status waits for payment. */
export function isOpenBill(status: BillStatus): boolean {
  return (OPEN_BILL_STATUSES as readonly BillStatus[]).includes(status);
}

export interface TotalsItem {
  quantity: string;
  unit_price: string;
  tax_rate: string;
  deleted_at?: string | null;
}

export interface BillTotals {
  subtotal: string;
  taxTotal: string;
  total: string;
  paid: string;
  balance: string;
}

/** A decimal string as an integer count of 10^-scale units (exact; extra digits rounded). */
function toUnits(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const padded = (fraction + '0'.repeat(scale + 1)).slice(0, scale + 1);
  let units = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(padded.slice(0, scale) || '0');
  if (Number(padded[scale]) >= 5) units += 1n;
  return sign === '-' ? -units : units;
}

/** Divides rounding halves away from zero. */
function divRound(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  const remainder = value % divisor;
  const abs = remainder < 0n ? -remainder : remainder;
  if (abs * 2n >= divisor) return quotient + (value < 0n ? -1n : 1n);
  return quotient;
}

function centsToText(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Cents of one line: round(quantity * unit_price, 2). */
export function lineCents(item: TotalsItem): bigint {
  return divRound(toUnits(item.quantity, 3) * toUnits(item.unit_price, 2), 1000n);
}

/** Totals of a bill from its items (removed ones ignored) and payments. */
export function billTotals(items: readonly TotalsItem[], payments: readonly { amount: string }[]): BillTotals {
  let subtotal = 0n;
  let tax = 0n;
  for (const item of items) {
    if (item.deleted_at) continue;
    const line = lineCents(item);
    subtotal += line;
    tax += divRound(line * toUnits(item.tax_rate, 4), 10_000n);
  }
  const paid = payments.reduce((sum, payment) => sum + toUnits(payment.amount, 2), 0n);
  const total = subtotal + tax;
  return {
    subtotal: centsToText(subtotal),
    taxTotal: centsToText(tax),
    total: centsToText(total),
    paid: centsToText(paid),
    balance: centsToText(total - paid),
  };
}

/** Adds money amounts (decimal strings) exactly, to cents: an owner's open balance over bills. */
export function sumMoney(amounts: readonly string[]): string {
  return centsToText(amounts.reduce((sum, amount) => sum + toUnits(amount, 2), 0n));
}
