import { describe, expect, it } from 'vitest';
import { billTotals, taxByRate } from '../../../core/domain/bill-totals.js';

const line = (quantity: string, unit_price: string, tax_rate: string, deleted_at: string | null = null) => ({
  quantity,
  unit_price,
  tax_rate,
  deleted_at,
});

describe('tax by rate', () => {
  it('groups the live lines by rate, highest first, and adds up to the bill totals exactly', () => {
    const items = [
      line('1', '45.00', '0.23'),
      line('3', '3.33', '0.135'),
      line('1', '10.01', '0.23'),
      line('2', '4.99', '0'),
      line('1', '100.00', '0.23', '2026-01-01T00:00:00.000Z'),
    ];
    const breakdown = taxByRate(items);
    expect(breakdown).toEqual([
      // 45.00 -> 10.35, 10.01 -> 2.3023 -> 2.30
      { rate: '0.2300', net: '55.01', tax: '12.65' },
      // 9.99 * 0.135 = 1.34865 -> 1.35
      { rate: '0.1350', net: '9.99', tax: '1.35' },
      { rate: '0.0000', net: '9.98', tax: '0.00' },
    ]);
    const totals = billTotals(items, []);
    const cents = (text: string) => Math.round(Number(text) * 100);
    expect(breakdown.reduce((sum, rate) => sum + cents(rate.tax), 0)).toBe(cents(totals.taxTotal));
    expect(breakdown.reduce((sum, rate) => sum + cents(rate.net), 0)).toBe(cents(totals.subtotal));
  });

  it('treats rates written with different decimals as one rate and has nothing for no lines', () => {
    expect(taxByRate([line('1', '10.00', '0.2'), line('1', '10.00', '0.2000')])).toEqual([
      { rate: '0.2000', net: '20.00', tax: '4.00' },
    ]);
    expect(taxByRate([])).toEqual([]);
  });
});
