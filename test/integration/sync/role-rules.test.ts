import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertPatient, insertRecord } from '../../helpers/central-fixtures.js';
import { appointmentArgs, envelope, pushOne, recordArgs, setupPractice } from '../../helpers/sync-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(CENTRAL_BACKENDS)('role rules and server time on %s', (kind) => {
  const db = useCentralDb(kind);

  it('refuses a nurse, the front desk or an unknown id as the vet of an appointment or a record', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    for (const notAVet of [practice.nurse, practice.frontDesk, newId()]) {
      const booking = await pushOne(
        db(),
        practice.deviceId,
        envelope('appointment.create', appointmentArgs(patient.id, { vet_id: notAVet }), practice.frontDesk),
      );
      expect(booking).toMatchObject({
        status: 'rejected',
        error: { code: 'CHECK_VIOLATION', details: { constraint: 'appointments_vet_is_a_vet', column: 'vet_id' } },
      });
      const record = await pushOne(
        db(),
        practice.deviceId,
        envelope('medicalRecord.create', recordArgs(patient.id, { vet_id: notAVet }), practice.nurse),
      );
      expect(record).toMatchObject({
        status: 'rejected',
        error: { code: 'CHECK_VIOLATION', details: { constraint: 'medical_records_vet_is_a_vet' } },
      });
    }
    const withVet = await pushOne(
      db(),
      practice.deviceId,
      envelope('appointment.create', appointmentArgs(patient.id, { vet_id: practice.vet }), practice.frontDesk),
    );
    expect(withVet.status).toBe('applied');
    await expectSqlState(
      db().query(`update appointments set vet_id = $1 where patient_id = $2`, [practice.nurse, patient.id]),
      '23514',
    );
  });

  it('lets only a vet sign a record off, whoever writes', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id);
    const finalise = (by: string | null) =>
      db().query(`update medical_records set status = 'final', finalized_by = $2 where id = $1`, [record.id, by]);
    await expectSqlState(finalise(practice.nurse), '23514');
    await expectSqlState(finalise(practice.admin), '23514');
    await expectSqlState(finalise(null), '23514');
    await finalise(practice.vet);
  });

  it('keeps a nurse’s addendum as her own note: no vet named, the signed-off record untouched', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    const signedOff = await insertRecord(db(), patient.id, {
      status: 'final',
      vet_id: practice.vet,
      finalized_by: practice.vet,
    });
    const addendumId = newId();
    const result = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'medicalRecord.addAddendum',
        {
          id: addendumId,
          addendum_of: signedOff.id,
          patient_id: patient.id,
          title: 'Nurse note',
          subjective: null,
          objective: 'Wound clean at dressing change',
          assessment: null,
          plan: null,
        },
        practice.nurse,
      ),
    );
    expect(result.status).toBe('applied');
    const { rows } = await db().query<{ id: string; status: string; vet_id: string | null; finalized_by: string }>(
      `select id, status, vet_id, finalized_by from medical_records where id in ($1, $2) order by id = $1 desc`,
      [addendumId, signedOff.id],
    );
    expect(rows).toEqual([
      { id: addendumId, status: 'final', vet_id: null, finalized_by: practice.nurse },
      { id: signedOff.id, status: 'final', vet_id: practice.vet, finalized_by: practice.vet },
    ]);
    // The front desk writes no clinical notes, even by hand.
    await expectSqlState(
      insertRecord(db(), patient.id, {
        addendum_of: signedOff.id,
        record_type: 'note',
        status: 'final',
        finalized_by: practice.frontDesk,
      }),
      '23514',
    );
  });

  it('stamps a change claimed in the future with the server’s time, keeping the claim in the ledger and audit', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id, { vet_id: practice.vet });
    const claimed = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const before = Date.now();
    const finalize = envelope('medicalRecord.finalize', { id: record.id, base: {} }, practice.vet, {
      createdAt: claimed,
    });
    expect((await pushOne(db(), practice.deviceId, finalize)).status).toBe('applied');
    const { rows } = await db().query<{ finalized_at: Date }>(
      `select finalized_at from medical_records where id = $1`,
      [record.id],
    );
    expect(rows[0]!.finalized_at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(rows[0]!.finalized_at.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    const ledger = await db().query<{ client_created_at: Date }>(
      `select client_created_at from sync.mutations where id = $1`,
      [finalize.id],
    );
    expect(ledger.rows[0]!.client_created_at.toISOString()).toBe(claimed);
    const audit = await db().query<{ context: { clock?: unknown } }>(
      `select context from audit.entity_changes where mutation_id = $1`,
      [finalize.id],
    );
    expect(audit.rows[0]!.context.clock).toEqual({
      claimedAt: claimed,
      usedAt: rows[0]!.finalized_at.toISOString(),
      adjusted: 'future',
    });
  });

  it('stamps a change claimed before the offline window with the window’s start', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id, { vet_id: practice.vet });
    const finalize = envelope('medicalRecord.finalize', { id: record.id, base: {} }, practice.vet, {
      createdAt: '2020-01-01T00:00:00.000Z',
    });
    const before = Date.now();
    expect((await pushOne(db(), practice.deviceId, finalize)).status).toBe('applied');
    const { rows } = await db().query<{ finalized_at: Date }>(
      `select finalized_at from medical_records where id = $1`,
      [record.id],
    );
    const windowStart = before - 14 * DAY_MS;
    expect(rows[0]!.finalized_at.getTime()).toBeGreaterThanOrEqual(windowStart - 60_000);
    expect(rows[0]!.finalized_at.getTime()).toBeLessThanOrEqual(Date.now() - 14 * DAY_MS + 1_000);
  });
});
