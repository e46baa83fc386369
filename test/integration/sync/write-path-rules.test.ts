import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertStaff } from '../../helpers/central-fixtures.js';
import {
  appointmentArgs,
  countRows,
  envelope,
  itemArgs,
  ownerArgs,
  patientArgs,
  pushOne,
  recordArgs,
  setupPractice,
  type SyncPractice,
  withStatus,
} from '../../helpers/sync-fixtures.js';

/** A draft bill of 40.00 (one item), returning its id. */
async function createBill(db: CentralDb, practice: SyncPractice, ownerId: string | null = null): Promise<string> {
  const id = newId();
  const result = await pushOne(
    db,
    practice.deviceId,
    envelope(
      'bill.create',
      { id, owner_id: ownerId, patient_id: null, notes: null, items: [itemArgs()] },
      practice.frontDesk,
    ),
  );
  expect(result.status).toBe('applied');
  return id;
}

const send = (practice: SyncPractice, id: string) =>
  envelope(
    'bill.issue',
    { id, due_date: null, base: { status: 'draft', issued_at: null, due_date: null } },
    practice.frontDesk,
  );

const pay = (practice: SyncPractice, billId: string, amount: string) =>
  envelope(
    'payment.record',
    { id: newId(), bill_id: billId, amount, method: 'card', reference: null, notes: null },
    practice.frontDesk,
  );

async function billState(db: CentralDb, id: string) {
  const { rows } = await db.query<{ status: string; paid_at: Date | null }>(
    `select status::text, paid_at from bills where id = $1`,
    [id],
  );
  return rows[0]!;
}

describe.each(CENTRAL_BACKENDS)('write path: clinic rules on %s', (kind) => {
  const db = useCentralDb(kind);

  it('rejects an edit of a final medical record with RECORD_FINAL', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.vet));
    const record = recordArgs(patient['id'], { plan: 'Rest' });
    await pushOne(db(), practice.deviceId, envelope('medicalRecord.create', record, practice.vet));
    await pushOne(
      db(),
      practice.deviceId,
      envelope('medicalRecord.finalize', { id: record['id'], base: {} }, practice.vet),
    );
    const edit = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'medicalRecord.update',
        { id: record['id'], changes: { plan: 'Run' }, base: { plan: 'Rest' } },
        practice.nurse,
      ),
    );
    expect(edit).toMatchObject({ status: 'rejected', txid: null, error: { code: 'RECORD_FINAL' } });
    expect(await countRows(db(), 'medical_records', `plan = 'Rest' and status = 'final'`)).toBe(1);
    expect(await countRows(db(), 'sync.conflicts')).toBe(0);
  });

  it('marks a sent bill paid once payments cover it, at the last payment', async () => {
    const practice = await setupPractice(db());
    const billId = await createBill(db(), practice);
    expect((await pushOne(db(), practice.deviceId, send(practice, billId))).status).toBe('applied');
    await pushOne(db(), practice.deviceId, pay(practice, billId, '15.00'));
    expect(await billState(db(), billId)).toEqual({ status: 'sent', paid_at: null });
    const last = pay(practice, billId, '25.00');
    const result = await pushOne(db(), practice.deviceId, last);
    expect(result).toMatchObject({ status: 'applied', tables: ['bills', 'payments'] });
    expect(await billState(db(), billId)).toEqual({ status: 'paid', paid_at: new Date(last.createdAt) });
  });

  it('issues a bill without a base as an unissued draft, with no false conflict', async () => {
    const practice = await setupPractice(db());
    const billId = await createBill(db(), practice);
    const result = await pushOne(
      db(),
      practice.deviceId,
      envelope('bill.issue', { id: billId, due_date: '2025-04-01', base: {} }, practice.frontDesk),
    );
    expect(result).toMatchObject({ status: 'applied', tables: ['bills'] });
    expect(await countRows(db(), 'sync.conflicts')).toBe(0);
  });

  it('keeps a draft covered by a deposit a draft until it is issued, then marks it paid', async () => {
    const practice = await setupPractice(db());
    const billId = await createBill(db(), practice);
    await pushOne(db(), practice.deviceId, pay(practice, billId, '40.00'));
    expect((await billState(db(), billId)).status).toBe('draft');
    await pushOne(db(), practice.deviceId, send(practice, billId));
    expect((await billState(db(), billId)).status).toBe('paid');
  });

  it('rejects changes to a paid bill with BILL_LOCKED', async () => {
    const practice = await setupPractice(db());
    const billId = await createBill(db(), practice);
    await pushOne(db(), practice.deviceId, send(practice, billId));
    await pushOne(db(), practice.deviceId, pay(practice, billId, '40.00'));
    const cancel = await pushOne(
      db(),
      practice.deviceId,
      envelope('bill.cancel', { id: billId, cancel_reason: 'oops', base: { status: 'sent' } }, practice.admin),
    );
    expect(cancel).toMatchObject({ status: 'rejected', error: { code: 'BILL_LOCKED' } });
    const extra = await pushOne(db(), practice.deviceId, pay(practice, billId, '5.00'));
    expect(extra).toMatchObject({ status: 'rejected', error: { code: 'BILL_LOCKED' } });
    expect((await billState(db(), billId)).status).toBe('paid');
  });

  it('keeps an owner registered twice with the same e-mail, flagged as a possible duplicate', async () => {
    const practice = await setupPractice(db());
    const first = envelope('owner.create', ownerArgs({ email: 'grace@example.org' }), practice.frontDesk);
    const second = ownerArgs({ first_name: 'Grace', email: 'Grace@Example.org' });
    const duplicate = envelope('owner.create', second, practice.nurse);
    await pushOne(db(), practice.deviceId, first);
    const result = await pushOne(db(), practice.deviceId, duplicate);

    expect(result).toMatchObject({ status: 'merged', tables: ['owners', 'conflicts'] });
    const firstId = (first.args as { id: string }).id;
    const { rows } = await db().query(`select duplicate_of from owners where id = $1`, [second['id']]);
    expect(rows).toEqual([{ duplicate_of: firstId }]);
    const { rows: conflicts } = await db().query(`select * from sync.conflicts`);
    expect(conflicts).toEqual([
      expect.objectContaining({
        kind: 'duplicate',
        table_name: 'owners',
        row_id: second['id'],
        field: 'duplicate_of',
        winner_value: firstId,
        winner_mutation_id: duplicate.id,
        loser_mutation_id: first.id,
      }),
    ]);
    const audit = await db().query<{ context: { conflicts: unknown[] } | null }>(
      `select context from audit.entity_changes where entity_id = $1`,
      [second['id']],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.context?.conflicts).toHaveLength(1);
  });

  it('keeps overlapping appointments of the same vet and flags each pair', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    const book = (overrides: Record<string, unknown>) => {
      const args = appointmentArgs(patient['id'], { vet_id: practice.vet, ...overrides });
      return { id: args['id'] as string, mutation: envelope('appointment.create', args, practice.frontDesk) };
    };
    const nine = book({ scheduled_at: '2025-03-10T09:00:00Z' });
    const nineFifteen = book({ scheduled_at: '2025-03-10T09:15:00Z' });
    const ten = book({ scheduled_at: '2025-03-10T10:00:00Z' });
    const secondVet = await insertStaff(db(), { role: 'vet', display_name: 'Dr. Otto Other' });
    const otherVet = book({ scheduled_at: '2025-03-10T09:00:00Z', vet_id: secondVet.id });

    expect((await pushOne(db(), practice.deviceId, nine.mutation)).status).toBe('applied');
    const overlapping = await pushOne(db(), practice.deviceId, nineFifteen.mutation);
    expect(overlapping).toMatchObject({ status: 'merged', conflicts: [{ kind: 'overlap', rowId: nineFifteen.id }] });
    expect((await pushOne(db(), practice.deviceId, ten.mutation)).status).toBe('applied');
    expect((await pushOne(db(), practice.deviceId, otherVet.mutation)).status).toBe('applied');

    const moved = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'appointment.reschedule',
        {
          id: ten.id,
          changes: { scheduled_at: '2025-03-10T09:20:00Z' },
          base: { scheduled_at: '2025-03-10T10:00:00Z' },
        },
        practice.frontDesk,
      ),
    );
    expect(moved.status).toBe('merged');
    expect(withStatus(moved, 'merged').conflicts.map((conflict) => conflict.kind)).toEqual(['overlap', 'overlap']);
    expect(await countRows(db(), 'appointments', 'deleted_at is null')).toBe(4);
    const { rows } = await db().query<{ row_id: string; other: string }>(
      `select row_id, loser_value ->> 'id' as other from sync.conflicts where kind = 'overlap' order by created_at, id`,
    );
    expect(rows).toEqual([
      { row_id: nineFifteen.id, other: nine.id },
      { row_id: ten.id, other: nine.id },
      { row_id: ten.id, other: nineFifteen.id },
    ]);

    // Moving away settles the flags of pairs that no longer overlap; cancelling settles the rest.
    const flags = async () =>
      (
        await db().query<{ row_id: string; other: string; status: string; resolution: string | null }>(
          `select row_id, loser_value ->> 'id' as other, status, resolution
             from sync.conflicts where kind = 'overlap' order by created_at, id`,
        )
      ).rows;
    const back = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'appointment.reschedule',
        {
          id: ten.id,
          changes: { scheduled_at: '2025-03-10T10:00:00Z' },
          base: { scheduled_at: '2025-03-10T09:20:00Z' },
        },
        practice.frontDesk,
      ),
    );
    expect(back).toMatchObject({ status: 'applied' });
    expect(await flags()).toEqual([
      { row_id: nineFifteen.id, other: nine.id, status: 'open', resolution: null },
      { row_id: ten.id, other: nine.id, status: 'resolved', resolution: 'dismissed' },
      { row_id: ten.id, other: nineFifteen.id, status: 'resolved', resolution: 'dismissed' },
    ]);
    const cancelled = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'appointment.cancel',
        { id: nine.id, cancel_reason: null, base: { status: 'scheduled' } },
        practice.frontDesk,
      ),
    );
    expect(cancelled).toMatchObject({ status: 'applied' });
    expect((await flags()).map((flag) => flag.status)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('erases an owner but keeps their patients, records and bills (owner.erase)', async () => {
    const practice = await setupPractice(db());
    const owner = ownerArgs({ email: 'leaving@example.org' });
    await pushOne(db(), practice.deviceId, envelope('owner.create', owner, practice.frontDesk));
    const ownerId = owner['id'];
    const patient = patientArgs({ owner_id: ownerId });
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    const record = recordArgs(patient['id']);
    await pushOne(db(), practice.deviceId, envelope('medicalRecord.create', record, practice.vet));
    const billId = await createBill(db(), practice, ownerId);
    await pushOne(db(), practice.deviceId, send(practice, billId));
    await pushOne(db(), practice.deviceId, pay(practice, billId, '40.00'));

    const byDesk = await pushOne(db(), practice.deviceId, envelope('owner.erase', { id: ownerId }, practice.frontDesk));
    expect(byDesk).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    const erase = await pushOne(db(), practice.deviceId, envelope('owner.erase', { id: ownerId }, practice.admin));
    // The payment keeps its row; its owner_id (migration 0020) goes the way of the bill's.
    expect(erase).toMatchObject({ status: 'applied', tables: ['owners', 'patients', 'bills', 'payments'] });
    expect(await countRows(db(), 'payments', 'bill_id = $1 and owner_id is null', [billId])).toBe(1);

    expect(await countRows(db(), 'owners')).toBe(0);
    const { rows: patients } = await db().query(`select owner_id from patients where id = $1`, [patient['id']]);
    expect(patients).toEqual([{ owner_id: null }]);
    expect(await countRows(db(), 'medical_records', 'patient_id = $1', [patient['id']])).toBe(1);
    const { rows: bills } = await db().query(`select owner_id, billed_name, status::text from bills where id = $1`, [
      billId,
    ]);
    expect(bills).toEqual([{ owner_id: null, billed_name: 'Ada Lovelace', status: 'paid' }]);
  });

  it('only soft-deletes a patient with history: patient.delete keeps the row and its records', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    await pushOne(db(), practice.deviceId, envelope('medicalRecord.create', recordArgs(patient['id']), practice.vet));
    const result = await pushOne(
      db(),
      practice.deviceId,
      envelope('patient.delete', { id: patient['id'], baseVersion: 1 }, practice.frontDesk),
    );
    expect(result.status).toBe('applied');
    expect(await countRows(db(), 'patients', 'deleted_at is not null')).toBe(1);
    expect(await countRows(db(), 'medical_records')).toBe(1);
  });
});
