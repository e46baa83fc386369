import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { ReplicatedTableName } from '../../../core/sync/tables.js';
import { WorkstationBackend } from '../../../electron/backend/backend.js';
import { appointmentsBetweenSql } from '../../../db/local/queries/appointments.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { ownerArgs, patientArgs } from '../../helpers/sync-fixtures.js';
import { DevelopmentIdentity } from '../../../electron/backend/identity/development-identity.js';

const ZONE = 'Europe/Paris';
const STAMP = '2026-11-01 09:00:00.000+00';
const meta = { created_at: STAMP, updated_at: STAMP, version: 1, deleted_at: null };

const clinicId = newId();
const vetA = newId();
const vetB = newId();
const ownerId = newId();
const patientId = newId();

describe('appointments over a range of days, on a real replica', () => {
  const { replica, inspect } = useLocalReplica();
  let txid = 0;

  const serverInsert = (table: ReplicatedTableName, row: Record<string, unknown>) => {
    txid += 1;
    replica().applyServerChanges(table, [{ operation: 'insert', row: { ...row, ...meta } }], [String(txid)]);
  };

  /** One appointment as the server holds it; `at` is an ISO instant. */
  const appointment = (at: string, extra: Record<string, unknown> = {}): string => {
    const id = newId();
    serverInsert('appointments', {
      id,
      patient_id: patientId,
      vet_id: vetA,
      scheduled_at: at,
      duration_minutes: 30,
      status: 'scheduled',
      reason: null,
      notes: null,
      checked_in_at: null,
      started_at: null,
      completed_at: null,
      cancel_reason: null,
      ...extra,
    });
    return id;
  };

  const seedPeople = () => {
    serverInsert('clinics', {
      id: clinicId,
      name: 'Clinique du Marais',
      address: null,
      phone: null,
      email: null,
      timezone: ZONE,
      currency: 'EUR',
    });
    for (const [id, name] of [
      [vetA, 'Dr Ada'],
      [vetB, 'Dr Bo'],
    ] as const) {
      serverInsert('staff', {
        id,
        clinic_id: clinicId,
        role: 'vet',
        display_name: name,
        username: name.toLowerCase().replace(' ', ''),
        email: null,
      });
    }
    serverInsert('owners', {
      ...ownerArgs({ id: ownerId, first_name: 'Grace', last_name: 'Hopper' }),
      duplicate_of: null,
    });
    serverInsert('patients', patientArgs({ id: patientId, owner_id: ownerId, gender: 'female', neutered: true }));
  };

  it('returns every day of the range in time order, cut at local midnight of the clinic', () => {
    seedPeople();
    // Sunday 22 Nov 23:30 in Paris is 22:30Z: before the week of Monday 23 Nov.
    const sundayNight = appointment('2026-11-22T22:30:00.000Z');
    // Monday 23 Nov 00:30 in Paris is 23:30Z on the 22nd: inside it.
    const mondayEarly = appointment('2026-11-22T23:30:00.000Z');
    const wednesday = appointment('2026-11-25T09:00:00.000Z', { vet_id: vetB });
    const tuesday = appointment('2026-11-24T14:00:00.000Z');
    const sunday = appointment('2026-11-29T17:00:00.000Z');
    const nextMonday = appointment('2026-11-29T23:10:00.000Z');

    const week = replica().read.rangeAppointments('2026-11-23', '2026-11-29', ZONE);

    expect(week.map((row) => row.id)).toEqual([mondayEarly, tuesday, wednesday, sunday]);
    expect(week.map((row) => row.id)).not.toContain(sundayNight);
    expect(week.map((row) => row.id)).not.toContain(nextMonday);
    expect(week[0]).toMatchObject({
      patient_name: 'Biscuit',
      species: 'dog',
      owner_name: 'Grace Hopper',
      vet_name: 'Dr Ada',
      pending: false,
      overlaps: [],
    });
  });

  it('keeps only one vet when asked, and answers a one-day range like the day query', () => {
    seedPeople();
    appointment('2026-11-24T09:00:00.000Z');
    const other = appointment('2026-11-24T10:00:00.000Z', { vet_id: vetB });
    appointment('2026-11-26T10:00:00.000Z');

    expect(
      replica()
        .read.rangeAppointments('2026-11-23', '2026-11-29', ZONE, vetB)
        .map((row) => row.id),
    ).toEqual([other]);
    expect(replica().read.rangeAppointments('2026-11-24', '2026-11-24', ZONE)).toEqual(
      replica().read.dayAppointments('2026-11-24', ZONE),
    );
  });

  it("flags overlaps between one vet's live bookings only, across the whole range", () => {
    seedPeople();
    const first = appointment('2026-11-24T09:00:00.000Z', { duration_minutes: 60 });
    const inside = appointment('2026-11-24T09:15:00.000Z', { duration_minutes: 15 });
    const lateInside = appointment('2026-11-24T09:45:00.000Z', { duration_minutes: 30 });
    // Starts when `first` ends: touching is not overlapping; it does overlap `lateInside`.
    const touching = appointment('2026-11-24T10:00:00.000Z');
    const otherVet = appointment('2026-11-24T09:00:00.000Z', { vet_id: vetB });
    const cancelled = appointment('2026-11-24T09:00:00.000Z', { status: 'cancelled' });
    const nextDay = appointment('2026-11-25T09:00:00.000Z');

    const byId = new Map(
      replica()
        .read.rangeAppointments('2026-11-23', '2026-11-29', ZONE)
        .map((row) => [row.id, row.overlaps]),
    );

    expect(byId.get(first)).toEqual([inside, lateInside]);
    expect(byId.get(inside)).toEqual([first]);
    expect(byId.get(lateInside)).toEqual([first, touching]);
    expect(byId.get(touching)).toEqual([lateInside]);
    expect(byId.get(otherVet)).toEqual([]);
    expect(byId.get(cancelled)).toEqual([]);
    expect(byId.get(nextDay)).toEqual([]);
  });

  it('shows a pending local reschedule at its new day, marked pending', () => {
    seedPeople();
    const moved = appointment('2026-11-24T09:00:00.000Z');
    replica().runMutation(
      'appointment.reschedule',
      {
        id: moved,
        changes: { scheduled_at: '2026-11-27T09:00:00.000Z', vet_id: vetB },
        base: { scheduled_at: '2026-11-24T09:00:00.000Z', vet_id: vetA },
      },
      { id: vetA, role: 'vet' },
    );

    expect(replica().read.dayAppointments('2026-11-24', ZONE)).toEqual([]);
    expect(replica().read.rangeAppointments('2026-11-23', '2026-11-29', ZONE)).toEqual([
      expect.objectContaining({ id: moved, vet_id: vetB, vet_name: 'Dr Bo', pending: true }),
    ]);
  });

  it('reads names through primary keys, never by copying a whole view (the plan SQLite picks)', () => {
    seedPeople();
    appointment('2026-11-24T09:00:00.000Z');
    // Ask SQLite how it runs the statement the range query runs. A LEFT JOIN on the `patients`
    // or `owners` view (a UNION ALL) is answered by materialising the view: every patient or
    // owner of the practice, for each calendar read.
    expect(replica().read.rangeAppointments('2026-11-23', '2026-11-29', ZONE)).toHaveLength(1);
    const plan = inspect(
      (db) =>
        db
          .prepare(`explain query plan ${appointmentsBetweenSql(false)}`)
          .all('2026-11-22T23:00:00.000Z', '2026-11-29T23:00:00.000Z') as { detail: string }[],
    );
    const details = plan.map((step) => step.detail);
    expect(details.filter((detail) => /MATERIALIZE|AUTOMATIC|^SCAN/.test(detail))).toEqual([]);
    expect(details.some((detail) => /scheduled_at_idx/.test(detail))).toBe(true);
  });

  it('refuses a reversed range and one longer than 31 days', () => {
    expect(() => replica().read.rangeAppointments('2026-11-29', '2026-11-23', ZONE)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => replica().read.rangeAppointments('2026-11-01', '2026-12-02', ZONE)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(replica().read.rangeAppointments('2026-11-01', '2026-12-01', ZONE)).toEqual([]);
  });

  it('is served by the backend as appointments.range, in the clinic zone by default, input validated', async () => {
    seedPeople();
    const mondayEarly = appointment('2026-11-22T23:30:00.000Z');
    const backend = new WorkstationBackend(
      replica(),
      null,
      new DevelopmentIdentity(replica(), newId(), vetA, 'http://127.0.0.1:9'),
    );

    await expect(backend.call('appointments.range', { from: '2026-11-23', to: '2026-11-29' })).resolves.toEqual([
      expect.objectContaining({ id: mondayEarly }),
    ]);
    await expect(
      backend.call('appointments.range', { from: '2026-11-23', to: '2026-11-29', timeZone: 'UTC' }),
    ).resolves.toEqual([]);
    await expect(backend.call('appointments.range', { from: '2026-11-01', to: '2026-12-05' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(backend.call('appointments.range', { from: '2026-11-29', to: '2026-11-23' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
