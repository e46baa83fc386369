import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { DevelopmentWorkstation as Workstation } from '../../../electron/backend/workstation.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

/** Everything the workstation queued has been answered and has come back through the shapes. */
const quiet = (w: Workstation) => () => {
  const counts = w.replica.counts();
  return counts.pending === 0 && counts.acknowledged === 0 && w.sync.status().initialSync.done;
};

describe.each(CENTRAL_BACKENDS)('payments made on a workstation without the server, on %s', (kind) => {
  let cluster: SyncCluster;
  beforeEach(async () => {
    cluster = await startCluster(kind);
  });
  afterEach(async () => {
    await cluster.close();
  });

  async function issuedBill(w: Workstation, ownerId: string, amount: string): Promise<string> {
    const id = newId();
    const item = { id: newId(), description: 'Surgery', quantity: '1', unit_price: amount, tax_rate: '0' };
    await w.backend.call('mutate', {
      name: 'bill.create',
      args: { id, owner_id: ownerId, patient_id: null, notes: null, items: [{ ...item, price_list_item_id: null }] },
    });
    await w.backend.call('mutate', { name: 'bill.issue', args: { id, due_date: null } });
    return id;
  }

  it('shows an offline payment, credit use and void at once, and matches the server after syncing', async () => {
    const a = await cluster.workstation();
    const owner = ownerArgs();
    await a.backend.call('mutate', { name: 'owner.create', args: owner });
    const first = await issuedBill(a, owner.id, '180.72');
    const second = await issuedBill(a, owner.id, '40.00');
    a.sync.start();
    await waitFor(
      'the bills to be numbered',
      () => a.replica.get('bills', second)?.['bill_number'] != null && quiet(a)(),
      [a],
    );
    await a.sync.stop();

    const overpaid = newId();
    const mistaken = newId();
    const pay = (id: string, billId: string, amount: string) =>
      a.backend.call('mutate', {
        name: 'payment.record',
        args: { id, bill_id: billId, amount, method: 'card', tendered: null, reference: null, notes: null },
      });
    await pay(overpaid, first, '200.00');
    await a.backend.call('mutate', {
      name: 'payment.useCredit',
      args: { id: newId(), bill_id: second, amount: '10.00' },
    });
    await pay(mistaken, second, '5.00');
    await a.backend.call('mutate', {
      name: 'payment.void',
      args: { id: mistaken, void_reason: 'Keyed twice', base: undefined },
    });

    const offline = await a.backend.call('owner.account', { id: owner.id });
    expect(offline).toMatchObject({ owed: '30.00', credit: '9.28', balance: '20.72' });
    expect(
      offline?.entries.map((entry) => [entry.payment.kind, entry.payment.amount, entry.payment.void_reason]),
    ).toEqual([
      ['payment', '200.00', null],
      ['credit', '10.00', null],
      ['payment', '5.00', 'Keyed twice'],
    ]);

    a.sync.start();
    await waitFor('the payments to sync', () => a.replica.counts().pending === 0 && quiet(a)(), [a]);
    const { rows } = await cluster.db.query<{ credit: string; owed: string; voided: number }>(
      `select vetdesk.owner_credit($1)::numeric(14, 2)::text as credit,
              (select sum(t.balance) from bill_totals t join bills b on b.id = t.bill_id
                where b.owner_id = $1 and b.status in ('sent', 'overdue'))::numeric(14, 2)::text as owed,
              (select count(*)::int from payments where voided_at is not null and void_reason = 'Keyed twice') as voided`,
      [owner.id],
    );
    expect(rows).toEqual([{ credit: '9.28', owed: '30.00', voided: 1 }]);
    const synced = await a.backend.call('owner.account', { id: owner.id });
    expect(synced).toMatchObject({ owed: rows[0]!.owed, credit: rows[0]!.credit, balance: '20.72' });
    expect(synced?.entries).toHaveLength(3);
    expect(a.replica.get('payments', overpaid)).toMatchObject({ owner_id: owner.id, kind: 'payment' });
    expect(a.replica.get('bills', first)).toMatchObject({ status: 'paid' });
    expect(a.replica.counts().rejected).toBe(0);
  });
});
