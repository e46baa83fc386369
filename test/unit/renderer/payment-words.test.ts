import { describe, expect, it } from 'vitest';
import {
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
