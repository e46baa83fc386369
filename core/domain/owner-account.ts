/**
 * An owner's account: what they owe on issued bills, the credit the clinic holds for them, and
 * every payment, credit use and refund in the order they happened. The workstation computes it
 * from its replica with this module; the central database holds the same credit rule in
 * `vetdesk.owner_credit` and refuses any row that would take credit below zero. Exact cents.
 *
 * Credit = what each bill received beyond its total (all of it for a cancelled bill, nothing
 * for a draft, whose deposits wait for it to be issued) − credit used on bills − refunds, all
 * voided rows ignored.
 */

import { billTotals, centsToText, toUnits, type TotalsItem } from './bill-totals.js';
import type { BillStatus, PaymentKind, PaymentMethod } from './enums.js';

export interface AccountBill {
  id: string;
  bill_number: string | null;
  status: BillStatus;
  issued_at: string | null;
  due_date: string | null;
  created_at: string;
  items: readonly TotalsItem[];
}

export interface AccountPayment {
  id: string;
  kind: PaymentKind;
  bill_id: string | null;
  amount: string;
  method: PaymentMethod | null;
  tendered: string | null;
  paid_at: string;
  reference: string | null;
  notes: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

/** An issued bill that still waits for money, with what is left to pay. */
export interface UnpaidBill {
  bill: AccountBill;
  total: string;
  balance: string;
}

/** One line of the account's history: a payment, credit use or refund (voided ones kept). */
export interface AccountEntry {
  payment: AccountPayment;
  /** The bill it was made on, if any and known. */
  bill: AccountBill | null;
  /** Change handed back, for cash tendered beyond the amount ('0.00' otherwise). */
  change: string;
}

export interface OwnerAccount {
  /** What the owner still owes on issued, uncancelled bills (sum of their positive balances). */
  owed: string;
  /** Credit on account the clinic holds for the owner; never negative on the central database. */
  credit: string;
  /** owed − credit: positive when the owner owes, negative when the clinic owes them. */
  balance: string;
  /** Issued bills with money still due, oldest first. */
  unpaidBills: UnpaidBill[];
  /** Payments, credit uses and refunds, oldest first (voided ones included, marked). */
  entries: AccountEntry[];
}

const byTime =
  <T>(time: (value: T) => string) =>
  (a: T, b: T) =>
    time(a).localeCompare(time(b));

/** Money a bill received beyond its total, which stands as credit on account. */
function billExcessCents(bill: AccountBill, onBill: readonly AccountPayment[]): bigint {
  if (bill.status === 'draft') return 0n;
  const totals = billTotals(bill.status === 'cancelled' ? [] : bill.items, onBill);
  const excess = -toUnits(totals.balance, 2);
  return excess > 0n ? excess : 0n;
}

/**
 * The account of one owner from their bills (with items) and every `payments` row that is
 * theirs: rows on their bills and refunds made to them.
 */
export function ownerAccount(bills: readonly AccountBill[], payments: readonly AccountPayment[]): OwnerAccount {
  const billsById = new Map(bills.map((bill) => [bill.id, bill]));
  const paymentsByBill = new Map<string, AccountPayment[]>();
  for (const payment of payments) {
    if (payment.bill_id === null) continue;
    const list = paymentsByBill.get(payment.bill_id) ?? [];
    list.push(payment);
    paymentsByBill.set(payment.bill_id, list);
  }

  let owed = 0n;
  let credit = 0n;
  const unpaidBills: UnpaidBill[] = [];
  for (const bill of [...bills].sort(byTime((value) => value.issued_at ?? value.created_at))) {
    const onBill = paymentsByBill.get(bill.id) ?? [];
    credit += billExcessCents(bill, onBill);
    if (bill.status === 'draft' || bill.status === 'cancelled') continue;
    const totals = billTotals(bill.items, onBill);
    const due = toUnits(totals.balance, 2);
    if (due > 0n) {
      owed += due;
      unpaidBills.push({ bill, total: totals.total, balance: totals.balance });
    }
  }
  for (const payment of payments) {
    if (payment.voided_at || (payment.kind !== 'credit' && payment.kind !== 'refund')) continue;
    credit -= toUnits(payment.amount, 2);
  }

  const entries = [...payments].sort(byTime((value) => value.paid_at)).map((payment): AccountEntry => ({
    payment,
    bill: payment.bill_id === null ? null : (billsById.get(payment.bill_id) ?? null),
    change: payment.tendered === null ? '0.00' : centsToText(toUnits(payment.tendered, 2) - toUnits(payment.amount, 2)),
  }));
  return {
    owed: centsToText(owed),
    credit: centsToText(credit),
    balance: centsToText(owed - credit),
    unpaidBills,
    entries,
  };
}
