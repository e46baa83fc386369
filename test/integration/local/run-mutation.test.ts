import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { REPLICATED_TABLES, type ReplicatedTableName } from '../../../core/sync/tables.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appointmentArgs, itemArgs, ownerArgs, patientArgs, recordArgs } from '../../helpers/sync-fixtures.js';

const vet = { id: newId(), role: 'vet' } as const;
const frontDesk = { id: newId(), role: 'front_desk' } as const;
const STAMP = '2026-11-01 09:00:00.000+00';

describe('running a mutation on the replica (role, base, validation, enqueue in one place)', () => {
  const { replica } = useLocalReplica();

  const serverOwner = (id: string, version: number) => {
    replica().applyServerChanges(
      'owners',
      [
        {
          operation: 'insert',
          row: {
            ...ownerArgs({ id, phone: '06 12 34 56 78' }),
            duplicate_of: null,
            created_at: STAMP,
            updated_at: STAMP,
            version,
            deleted_at: null,
          },
        },
      ],
      [String(version)],
    );
  };

  it('refuses a role the mutation does not allow and queues nothing', () => {
    const patient = newId();
    expect(() => replica().runMutation('medicalRecord.create', recordArgs(patient), frontDesk)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { name: 'medicalRecord.create' } }),
    );
    expect(replica().counts().pending).toBe(0);
    expect(() => replica().runMutation('owner.fly', {}, vet)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('fills an edit’s base from the row shown, and keeps a base the caller gave', () => {
    const id = newId();
    serverOwner(id, 1);
    replica().runMutation('owner.update', { id, changes: { phone: '0700' } }, frontDesk);
    replica().runMutation('owner.update', { id, changes: { city: 'Bath' }, base: { city: 'Leeds' } }, frontDesk);
    expect(
      replica()
        .pendingBatch(10)
        .map((envelope) => envelope.args),
    ).toEqual([
      { id, changes: { phone: '0700' }, base: { phone: '06 12 34 56 78' } },
      { id, changes: { city: 'Bath' }, base: { city: 'Leeds' } },
    ]);
    expect(replica().get('owners', id)).toMatchObject({ phone: '0700', city: 'Bath' });
  });

  it('fills a soft delete’s baseVersion from the row shown', () => {
    const id = newId();
    serverOwner(id, 3);
    replica().runMutation('owner.delete', { id }, frontDesk);
    expect(replica().pendingBatch(10)[0]?.args).toEqual({ id, baseVersion: 3 });
    expect(replica().get('owners', id)?.['deleted_at']).not.toBeNull();
  });

  it('refuses invalid arguments after filling the base, with the schema issues', () => {
    const id = newId();
    serverOwner(id, 1);
    expect(() => replica().runMutation('owner.update', { id, changes: { first_name: '' } }, frontDesk)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(replica().counts().pending).toBe(0);
  });

  it('sets every required column on the rows a workstation inserts itself (the row types promise it)', () => {
    const owner = ownerArgs();
    const patient = patientArgs({ owner_id: owner['id'] });
    const patientId = patient['id'];
    const record = recordArgs(patientId);
    const billId = newId();
    replica().runMutation('owner.create', owner, vet);
    replica().runMutation('patient.create', patient, vet);
    replica().runMutation('appointment.create', appointmentArgs(patientId), vet);
    replica().runMutation('medicalRecord.create', record, vet);
    replica().runMutation(
      'medicalRecord.addAddendum',
      {
        id: newId(),
        addendum_of: record['id'],
        patient_id: patientId,
        title: null,
        subjective: 'Better',
        objective: null,
        assessment: null,
        plan: null,
      },
      vet,
    );
    replica().runMutation(
      'bill.create',
      { id: billId, owner_id: owner['id'], patient_id: patientId, notes: null, items: [itemArgs()] },
      vet,
    );
    replica().runMutation('bill.addItem', { ...itemArgs(), bill_id: billId }, vet);
    replica().runMutation('bill.linkRecord', { id: newId(), bill_id: billId, medical_record_id: record['id'] }, vet);
    replica().runMutation(
      'payment.record',
      { id: newId(), bill_id: billId, amount: '10.00', method: 'cash', reference: null, notes: null },
      vet,
    );

    const inserted: ReplicatedTableName[] = [
      'owners',
      'patients',
      'appointments',
      'medical_records',
      'bills',
      'bill_items',
      'bill_medical_records',
      'payments',
    ];
    for (const table of inserted) {
      const rows = replica().all(table);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) {
        const unset = REPLICATED_TABLES[table].required.filter((column) => row[column] === null);
        expect(unset, `${table} ${String(row['id'])}`).toEqual([]);
      }
    }
  });
});
