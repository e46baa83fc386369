import { useLayoutEffect, useRef } from 'react';
import type { AccountBill, AccountEntry, OwnerAccount, UnpaidBill } from '../../../../core/domain/owner-account.js';
import { routeHref } from '../../routing/routes.js';
import { formatDate, formatDateTime, formatMoney } from '../../ui/format.js';
import { moneyCents, paymentKindText } from '../billing/payment-words.js';

/** A bill as staff name it: its number, or its provisional (or draft) reference. */
function billName(bill: AccountBill): string {
  if (bill.bill_number) return bill.bill_number;
  return `${bill.status === 'draft' ? 'Draft' : 'Provisional'} ref. ${bill.id.slice(-8)}`;
}

function BillLink({ bill }: { bill: AccountBill }) {
  return (
    <a className="mono" href={routeHref({ name: 'bill', id: bill.id })}>
      {billName(bill)}
    </a>
  );
}

/**
 * The account in one line: what the owner owes, or the credit the clinic holds for them, with
 * both parts under it.
 */
export function AccountBalance({ account, currency }: { account: OwnerAccount; currency: string | null }) {
  const balance = moneyCents(account.balance);
  const text =
    balance > 0n
      ? `Owes ${formatMoney(account.balance, currency)}`
      : balance < 0n
        ? `In credit ${formatMoney(account.balance.replace('-', ''), currency)}`
        : `Settled · ${formatMoney('0.00', currency)}`;
  return (
    <>
      <p
        className={`balance ${balance > 0n ? 'balance-due' : balance < 0n ? 'balance-credit' : ''}`}
        data-testid="account-balance"
      >
        {text}
      </p>
      <dl className="details account-parts">
        <dt>Owed on bills</dt>
        <dd data-testid="account-owed">{formatMoney(account.owed, currency)}</dd>
        <dt>Credit on account</dt>
        <dd data-testid="account-credit">{formatMoney(account.credit, currency)}</dd>
      </dl>
    </>
  );
}

function UnpaidBills({ bills, currency }: { bills: UnpaidBill[]; currency: string | null }) {
  if (bills.length === 0) return <p className="muted">No unpaid bills.</p>;
  return (
    <div className="account-scroll">
      <table className="table account-table" aria-label="Unpaid bills">
        <thead>
          <tr>
            <th>Bill</th>
            <th>Issued</th>
            <th>Due</th>
            <th className="num">Total</th>
            <th className="num">Balance</th>
          </tr>
        </thead>
        <tbody>
          {bills.map(({ bill, total, balance }) => (
            <tr key={bill.id} data-testid="unpaid-bill">
              <td>
                <BillLink bill={bill} />
              </td>
              <td>{formatDate(bill.issued_at)}</td>
              <td>{formatDate(bill.due_date)}</td>
              <td className="num">{formatMoney(total, currency)}</td>
              <td className="num balance-due">{formatMoney(balance, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryRow({ entry, currency }: { entry: AccountEntry; currency: string | null }) {
  const { payment, bill, change } = entry;
  const voided = payment.voided_at !== null;
  const refund = payment.kind === 'refund';
  return (
    <tr className={voided ? 'payment-voided' : ''} data-testid="account-entry">
      <td>
        <span className="struck">{formatDateTime(payment.paid_at)}</span>
      </td>
      <td className="payment-what">
        <span className="struck">{paymentKindText(payment)}</span>
        {payment.reference ? <span className="muted"> · {payment.reference}</span> : null}
        {refund && payment.notes ? <div className="muted payment-by">Reason: {payment.notes}</div> : null}
        {voided ? (
          <div className="void-note">
            Voided {formatDateTime(payment.voided_at)}: {payment.void_reason ?? '—'}
          </div>
        ) : null}
      </td>
      <td>{bill ? <BillLink bill={bill} /> : <span className="muted">—</span>}</td>
      <td className="num">
        <span className="struck">
          {refund ? `−${formatMoney(payment.amount, currency)}` : formatMoney(payment.amount, currency)}
        </span>
      </td>
      <td className="num">
        {moneyCents(change) > 0n ? (
          <span className="struck">{formatMoney(change, currency)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

/** Payments, credit uses and refunds, oldest first, scrolled to the latest. */
function AccountHistory({ entries, currency }: { entries: AccountEntry[]; currency: string | null }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Oldest first reads like a statement; the latest rows are the ones asked about, so the list
  // opens scrolled to its end.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [entries.length]);
  if (entries.length === 0) return <p className="muted">No payments yet.</p>;
  return (
    <div className="account-scroll" ref={scrollRef}>
      <table className="table account-table" aria-label="Payments, credit and refunds">
        <thead>
          <tr>
            <th>Date</th>
            <th>Payment</th>
            <th>Bill</th>
            <th className="num">Amount</th>
            <th className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.payment.id} entry={entry} currency={currency} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The owner's account below their details: bills still waiting for money, then every payment,
 * credit use and refund oldest first, voided ones struck through with the reason.
 */
export function AccountSection({ account, currency }: { account: OwnerAccount; currency: string | null }) {
  return (
    <section className="card stack-sm" aria-labelledby="owner-account">
      <h2 id="owner-account" className="card-title">
        Account
      </h2>
      <div className="account-grid">
        <div className="stack-sm">
          <h3 className="account-subtitle">
            Unpaid bills <span className="badge">{account.unpaidBills.length}</span>
          </h3>
          <UnpaidBills bills={account.unpaidBills} currency={currency} />
        </div>
        <div className="stack-sm">
          <h3 className="account-subtitle">
            Payments, credit and refunds <span className="badge">{account.entries.length}</span>
          </h3>
          <AccountHistory entries={account.entries} currency={currency} />
        </div>
      </div>
    </section>
  );
}
