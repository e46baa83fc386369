import { describe, expect, it } from 'vitest';
import { ownerAccount, type AccountBill, type AccountPayment } from '../../../core/domain/owner-account.js';
import {
  creditAfterVoid,
  isMoneyText,
  moneyCents,
  moneyMin,
  moneyMinus,
  paymentKindText,
} from '../../../renderer/src/features/billing/payment-words.js';

describe('payment words', () => {
  it('names a payments row the way the desk says it', () => {
    expect(paymentKindText({ kind: 'payment', method: 'bank_transfer' })).toBe('Bank transfer');
    expect(paymentKindText({ kind: 'credit', method: null })).toBe('Paid from credit');
    expect(paymentKindText({ kind: 'refund', method: 'cash' })).toBe('Refund · Cash');
  });

  it('does money to the cent, whatever the typed form of an amount', () => {
    expect(moneyMinus('200', '180.72')).toBe('19.28');
    expect(moneyMinus('180.72', '200.00')).toBe('-19.28');
    expect(moneyMin('19.28', '12.5')).toBe('12.50');
    expect(moneyMin('6.78', '180.72')).toBe('6.78');
    expect(moneyCents('0.1') + moneyCents('0.2')).toBe(moneyCents('0.30'));
  });

  it('tells a typed amount the shared schema will read from one it will refuse', () => {
    expect(isMoneyText(' 12.5 ')).toBe(true);
    expect(isMoneyText('12.505')).toBe(false);
    expect(isMoneyText('twelve')).toBe(false);
    expect(isMoneyText('')).toBe(false);
  });
});

describe('creditAfterVoid', () => {
  const bill = (id: string, price: string): AccountBill => ({
    id,
    bill_number: null,
    status: 'sent',
    issued_at: '2026-12-01T10:00:00Z',
    due_date: null,
    created_at: '2026-12-01T09:00:00Z',
    items: [{ quantity: '1', unit_price: price, tax_rate: '0' }],
  });
  const row = (id: string, kind: AccountPayment['kind'], billId: string | null, amount: string): AccountPayment => ({
    id,
    kind,
    bill_id: billId,
    amount,
    method: kind === 'credit' ? null : 'card',
    tendered: null,
    paid_at: `2026-12-01T1${id}:00:00Z`,
    reference: null,
    notes: kind === 'refund' ? 'asked' : null,
    voided_at: null,
    void_reason: null,
  });
  // 200.00 on 180.72 leaves 19.28 of credit; 12.50 of it pays the second bill.
  const account = ownerAccount(
    [bill('b1', '180.72'), bill('b2', '12.50')],
    [row('1', 'payment', 'b1', '200.00'), row('2', 'credit', 'b2', '12.50')],
  );

  it('is what the credit would be with the row voided, by the core rule', () => {
    expect(account.credit).toBe('6.78');
    // Voiding the credit use gives the 12.50 back.
    expect(creditAfterVoid(account, '2')).toBe(1928n);
  });

  it('goes below zero when the credit a payment left has been spent since', () => {
    expect(creditAfterVoid(account, '1')).toBe(-1250n);
  });
});
