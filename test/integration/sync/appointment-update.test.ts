import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  appointmentArgs,
  countRows,
  envelope,
  patientArgs,
  pushOne,
  setupPractice,
  withStatus,
} from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('appointment.update (reason and notes) on %s', (kind) => {
  const db = useCentralDb(kind);

  /** A practice with one booking whose reason is 'Check-up' and notes are empty. */
  async function booked() {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    const booking = appointmentArgs(patient['id'], { vet_id: practice.vet, reason: 'Check-up' });
    await pushOne(db(), practice.deviceId, envelope('appointment.create', booking, practice.frontDesk));
    return { practice, id: booking['id'] as string };
  }

  async function row(id: string) {
    const { rows } = await db().query<{ reason: string | null; notes: string | null; version: number }>(
      'select reason, notes, version from appointments where id = $1',
      [id],
    );
    return rows[0]!;
  }

  it('applies an edit of the reason and notes, by any role', async () => {
    const { practice, id } = await booked();
    const edit = envelope(
      'appointment.update',
      { id, changes: { reason: 'Booster', notes: 'Nervous: muzzle' }, base: { reason: 'Check-up', notes: null } },
      practice.frontDesk,
    );
    expect(await pushOne(db(), practice.deviceId, edit)).toMatchObject({ status: 'applied' });
    expect(await row(id)).toMatchObject({ reason: 'Booster', notes: 'Nervous: muzzle', version: 2 });
    const nurse = envelope(
      'appointment.update',
      { id, changes: { notes: null }, base: { notes: 'Nervous: muzzle' } },
      practice.nurse,
    );
    expect(await pushOne(db(), practice.deviceId, nurse)).toMatchObject({ status: 'applied' });
    expect(await row(id)).toMatchObject({ reason: 'Booster', notes: null });
    expect(await countRows(db(), 'sync.conflicts')).toBe(0);
  });

  it('keeps both of two concurrent notes (clinical text) and lets the later reason win, recording both', async () => {
    const { practice, id } = await booked();
    const first = envelope(
      'appointment.update',
      {
        id,
        changes: { reason: 'Booster', notes: 'Owner asks for a nail clip' },
        base: { reason: 'Check-up', notes: null },
      },
      practice.frontDesk,
    );
    const second = envelope(
      'appointment.update',
      { id, changes: { reason: 'Limping', notes: 'Bring the X-rays' }, base: { reason: 'Check-up', notes: null } },
      practice.nurse,
    );
    expect(await pushOne(db(), practice.deviceId, first)).toMatchObject({ status: 'applied' });
    const merged = withStatus(await pushOne(db(), practice.deviceId, second), 'merged');
    expect(merged.conflicts.map((conflict) => conflict.kind).sort()).toEqual(['clinical_text', 'field']);

    const after = await row(id);
    expect(after.reason).toBe('Limping');
    expect(after.notes?.startsWith('Owner asks for a nail clip\n\n----- Conflicting edit by Nina Nurse')).toBe(true);
    expect(after.notes?.endsWith('\nBring the X-rays')).toBe(true);
    const { rows } = await db().query<{ kind: string; field: string; winner_value: unknown; loser_value: unknown }>(
      `select kind::text, field, winner_value, loser_value from sync.conflicts where row_id = $1 order by field`,
      [id],
    );
    expect(rows).toEqual([
      {
        kind: 'clinical_text',
        field: 'notes',
        winner_value: 'Bring the X-rays',
        loser_value: 'Owner asks for a nail clip',
      },
      { kind: 'field', field: 'reason', winner_value: 'Limping', loser_value: 'Booster' },
    ]);
  });

  it('rejects bad input with VALIDATION_FAILED and changes nothing', async () => {
    const { practice, id } = await booked();
    const cases: unknown[] = [
      // Nothing to change.
      { id, changes: {}, base: {} },
      // A changed field without the value it had before.
      { id, changes: { reason: 'Booster' }, base: {} },
      // Only reason and notes: the time goes through appointment.reschedule.
      { id, changes: { scheduled_at: '2026-01-01T09:00:00Z' }, base: { scheduled_at: '2025-03-10T09:00:00Z' } },
      // Over the cap.
      { id, changes: { reason: 'x'.repeat(501) }, base: { reason: 'Check-up' } },
      { id: 'not-a-uuid', changes: { reason: 'Booster' }, base: { reason: 'Check-up' } },
    ];
    for (const args of cases) {
      const result = await pushOne(db(), practice.deviceId, envelope('appointment.update', args, practice.frontDesk));
      expect(result, JSON.stringify(args).slice(0, 80)).toMatchObject({
        status: 'rejected',
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await row(id)).toMatchObject({ reason: 'Check-up', notes: null, version: 1 });
  });
});
