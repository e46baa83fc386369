import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertBill, insertOwner, insertRow } from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('bills on %s', (kind) => {
  const db = useCentralDb(kind);

  it('assigns BILL-000001, BILL-000002 on insert, whatever number the writer sent', async () => {
    const first = await insertBill(db(), { bill_number: 'CLIENT-42' });
    const second = await insertBill(db(), { bill_number: 'BILL-000001' });
    expect([first.bill_number, second.bill_number]).toEqual(['BILL-000001', 'BILL-000002']);
  });

  it('leaves no gap when an inserting transaction rolls back', async () => {
    await insertBill(db());
    await expect(
      db().transaction(async (tx) => {
        await insertBill(tx);
        throw new Error('cancelled at the desk');
      }),
    ).rejects.toThrow('cancelled at the desk');
    const next = await insertBill(db());
    expect(next.bill_number).toBe('BILL-000002');
  });

  it('keeps counting past six digits instead of truncating', async () => {
    await db().query('update vetdesk.bill_number_counter set last_value = 999998');
    const a = await insertBill(db());
    const b = await insertBill(db());
    expect([a.bill_number, b.bill_number]).toEqual(['BILL-999999', 'BILL-1000000']);
  });

  it('never lets a bill number change', async () => {
    const bill = await insertBill(db());
    await expectSqlState(db().query(`update bills set bill_number = 'BILL-999999' where id = $1`, [bill.id]), 'VD004');
  });

  it('snapshots the billed name and address from the owner', async () => {
    const owner = await insertOwner(db(), { address: '1 Mill Lane', postcode: 'AB1 2CD', city: 'Oxford' });
    const bill = await insertBill(db(), { owner_id: owner.id });
    expect(bill).toMatchObject({ billed_name: 'Ada Lovelace', billed_address: '1 Mill Lane, AB1 2CD Oxford' });
  });

  it('rejects any change to a paid or cancelled bill', async () => {
    for (const status of ['paid', 'cancelled']) {
      const bill = await insertBill(db(), { status });
      await expectSqlState(db().query(`update bills set notes = 'edited' where id = $1`, [bill.id]), 'VD002');
      await expectSqlState(db().query(`update bills set status = 'draft' where id = $1`, [bill.id]), 'VD002');
    }
  });

  it('lets items change only while the bill is a draft', async () => {
    const bill = await insertBill(db());
    const item = await insertRow<{ id: string }>(db(), 'bill_items', { bill_id: bill.id, description: 'Consultation' });
    await db().query(`update bill_items set quantity = 2 where id = $1`, [item.id]);
    await db().query(`update bills set status = 'sent', issued_at = now() where id = $1`, [bill.id]);
    await expectSqlState(db().query(`update bill_items set quantity = 3 where id = $1`, [item.id]), 'VD005');
    await expectSqlState(insertRow(db(), 'bill_items', { bill_id: bill.id, description: 'Late extra' }), 'VD005');
    await expectSqlState(db().query(`delete from bill_items where id = $1`, [item.id]), 'VD005');
  });

  it('takes payments on issued bills, refuses them on paid or cancelled ones, and never edits them', async () => {
    const bill = await insertBill(db(), { status: 'sent' });
    const payment = await insertRow<{ id: string }>(db(), 'payments', {
      bill_id: bill.id,
      amount: '20.00',
      method: 'cash',
    });
    await expectSqlState(db().query(`update payments set amount = 1 where id = $1`, [payment.id]), 'VD006');
    await expectSqlState(db().query(`delete from payments where id = $1`, [payment.id]), 'VD006');
    const cancelled = await insertBill(db(), { status: 'cancelled' });
    await expectSqlState(
      insertRow(db(), 'payments', { bill_id: cancelled.id, amount: '1.00', method: 'card' }),
      'VD002',
    );
  });

  it('derives totals with tax rounded per line, net of payments', async () => {
    const bill = await insertBill(db());
    await insertRow(db(), 'bill_items', {
      bill_id: bill.id,
      description: 'Consultation',
      unit_price: '45.00',
      tax_rate: '0.2',
    });
    await insertRow(db(), 'bill_items', {
      bill_id: bill.id,
      description: 'Wormer',
      quantity: '3',
      unit_price: '3.33',
      tax_rate: '0.055',
    });
    const removed = await insertRow<{ id: string }>(db(), 'bill_items', {
      bill_id: bill.id,
      description: 'Mistake',
      unit_price: '100',
    });
    await db().query('update bill_items set deleted_at = now() where id = $1', [removed.id]);
    await db().query(`update bills set status = 'sent' where id = $1`, [bill.id]);
    await insertRow(db(), 'payments', { bill_id: bill.id, amount: '50.00', method: 'card' });
    const { rows } = await db().query(
      'select subtotal, tax_total, total, paid, balance from bill_totals where bill_id = $1',
      [bill.id],
    );
    // 45.00 + 9.99 = 54.99; tax 9.00 + round(9.99 * 0.055 = 0.549) 0.55 = 9.55
    expect(rows).toEqual([{ subtotal: '54.99', tax_total: '9.55', total: '64.54', paid: '50.00', balance: '14.54' }]);
  });
});
