import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { ReplicatedTableName } from '../../../core/sync/tables.js';
import { WorkstationBackend } from '../../../electron/backend/backend.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { DevelopmentIdentity } from '../../../electron/backend/identity/development-identity.js';

const meta = (createdAt: string) => ({ created_at: createdAt, updated_at: createdAt, version: 1 });

describe("a bill's lines on a real replica", () => {
  const { replica } = useLocalReplica();
  let txid = 0;
  const serverInsert = (table: ReplicatedTableName, row: Record<string, unknown>) => {
    txid += 1;
    replica().applyServerChanges(table, [{ operation: 'insert', row }], [String(txid)]);
  };
  const line = (id: string, billId: string, description: string) => ({
    id,
    bill_id: billId,
    price_list_item_id: null,
    description,
    quantity: '1',
    unit_price: '10.00',
    tax_rate: '0',
  });

  it('keep their order while lines added here sync: synced lines first, then new ones as added', async () => {
    const staffId = newId();
    const billId = newId();
    serverInsert('staff', {
      id: staffId,
      clinic_id: null,
      role: 'front_desk',
      display_name: 'Fran Desk',
      username: 'fran',
      email: null,
      deleted_at: null,
      ...meta('2026-11-01 08:00:00.000+00'),
    });
    serverInsert('bills', {
      id: billId,
      bill_number: null,
      owner_id: null,
      billed_name: null,
      billed_address: null,
      patient_id: null,
      status: 'draft',
      currency: 'EUR',
      issued_at: null,
      due_date: null,
      paid_at: null,
      cancelled_at: null,
      cancel_reason: null,
      notes: null,
      ...meta('2026-11-01 09:00:00.000+00'),
    });
    const synced = newId();
    serverInsert('bill_items', {
      ...line(synced, billId, 'Consultation'),
      deleted_at: null,
      ...meta('2026-11-01 09:01:00.000+00'),
    });

    const backend = new WorkstationBackend(
      replica(),
      null,
      new DevelopmentIdentity(replica(), newId(), staffId, 'http://127.0.0.1:9'),
    );
    // Added here, not yet on the server: no created_at yet. Time-ordered ids, as the UI makes them.
    const now = Date.now();
    const [vaccine, wormer] = [newId(now), newId(now + 1)];
    await backend.call('mutate', { name: 'bill.addItem', args: line(vaccine, billId, 'Vaccine') });
    await backend.call('mutate', { name: 'bill.addItem', args: line(wormer, billId, 'Wormer') });
    const order = async () =>
      (await backend.call('bill.detail', { id: billId }))?.items.map((item) => item.description);
    await expect(order()).resolves.toEqual(['Consultation', 'Vaccine', 'Wormer']);

    // The vaccine's server copy arrives (with the server's created_at) while the wormer is still
    // on its way: nothing moves under the cursor of someone editing a quantity.
    serverInsert('bill_items', {
      ...line(vaccine, billId, 'Vaccine'),
      deleted_at: null,
      ...meta('2026-11-01 10:00:00.000+00'),
    });
    await expect(order()).resolves.toEqual(['Consultation', 'Vaccine', 'Wormer']);
    serverInsert('bill_items', {
      ...line(wormer, billId, 'Wormer'),
      deleted_at: null,
      ...meta('2026-11-01 10:00:01.000+00'),
    });
    await expect(order()).resolves.toEqual(['Consultation', 'Vaccine', 'Wormer']);
  });
});
