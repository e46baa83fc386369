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
export function toUnits(text: string, scale: number): bigint {
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

export function centsToText(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Cents of one line: round(quantity * unit_price, 2). */
export function lineCents(item: TotalsItem): bigint {
  return divRound(toUnits(item.quantity, 3) * toUnits(item.unit_price, 2), 1000n);
}

/** Tax of one line in cents: round(line cents * tax_rate, 2), as the central view rounds it. */
function lineTaxCents(item: TotalsItem, line: bigint): bigint {
  return divRound(line * toUnits(item.tax_rate, 4), 10_000n);
}

/** The tax of a bill at one rate: what an invoice must show for each rate it charges. */
export interface TaxAtRate {
  /** The rate as stored, normalised to four decimals ('0.2300'). */
  rate: string;
  /** The lines' amounts before tax at this rate. */
  net: string;
  /** The tax at this rate: the sum of each line's rounded tax, so the rates add up to the bill's tax. */
  tax: string;
}

/**
 * The tax broken down by rate, highest rate first, over the live items (removed ones ignored).
 * Each line's tax is rounded as `billTotals` rounds it, so the breakdown adds up exactly to
 * its `taxTotal` and the lines' nets to its `subtotal`.
 */
export function taxByRate(items: readonly TotalsItem[]): TaxAtRate[] {
  const byRate = new Map<bigint, { net: bigint; tax: bigint }>();
  for (const item of items) {
    if (item.deleted_at) continue;
    const line = lineCents(item);
    const rate = toUnits(item.tax_rate, 4);
    const entry = byRate.get(rate) ?? { net: 0n, tax: 0n };
    entry.net += line;
    entry.tax += lineTaxCents(item, line);
    byRate.set(rate, entry);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
    .map(([rate, { net, tax }]) => ({
      rate: `${rate / 10_000n}.${(rate % 10_000n).toString().padStart(4, '0')}`,
      net: centsToText(net),
      tax: centsToText(tax),
    }));
}

/** A payment as totals read it: voided ones no longer count. */
export interface TotalsPayment {
  amount: string;
  voided_at?: string | null;
}

/**
 * Totals of a bill from its items (removed ones ignored) and the payments and credit uses made
 * on it (voided ones ignored). A negative balance is money received beyond the total: credit
 * on the owner's account (core/domain/owner-account.ts).
 */
export function billTotals(items: readonly TotalsItem[], payments: readonly TotalsPayment[]): BillTotals {
  let subtotal = 0n;
  let tax = 0n;
  for (const item of items) {
    if (item.deleted_at) continue;
    const line = lineCents(item);
    subtotal += line;
    tax += lineTaxCents(item, line);
  }
  const paid = payments.reduce((sum, payment) => (payment.voided_at ? sum : sum + toUnits(payment.amount, 2)), 0n);
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
