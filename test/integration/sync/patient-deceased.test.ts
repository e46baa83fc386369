import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertPatient, insertRow } from '../../helpers/central-fixtures.js';
import {
  appointmentArgs,
  countRows,
  envelope,
  patientArgs,
  pushOne,
  setupPractice,
} from '../../helpers/sync-fixtures.js';

const DAY = 86_400_000;
const dayOffset = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe.each(CENTRAL_BACKENDS)('deceased patients on %s', (kind) => {
  const db = useCentralDb(kind);

  async function livePatient(birth_date: string | null = '2015-04-01') {
    const practice = await setupPractice(db());
    const patient = patientArgs({ birth_date });
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    return { practice, id: patient['id'] };
  }

  /** What the writer saw of a living patient: the base of a status change. */
  const ALIVE = { status: 'active', deceased_on: null };

  const markDeceased = (practice: { frontDesk: string }, id: string, deceased_on: string | null) =>
    envelope('patient.setStatus', { id, status: 'deceased', deceased_on, base: ALIVE }, practice.frontDesk);

  it('marks a patient deceased with its date, keeps its future booking and refuses new ones', async () => {
    const { practice, id } = await livePatient();
    const future = appointmentArgs(id, { scheduled_at: new Date(Date.now() + 3 * DAY).toISOString() });
    await pushOne(db(), practice.deviceId, envelope('appointment.create', future, practice.frontDesk));
    const died = dayOffset(-1);
    expect(await pushOne(db(), practice.deviceId, markDeceased(practice, id, died))).toMatchObject({
      status: 'applied',
    });
    const { rows } = await db().query<{ status: string; deceased_on: string }>(
      'select status::text, deceased_on from patients where id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ status: 'deceased', deceased_on: died });
    // The booking made before stays, to be flagged to staff (computed from the status).
    expect(await countRows(db(), 'appointments', `patient_id = $1 and status = 'scheduled'`, [id])).toBe(1);

    const again = appointmentArgs(id, { scheduled_at: new Date(Date.now() + 5 * DAY).toISOString() });
    const refused = await pushOne(db(), practice.deviceId, envelope('appointment.create', again, practice.frontDesk));
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'PATIENT_DECEASED' } });
    expect(await countRows(db(), 'appointments', 'patient_id = $1', [id])).toBe(1);
  });

  it('refuses moving a booking onto a deceased patient, whoever writes', async () => {
    const { practice, id } = await livePatient();
    await pushOne(db(), practice.deviceId, markDeceased(practice, id, dayOffset(0)));
    const other = await insertPatient(db(), { name: 'Rex' });
    const booking = await insertRow<{ id: string }>(db(), 'appointments', {
      patient_id: other.id,
      scheduled_at: new Date(Date.now() + DAY).toISOString(),
    });
    await expectSqlState(
      db().query('update appointments set patient_id = $1 where id = $2', [id, booking.id]),
      'VD020',
    );
    await expectSqlState(
      insertRow(db(), 'appointments', { patient_id: id, scheduled_at: new Date().toISOString() }),
      'VD020',
    );
  });

  it("refuses moving a deceased patient's booking to a new time, but lets it be cancelled", async () => {
    const { practice, id } = await livePatient();
    const at = new Date(Date.now() + 3 * DAY).toISOString();
    const booking = appointmentArgs(id, { scheduled_at: at, vet_id: practice.vet });
    await pushOne(db(), practice.deviceId, envelope('appointment.create', booking, practice.frontDesk));
    const move = (scheduled_at: string, base: string) =>
      envelope(
        'appointment.reschedule',
        { id: booking['id'], changes: { scheduled_at }, base: { scheduled_at: base } },
        practice.frontDesk,
      );
    const later = new Date(Date.now() + 4 * DAY).toISOString();
    // Alive, it moves (and back), so the refusal below is the death's doing.
    expect(await pushOne(db(), practice.deviceId, move(later, at))).toMatchObject({ status: 'applied' });
    expect(await pushOne(db(), practice.deviceId, move(at, later))).toMatchObject({ status: 'applied' });
    await pushOne(db(), practice.deviceId, markDeceased(practice, id, dayOffset(0)));

    const refused = await pushOne(db(), practice.deviceId, move(later, at));
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'PATIENT_DECEASED' } });
    expect(await countRows(db(), 'appointments', 'id = $1 and scheduled_at = $2', [booking['id'], at])).toBe(1);
    // Whoever writes: the database refuses a direct update too.
    await expectSqlState(
      db().query('update appointments set scheduled_at = $1 where id = $2', [later, booking['id']]),
      'VD020',
    );
    // Its length can still be corrected, and it can be cancelled.
    const longer = envelope(
      'appointment.reschedule',
      { id: booking['id'], changes: { duration_minutes: 45 }, base: { duration_minutes: 30 } },
      practice.frontDesk,
    );
    expect(await pushOne(db(), practice.deviceId, longer)).toMatchObject({ status: 'applied' });
    const cancel = envelope(
      'appointment.cancel',
      { id: booking['id'], cancel_reason: 'Patient died', base: { status: 'scheduled' } },
      practice.frontDesk,
    );
    expect(await pushOne(db(), practice.deviceId, cancel)).toMatchObject({ status: 'applied' });
    expect(
      await countRows(db(), 'appointments', `id = $1 and status = 'cancelled' and scheduled_at = $2`, [
        booking['id'],
        at,
      ]),
    ).toBe(1);
  });

  it('needs a date that is neither in the future nor before the birth', async () => {
    const { practice, id } = await livePatient('2020-06-01');
    const noDate = await pushOne(db(), practice.deviceId, markDeceased(practice, id, null));
    expect(noDate).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const tomorrow = await pushOne(db(), practice.deviceId, markDeceased(practice, id, dayOffset(2)));
    expect(tomorrow).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const beforeBirth = await pushOne(db(), practice.deviceId, markDeceased(practice, id, '2020-05-31'));
    expect(beforeBirth).toMatchObject({ status: 'rejected', error: { code: 'CHECK_VIOLATION' } });
    expect(await countRows(db(), 'patients', `id = $1 and status = 'active' and deceased_on is null`, [id])).toBe(1);

    // The database holds the same rules for any writer.
    await expectSqlState(db().query(`update patients set status = 'deceased' where id = $1`, [id]), '23514');
    await expectSqlState(
      db().query(`update patients set status = 'deceased', deceased_on = $2 where id = $1`, [id, dayOffset(3)]),
      '23514',
    );
    await expectSqlState(
      db().query(`update patients set deceased_on = $2 where id = $1`, [id, dayOffset(-1)]),
      '23514',
    );
    await expectSqlState(insertPatient(db(), { status: 'deceased' }), '23514');
  });

  it('undoes a death recorded by mistake: back to active, the date cleared, bookable again', async () => {
    const { practice, id } = await livePatient();
    const died = dayOffset(-2);
    await pushOne(db(), practice.deviceId, markDeceased(practice, id, died));
    const undo = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'patient.setStatus',
        { id, status: 'active', deceased_on: null, base: { status: 'deceased', deceased_on: died } },
        practice.frontDesk,
      ),
    );
    expect(undo).toMatchObject({ status: 'applied' });
    expect(await countRows(db(), 'sync.conflicts')).toBe(0);
    expect(await countRows(db(), 'patients', `id = $1 and status = 'active' and deceased_on is null`, [id])).toBe(1);
    const booking = await pushOne(
      db(),
      practice.deviceId,
      envelope('appointment.create', appointmentArgs(id), practice.frontDesk),
    );
    expect(booking).toMatchObject({ status: 'applied' });
  });

  it('changes a status only through patient.setStatus: patient.update has no status to change', async () => {
    const { practice, id } = await livePatient();
    const update = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'patient.update',
        { id, changes: { status: 'deceased' }, base: { status: 'active' } },
        practice.frontDesk,
      ),
    );
    expect(update).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
  });
});
