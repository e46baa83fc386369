import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { insertBill, insertRow } from '../../helpers/central-fixtures.js';

describe('payments on real PostgreSQL under concurrency', () => {
  let handle: DisposableCentralDb;
  beforeAll(async () => {
    handle = await freshCentralDb('postgres', { poolMax: 8 });
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('settles a bill that two concurrent partial payments cover together', async () => {
    const db = handle.db;
    const bill = await insertBill(db);
    await insertRow(db, 'bill_items', { bill_id: bill.id, description: 'Surgery', unit_price: '100.00' });
    await db.query(`update bills set status = 'sent' where id = $1`, [bill.id]);

    // The first transaction holds its payment uncommitted for a moment (a lock wait cannot be
    // awaited as an event) while the second arrives: without the bill lock both would see only
    // their own payment and the bill would stay 'sent' although paid in full.
    let release!: () => void;
    const firstInserted = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      await insertRow(tx, 'payments', { bill_id: bill.id, amount: '60.00', method: 'card' });
      release();
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    await firstInserted;
    const second = db.transaction((tx) =>
      insertRow(tx, 'payments', { bill_id: bill.id, amount: '40.00', method: 'cash' }),
    );
    await Promise.all([first, second]);

    const { rows } = await db.query(
      `select b.status, t.balance from bills b join bill_totals t on t.bill_id = b.id where b.id = $1`,
      [bill.id],
    );
    expect(rows).toEqual([{ status: 'paid', balance: '0.00' }]);
  });
});
