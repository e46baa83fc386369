import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { DevelopmentWorkstation as Workstation } from '../../../electron/backend/workstation.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs, patientArgs } from '../../helpers/sync-fixtures.js';

/** Everything each workstation queued has been answered and has come back through the shapes. */
function quiet(workstations: readonly Workstation[]) {
  return () =>
    workstations.every((w) => {
      const counts = w.replica.counts();
      return counts.pending === 0 && counts.acknowledged === 0 && w.sync.status().initialSync.done;
    });
}

describe.each(CENTRAL_BACKENDS)('workstations syncing through a central server on %s', (kind) => {
  let cluster: SyncCluster;
  beforeEach(async () => {
    cluster = await startCluster(kind);
  });
  afterEach(async () => {
    await cluster.close();
  });

  /** Creates an owner and patient on `a`, syncs both workstations, returns the patient id. */
  async function sharedPatient(a: Workstation, b: Workstation): Promise<string> {
    const ownerId = newId();
    const patientId = newId();
    await a.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: ownerId }) });
    await a.backend.call('mutate', { name: 'patient.create', args: patientArgs({ id: patientId, owner_id: ownerId }) });
    a.sync.start();
    b.sync.start();
    await waitFor(
      'the patient to reach both workstations',
      () => b.replica.getServerRow('patients', patientId) !== undefined && quiet([a, b])(),
      [a, b],
    );
    return patientId;
  }

  it('reports first-sync progress as rows received out of the rows the server announced', async () => {
    const a = await cluster.workstation();
    const { initialSync } = a.sync.status();
    // One clinic, four staff members and this workstation's own device row.
    expect(initialSync).toEqual({ done: true, rowsReceived: 6, rowsExpected: 6 });
  });

  it('keeps both offline edits of different fields of the same patient', async () => {
    const a = await cluster.workstation();
    const b = await cluster.workstation();
    const patientId = await sharedPatient(a, b);
    await a.sync.stop();
    await b.sync.stop();
    await a.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { weight_kg: '13.2' } } });
    await b.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { breed: 'Harrier' } } });
    a.sync.start();
    b.sync.start();
    await waitFor(
      'both edits on both workstations',
      () =>
        [a, b].every(
          (w) =>
            w.replica.getServerRow('patients', patientId)?.['breed'] === 'Harrier' &&
            w.replica.getServerRow('patients', patientId)?.['weight_kg'] === '13.200',
        ) && quiet([a, b])(),
      [a, b],
    );
    const { rows } = await cluster.db.query(`select count(*)::int as n from sync.conflicts`);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('lets the later of two offline edits of one field win, and records and audits the conflict', async () => {
    const a = await cluster.workstation();
    const b = await cluster.workstation();
    const patientId = await sharedPatient(a, b);
    await a.sync.stop();
    await b.sync.stop();
    const first = await a.backend.call('mutate', {
      name: 'patient.update',
      args: { id: patientId, changes: { name: 'Biscuit A' } },
    });
    const second = await b.backend.call('mutate', {
      name: 'patient.update',
      args: { id: patientId, changes: { name: 'Biscuit B' } },
    });
    a.sync.start();
    await waitFor('a to push', () => a.replica.counts().pending === 0, [a]);
    b.sync.start();
    await waitFor(
      'the later edit everywhere, with the conflict in the inbox',
      () =>
        [a, b].every(
          (w) => w.replica.get('patients', patientId)?.['name'] === 'Biscuit B' && w.sync.status().openConflicts === 1,
        ) && quiet([a, b])(),
      [a, b],
    );
    const { rows: conflicts } = await cluster.db.query(
      `select kind, field, winner_value, loser_value, winner_mutation_id, loser_mutation_id from sync.conflicts`,
    );
    expect(conflicts).toEqual([
      {
        kind: 'field',
        field: 'name',
        winner_value: 'Biscuit B',
        loser_value: 'Biscuit A',
        winner_mutation_id: second.id,
        loser_mutation_id: first.id,
      },
    ]);
    const { rows: audit } = await cluster.db.query<{ context: unknown }>(
      `select context from audit.entity_changes where mutation_id = $1 and table_name = 'patients'`,
      [second.id],
    );
    expect(JSON.stringify(audit[0]?.context)).toContain(first.id);
    const inbox = await a.backend.call('conflicts.list', {});
    expect(inbox).toEqual([expect.objectContaining({ field: 'name', status: 'open' })]);
  });

  it('keeps both owners registered offline with the same e-mail, the second flagged as a duplicate', async () => {
    const a = await cluster.workstation();
    const b = await cluster.workstation();
    const [firstId, secondId] = [newId(), newId()];
    await a.backend.call('mutate', {
      name: 'owner.create',
      args: ownerArgs({ id: firstId, email: 'same@example.org' }),
    });
    await b.backend.call('mutate', {
      name: 'owner.create',
      args: ownerArgs({ id: secondId, email: 'SAME@example.org' }),
    });
    a.sync.start();
    await waitFor('a to push', () => a.replica.counts().pending === 0, [a]);
    b.sync.start();
    await waitFor(
      'both owners everywhere',
      () =>
        [a, b].every((w) => w.replica.getServerRow('owners', secondId)?.['duplicate_of'] === firstId) &&
        quiet([a, b])(),
      [a, b],
    );
    expect(b.replica.rejected()).toEqual([]);
    const { rows } = await cluster.db.query(`select kind, row_id from sync.conflicts`);
    expect(rows).toEqual([{ kind: 'duplicate', row_id: secondId }]);
  });

  it('numbers bills issued offline on sync, in the order this workstation issued them, and never a draft', async () => {
    const a = await cluster.workstation();
    const billIds = [newId(), newId(), newId(), newId()];
    for (const id of billIds) {
      await a.backend.call('mutate', {
        name: 'bill.create',
        args: {
          id,
          owner_id: null,
          patient_id: null,
          notes: null,
          items: [
            {
              id: newId(),
              description: 'Consultation',
              quantity: '1',
              unit_price: '45.00',
              tax_rate: '0.2',
              price_list_item_id: null,
            },
          ],
        },
      });
    }
    // Issued in another order than opened; the last draft stays a draft.
    const issueOrder = [billIds[2]!, billIds[0]!, billIds[1]!];
    for (const id of issueOrder) {
      await a.backend.call('mutate', { name: 'bill.issue', args: { id, due_date: null } });
    }
    const numbers = () => billIds.map((id) => a.replica.get('bills', id)?.['bill_number'] ?? null);
    expect(numbers()).toEqual([null, null, null, null]);
    a.sync.start();
    await waitFor(
      'numbers to arrive',
      () => issueOrder.every((id) => a.replica.get('bills', id)?.['bill_number'] !== null) && quiet([a])(),
      [a],
    );
    expect(issueOrder.map((id) => a.replica.get('bills', id)?.['bill_number'])).toEqual([
      'BILL-000001',
      'BILL-000002',
      'BILL-000003',
    ]);
    expect(a.replica.get('bills', billIds[3]!)).toMatchObject({ bill_number: null, status: 'draft' });
    const detail = await a.backend.call('bill.detail', { id: billIds[0]! });
    expect(detail?.totals).toMatchObject({ subtotal: '45.00', taxTotal: '9.00', total: '54.00' });
  });

  it('applies bill.send from an outbox made before the rename, as bill.issue', async () => {
    const a = await cluster.workstation();
    const id = newId();
    await a.backend.call('mutate', {
      name: 'bill.create',
      args: { id, owner_id: null, patient_id: null, notes: null, items: [] },
    });
    await a.backend.call('mutate', { name: 'bill.send', args: { id, due_date: '2026-12-31' } });
    a.sync.start();
    await waitFor('the number to arrive', () => a.replica.get('bills', id)?.['bill_number'] != null && quiet([a])(), [
      a,
    ]);
    expect(a.replica.get('bills', id)).toMatchObject({ status: 'sent', due_date: '2026-12-31' });
  });

  it('discards an unnumbered draft everywhere, its lines with it', async () => {
    const a = await cluster.workstation();
    const id = newId();
    const itemId = newId();
    await a.backend.call('mutate', {
      name: 'bill.create',
      args: {
        id,
        owner_id: null,
        patient_id: null,
        notes: null,
        items: [
          {
            id: itemId,
            description: 'Nail clip',
            quantity: '1',
            unit_price: '8.00',
            tax_rate: '0.2',
            price_list_item_id: null,
          },
        ],
      },
    });
    a.sync.start();
    await waitFor('the draft to sync', () => a.replica.getServerRow('bills', id) !== undefined && quiet([a])(), [a]);
    await a.backend.call('mutate', { name: 'bill.discard', args: { id } });
    expect(await a.backend.call('bill.detail', { id })).toBeNull();
    await waitFor('the discard to settle', () => a.replica.getServerRow('bills', id) === undefined && quiet([a])(), [
      a,
    ]);
    const { rows } = await cluster.db.query(
      `select id from bill_items where id = $1 union all select id from bills where id = $2`,
      [itemId, id],
    );
    expect(rows).toEqual([]);
    expect(a.replica.rejected()).toEqual([]);
  });

  it('rolls back a deletion the retention rules refuse and shows it in the inbox', async () => {
    const a = await cluster.workstation({ staffId: cluster.staff.admin });
    const ownerId = newId();
    const patientId = newId();
    await a.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: ownerId }) });
    await a.backend.call('mutate', { name: 'patient.create', args: patientArgs({ id: patientId, owner_id: ownerId }) });
    a.sync.start();
    await waitFor(
      'the patient to sync',
      () => a.replica.getServerRow('patients', patientId) !== undefined && quiet([a])(),
      [a],
    );
    await cluster.db.query(`insert into medical_records (patient_id, record_type) values ($1, 'exam')`, [patientId]);
    await waitFor('the record to arrive', () => a.replica.read.patientChart(patientId)?.records.length === 1, [a]);

    await a.sync.stop();
    await a.backend.call('mutate', { name: 'patient.erase', args: { id: patientId } });
    expect(a.replica.get('patients', patientId)).toBeUndefined();
    a.sync.start();
    await waitFor('the rejection', () => a.replica.rejected().length === 1, [a]);
    expect(a.replica.get('patients', patientId)).toMatchObject({ name: 'Biscuit' });
    const inbox = await a.backend.call('rejections.list', {});
    expect(inbox).toEqual([
      expect.objectContaining({
        name: 'patient.erase',
        error: expect.objectContaining({ code: 'FOREIGN_KEY_VIOLATION' }),
      }),
    ]);
  });
});
