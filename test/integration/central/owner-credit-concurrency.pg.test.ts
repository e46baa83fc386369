import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../../../db/central/pg-error.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { insertBill, insertOwner, insertRow } from '../../helpers/central-fixtures.js';

describe('credit on account on real PostgreSQL under concurrency', () => {
  let handle: DisposableCentralDb;
  beforeAll(async () => {
    handle = await freshCentralDb('postgres', { poolMax: 8 });
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('lets exactly one of two connections spend credit that covers only one', async () => {
    const db = handle.db;
    const owner = await insertOwner(db);
    // 30.00 of credit: a 30.00 payment on a draft that was then cancelled.
    const cancelled = await insertBill(db, { owner_id: owner.id });
    await insertRow(db, 'payments', { bill_id: cancelled.id, amount: '30.00', method: 'cash' });
    await db.query(`update bills set status = 'cancelled', cancel_reason = 'Raised twice' where id = $1`, [
      cancelled.id,
    ]);
    const bills = [await insertBill(db, { owner_id: owner.id }), await insertBill(db, { owner_id: owner.id })];
    for (const bill of bills) {
      await insertRow(db, 'bill_items', { bill_id: bill.id, description: 'Surgery', unit_price: '100.00' });
      await db.query(`update bills set status = 'sent' where id = $1`, [bill.id]);
    }

    // The first transaction holds its credit use uncommitted for a moment while the second, on
    // another bill (so no bill lock is shared), arrives: without the owner lock each would see
    // only its own use and both would commit, leaving -10.00 of credit.
    let release!: () => void;
    const firstInserted = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      await insertRow(tx, 'payments', { bill_id: bills[0]!.id, kind: 'credit', amount: '20.00' });
      release();
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    await firstInserted;
    const second = db.transaction((tx) =>
      insertRow(tx, 'payments', { bill_id: bills[1]!.id, kind: 'credit', amount: '20.00' }),
    );
    const outcomes = await Promise.allSettled([first, second]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(sqlState(refused?.reason)).toBe('VD021');
    const { rows } = await db.query<{ uses: number; credit: string }>(
      `select (select count(*)::int from payments where kind = 'credit') as uses,
              vetdesk.owner_credit($1)::numeric(14, 2)::text as credit`,
      [owner.id],
    );
    expect(rows).toEqual([{ uses: 1, credit: '10.00' }]);
  });
});
