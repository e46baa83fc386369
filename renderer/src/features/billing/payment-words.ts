import type { PaymentRow } from '../../../../core/api/views.js';
import { centsToText, toUnits } from '../../../../core/domain/bill-totals.js';
import { ownerAccount, type AccountBill, type OwnerAccount } from '../../../../core/domain/owner-account.js';
import { ErrorCode } from '../../../../core/errors.js';
import type { KnownProblem } from '../../api/form-problem.js';
import { humanize } from '../../ui/format.js';

/** Money amounts (exact decimal strings) compared and subtracted to the cent. */
export function moneyCents(amount: string): bigint {
  return toUnits(amount, 2);
}

/** `a − b` to the cent, as a decimal string. */
export function moneyMinus(a: string, b: string): string {
  return centsToText(moneyCents(a) - moneyCents(b));
}

/** The smaller of two amounts. */
export function moneyMin(a: string, b: string): string {
  return moneyCents(a) <= moneyCents(b) ? centsToText(moneyCents(a)) : centsToText(moneyCents(b));
}

/** Whether a typed amount is a decimal the schema will take (the schema says why not). */
export function isMoneyText(text: string): boolean {
  return /^\d+(\.\d{1,2})?$/.test(text.trim());
}

/** What a payments row is, in staff's words: "Card", "Paid from credit", "Refund · Cash". */
export function paymentKindText(payment: Pick<PaymentRow, 'kind' | 'method'>): string {
  if (payment.kind === 'credit') return 'Paid from credit';
  if (payment.kind === 'refund') return `Refund · ${humanize(payment.method)}`;
  return humanize(payment.method);
}

/**
 * How payment forms explain a refusal about credit on account: the credit the form counted on
 * is no longer there (used on another bill or refunded meanwhile, perhaps at another desk).
 */
export const CREDIT_PROBLEMS: Partial<Record<ErrorCode, KnownProblem<never>>> = {
  [ErrorCode.InsufficientCredit]: {
    message:
      'That credit was already used (on another bill or refunded), so there is not enough left on the account. Nothing was saved.',
  },
};

/** Voiding refused for credit: the money it brought in was credit that has since been spent. */
export const VOID_PROBLEMS: Partial<Record<ErrorCode, KnownProblem<never>>> = {
  [ErrorCode.InsufficientCredit]: {
    message:
      'That credit was already used: part of this payment became credit that paid another bill or was refunded. Void that use or refund first. Nothing was saved.',
  },
};

/**
 * The owner's credit on account (cents) if the row `paymentId` were voided, by core's own rule
 * (ownerAccount) over the account's rows: bills without payments add no credit, so the bills
 * the entries name are all it needs. Below zero, the central database would refuse the void
 * (INSUFFICIENT_CREDIT): the credit the payment left has been used or refunded since.
 */
export function creditAfterVoid(account: OwnerAccount, paymentId: string): bigint {
  const bills = new Map<string, AccountBill>();
  for (const entry of account.entries) if (entry.bill) bills.set(entry.bill.id, entry.bill);
  const payments = account.entries.map(({ payment }) =>
    payment.id === paymentId ? { ...payment, voided_at: payment.voided_at ?? payment.paid_at } : payment,
  );
  return moneyCents(ownerAccount([...bills.values()], payments).credit);
}
