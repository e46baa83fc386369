import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import {
  appointmentArgs,
  countRows,
  envelope,
  ownerArgs,
  patientArgs,
  pushOne,
  setupPractice,
  type SyncPractice,
} from '../../helpers/sync-fixtures.js';

describe('write path on real PostgreSQL under concurrency', () => {
  let handle: DisposableCentralDb;
  let practice: SyncPractice;
  beforeAll(async () => {
    handle = await freshCentralDb('postgres', { poolMax: 8 });
    practice = await setupPractice(handle.db);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('applies a mutation pushed twice at once exactly once, and answers both with the same result', async () => {
    const create = envelope('owner.create', ownerArgs(), practice.frontDesk);
    const results = await Promise.all([
      pushOne(handle.db, practice.deviceId, create),
      pushOne(handle.db, practice.deviceId, create),
      pushOne(handle.db, practice.deviceId, create),
    ]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0].status).toBe('applied');
    expect(await countRows(handle.db, 'owners', 'id = $1', [(create.args as { id: string }).id])).toBe(1);
    expect(await countRows(handle.db, 'audit.entity_changes', 'mutation_id = $1', [create.id])).toBe(1);
  });

  it('flags two appointments booked into the same slot at the same moment', async () => {
    const patient = patientArgs();
    await pushOne(handle.db, practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    const book = () =>
      envelope(
        'appointment.create',
        appointmentArgs(patient['id'], {
          id: newId(),
          vet_id: practice.vet,
          scheduled_at: '2025-05-05T14:00:00Z',
        }),
        practice.frontDesk,
      );
    const results = await Promise.all(
      [book(), book()].map((mutation) => pushOne(handle.db, practice.deviceId, mutation)),
    );
    expect(results.map((result) => result.status).sort()).toEqual(['applied', 'merged']);
    expect(await countRows(handle.db, 'sync.conflicts', `kind = 'overlap'`)).toBe(1);
  });

  it('never gives two owners registered at once with the same e-mail both the unflagged slot', async () => {
    const register = () => envelope('owner.create', ownerArgs({ email: 'twice@example.org' }), practice.frontDesk);
    const results = await Promise.all(
      [register(), register()].map((mutation) => pushOne(handle.db, practice.deviceId, mutation)),
    );
    expect(results.map((result) => result.status).sort()).toEqual(['applied', 'merged']);
    expect(await countRows(handle.db, 'owners', `lower(email) = 'twice@example.org' and duplicate_of is null`)).toBe(1);
    expect(await countRows(handle.db, 'owners', `lower(email) = 'twice@example.org'`)).toBe(2);
  });
});
