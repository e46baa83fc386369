import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../../db/central/connection.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertBill, insertOwner, insertRow } from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('bills on %s', (kind) => {
  const db = useCentralDb(kind);

  const issue = (executor: SqlExecutor, id: string) =>
    executor
      .query<{ bill_number: string | null; status: string }>(
        `update bills set status = 'sent', issued_at = now() where id = $1 returning bill_number, status::text`,
        [id],
      )
      .then(({ rows }) => rows[0]!);

  it('gives a draft no number, whatever number the writer sent', async () => {
    const first = await insertBill(db(), { bill_number: 'CLIENT-42' });
    const second = await insertBill(db());
    expect([first.bill_number, second.bill_number]).toEqual([null, null]);
  });

  it('numbers bills BILL-000001 onwards when they are issued, in the order they are issued', async () => {
    const [a, b, c] = [await insertBill(db()), await insertBill(db()), await insertBill(db())];
    expect((await issue(db(), c.id)).bill_number).toBe('BILL-000001');
    expect((await issue(db(), a.id)).bill_number).toBe('BILL-000002');
    const { rows } = await db().query(`select bill_number from bills where id = $1`, [b.id]);
    expect(rows).toEqual([{ bill_number: null }]);
    // Issuing again (an edit of an issued bill) takes no second number.
    await db().query(`update bills set status = 'overdue' where id = $1`, [c.id]);
    expect((await db().query(`select bill_number from bills where id = $1`, [c.id])).rows).toEqual([
      { bill_number: 'BILL-000001' },
    ]);
  });

  it('numbers a bill written already issued, and one a payment settles as it is issued', async () => {
    const issued = await insertBill(db(), { status: 'sent', issued_at: new Date().toISOString() });
    const deposit = await insertBill(db());
    await insertRow(db(), 'payments', { bill_id: deposit.id, amount: '5.00', method: 'cash' });
    // No items: the deposit covers the total, so issuing settles it to paid in the same update.
    expect(await issue(db(), deposit.id)).toEqual({ bill_number: 'BILL-000002', status: 'paid' });
    expect(issued.bill_number).toBe('BILL-000001');
  });

  it('leaves no gap when an issuing transaction rolls back', async () => {
    const [a, b] = [await insertBill(db()), await insertBill(db())];
    await issue(db(), a.id);
    await expect(
      db().transaction(async (tx) => {
        await issue(tx, b.id);
        throw new Error('cancelled at the desk');
      }),
    ).rejects.toThrow('cancelled at the desk');
    expect((await issue(db(), b.id)).bill_number).toBe('BILL-000002');
  });

  it('keeps counting past six digits instead of truncating', async () => {
    await db().query('update vetdesk.bill_number_counter set last_value = 999998');
    const [a, b] = [await insertBill(db()), await insertBill(db())];
    expect([(await issue(db(), a.id)).bill_number, (await issue(db(), b.id)).bill_number]).toEqual([
      'BILL-999999',
      'BILL-1000000',
    ]);
  });

  it('never lets a writer give, change or take away a number', async () => {
    const draft = await insertBill(db());
    await expectSqlState(db().query(`update bills set bill_number = 'BILL-000042' where id = $1`, [draft.id]), 'VD004');
    const issued = await insertBill(db());
    await issue(db(), issued.id);
    await expectSqlState(
      db().query(`update bills set bill_number = 'BILL-999999' where id = $1`, [issued.id]),
      'VD004',
    );
    await expectSqlState(db().query(`update bills set bill_number = null where id = $1`, [issued.id]), 'VD004');
  });

  it('keeps the number of an issued bill that is cancelled; a draft cancelled unissued has none', async () => {
    const issued = await insertBill(db());
    await issue(db(), issued.id);
    const draft = await insertBill(db());
    await db().query(`update bills set status = 'cancelled', cancelled_at = now() where id = any($1)`, [
      [issued.id, draft.id],
    ]);
    const { rows } = await db().query(`select id, bill_number, status::text from bills order by created_at, id`);
    expect(rows).toEqual([
      { id: issued.id, bill_number: 'BILL-000001', status: 'cancelled' },
      { id: draft.id, bill_number: null, status: 'cancelled' },
    ]);
  });

  it('holds every issued bill to having a number, whoever writes', async () => {
    const draft = await insertBill(db());
    // Without the numbering trigger (a writer that could get past it), the CHECK still refuses.
    await db().exec('alter table bills disable trigger t12_number');
    try {
      await expectSqlState(db().query(`update bills set status = 'sent' where id = $1`, [draft.id]), '23514');
    } finally {
      await db().exec('alter table bills enable trigger t12_number');
    }
  });

  it('discards an unnumbered draft with its lines and links, and never a numbered bill or one holding a payment', async () => {
    const patient = await insertRow<{ id: string }>(db(), 'patients', { name: 'Rex', species: 'dog' });
    const record = await insertRow<{ id: string }>(db(), 'medical_records', {
      patient_id: patient.id,
      record_type: 'exam',
    });
    const draft = await insertBill(db());
    await insertRow(db(), 'bill_items', { bill_id: draft.id, description: 'Consultation' });
    await insertRow(db(), 'bill_medical_records', { bill_id: draft.id, medical_record_id: record.id });
    await db().query(`delete from bills where id = $1`, [draft.id]);
    const { rows } = await db().query<{ n: number }>(
      `select (select count(*) from bills)::int + (select count(*) from bill_items)::int
              + (select count(*) from bill_medical_records)::int as n`,
    );
    expect(rows).toEqual([{ n: 0 }]);

    const issued = await insertBill(db());
    await issue(db(), issued.id);
    await expectSqlState(db().query(`delete from bills where id = $1`, [issued.id]), 'VD003');
    const withDeposit = await insertBill(db());
    await insertRow(db(), 'payments', { bill_id: withDeposit.id, amount: '5.00', method: 'cash' });
    await expectSqlState(db().query(`delete from bills where id = $1`, [withDeposit.id]), 'VD003');
    // An old draft numbered when it was opened (before numbers waited for issue) keeps its number.
    await db().exec('alter table bills disable trigger t12_number');
    const old = await insertBill(db());
    await db().query(`update bills set bill_number = 'BILL-000099' where id = $1`, [old.id]);
    await db().exec('alter table bills enable trigger t12_number');
    await expectSqlState(db().query(`delete from bills where id = $1`, [old.id]), 'VD003');
    expect((await issue(db(), old.id)).bill_number).toBe('BILL-000099');
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
