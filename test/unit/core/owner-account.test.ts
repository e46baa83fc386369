import { describe, expect, it } from 'vitest';
import type { BillStatus } from '../../../core/domain/enums.js';
import { ownerAccount, type AccountBill, type AccountPayment } from '../../../core/domain/owner-account.js';

let sequence = 0;
const at = () => `2026-01-01T10:${String(sequence++ % 60).padStart(2, '0')}:00.000Z`;

function bill(total: string, status: BillStatus = 'sent', issuedAt: string | null = at()): AccountBill {
  return {
    id: `bill-${sequence++}`,
    bill_number: status === 'draft' ? null : `BILL-${sequence}`,
    status,
    issued_at: status === 'draft' ? null : issuedAt,
    due_date: null,
    created_at: at(),
    items: [{ quantity: '1', unit_price: total, tax_rate: '0' }],
  };
}

function row(kind: AccountPayment['kind'], billId: string | null, amount: string, extra: Partial<AccountPayment> = {}) {
  return {
    id: `payment-${sequence++}`,
    kind,
    bill_id: billId,
    amount,
    method: kind === 'credit' ? null : 'card',
    tendered: null,
    paid_at: at(),
    reference: null,
    notes: kind === 'refund' ? 'Overpaid' : null,
    voided_at: null,
    void_reason: null,
    ...extra,
  } satisfies AccountPayment;
}

describe('owner account', () => {
  it('makes money beyond a bill total credit, and shows nothing owed on it', () => {
    const paid = bill('180.72', 'paid');
    const account = ownerAccount([paid], [row('payment', paid.id, '200.00')]);
    expect(account).toMatchObject({ owed: '0.00', credit: '19.28', balance: '-19.28', unpaidBills: [] });
  });

  it('gives change for cash tendered beyond the amount, and no credit', () => {
    const paid = bill('180.72', 'paid');
    const cash = row('payment', paid.id, '180.72', { method: 'cash', tendered: '200.00' });
    const account = ownerAccount([paid], [cash]);
    expect(account.credit).toBe('0.00');
    expect(account.entries.map((entry) => entry.change)).toEqual(['19.28']);
  });

  it('spends credit on another bill and on refunds, and ignores voided rows', () => {
    const first = bill('180.72', 'paid');
    const second = bill('40.00');
    const payments = [
      row('payment', first.id, '200.00'),
      row('credit', second.id, '10.00'),
      row('refund', null, '5.00'),
      row('refund', null, '4.28', { voided_at: at(), void_reason: 'Refunded twice' }),
    ];
    const account = ownerAccount([first, second], payments);
    expect(account).toMatchObject({ owed: '30.00', credit: '4.28', balance: '25.72' });
    expect(account.unpaidBills).toEqual([{ bill: second, total: '40.00', balance: '30.00' }]);
  });

  it('counts all money on a cancelled bill as credit and none on a draft', () => {
    const cancelled = bill('50.00', 'cancelled');
    const draft = bill('20.00', 'draft');
    const account = ownerAccount(
      [cancelled, draft],
      [row('payment', cancelled.id, '30.00'), row('payment', draft.id, '25.00')],
    );
    expect(account).toMatchObject({ owed: '0.00', credit: '30.00', balance: '-30.00', unpaidBills: [] });
  });

  it('lists unpaid bills oldest issued first and every entry oldest first, voided ones kept', () => {
    const later = bill('10.00', 'sent', '2026-03-01T00:00:00.000Z');
    const earlier = bill('20.00', 'overdue', '2026-02-01T00:00:00.000Z');
    const second = row('payment', later.id, '5.00', { paid_at: '2026-03-02T00:00:00.000Z' });
    const first = row('payment', earlier.id, '5.00', {
      paid_at: '2026-02-02T00:00:00.000Z',
      voided_at: '2026-02-03T00:00:00.000Z',
      void_reason: 'Wrong bill',
    });
    const account = ownerAccount([later, earlier], [second, first]);
    expect(account.unpaidBills.map((unpaid) => [unpaid.bill.id, unpaid.balance])).toEqual([
      [earlier.id, '20.00'],
      [later.id, '5.00'],
    ]);
    expect(account.entries.map((entry) => [entry.payment.id, entry.bill?.id])).toEqual([
      [first.id, earlier.id],
      [second.id, later.id],
    ]);
    expect(account.owed).toBe('25.00');
  });
});
