import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  envelope,
  ownerArgs,
  patientArgs,
  pushOne,
  recordArgs,
  setupPractice,
  type SyncPractice,
  withStatus,
} from '../../helpers/sync-fixtures.js';
import type { CentralDb } from '../../../db/central/connection.js';

interface ConflictRow {
  id: string;
  kind: string;
  table_name: string;
  row_id: string;
  field: string | null;
  base_value: unknown;
  winner_value: unknown;
  loser_value: unknown;
  winner_mutation_id: string | null;
  loser_mutation_id: string | null;
  winner_staff_id: string | null;
  loser_staff_id: string | null;
  device_id: string | null;
  status: string;
  resolution: string | null;
  resolved_by: string | null;
}

async function conflicts(db: CentralDb): Promise<ConflictRow[]> {
  const { rows } = await db.query<ConflictRow>(`select * from sync.conflicts order by created_at, id`);
  return rows;
}

async function createOwner(db: CentralDb, practice: SyncPractice, overrides: Record<string, unknown> = {}) {
  const args = ownerArgs(overrides);
  await pushOne(db, practice.deviceId, envelope('owner.create', args, practice.frontDesk));
  return args['id'];
}

describe.each(CENTRAL_BACKENDS)('write path: conflicts on %s', (kind) => {
  const db = useCentralDb(kind);

  it('applies two edits of different fields, each with its own base, without a conflict', async () => {
    const practice = await setupPractice(db());
    const id = await createOwner(db(), practice);
    const phone = envelope('owner.update', { id, changes: { phone: '0700' }, base: { phone: null } }, practice.nurse);
    const city = envelope('owner.update', { id, changes: { city: 'York' }, base: { city: null } }, practice.vet);
    expect((await pushOne(db(), practice.deviceId, phone)).status).toBe('applied');
    expect((await pushOne(db(), practice.deviceId, city)).status).toBe('applied');
    const { rows } = await db().query(`select phone, city from owners where id = $1`, [id]);
    expect(rows).toEqual([{ phone: '0700', city: 'York' }]);
    expect(await conflicts(db())).toEqual([]);
  });

  it('lets the later edit of the same field win, keeps the other value and audits both', async () => {
    const practice = await setupPractice(db());
    const id = await createOwner(db(), practice);
    const earlier = envelope('owner.update', { id, changes: { phone: '111' }, base: { phone: null } }, practice.nurse);
    const later = envelope('owner.update', { id, changes: { phone: '222' }, base: { phone: null } }, practice.vet);
    await pushOne(db(), practice.deviceId, earlier);
    const result = await pushOne(db(), practice.deviceId, later);

    expect(result).toMatchObject({ status: 'merged', tables: ['owners', 'conflicts'] });
    expect(withStatus(result, 'merged').conflicts).toEqual([
      { id: expect.any(String) as string, kind: 'field', table: 'owners', rowId: id, field: 'phone' },
    ]);
    const { rows } = await db().query(`select phone from owners where id = $1`, [id]);
    expect(rows).toEqual([{ phone: '222' }]);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        id: withStatus(result, 'merged').conflicts[0]!.id,
        kind: 'field',
        table_name: 'owners',
        row_id: id,
        field: 'phone',
        base_value: null,
        winner_value: '222',
        loser_value: '111',
        winner_mutation_id: later.id,
        loser_mutation_id: earlier.id,
        winner_staff_id: practice.vet,
        loser_staff_id: practice.nurse,
        device_id: practice.deviceId,
        status: 'open',
        resolution: null,
      }),
    ]);
    const audit = await db().query<{ context: { conflicts: Record<string, unknown>[] } }>(
      `select context from audit.entity_changes where table_name = 'owners' and mutation_id = $1`,
      [later.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.context.conflicts).toEqual([
      expect.objectContaining({
        kind: 'field',
        field: 'phone',
        winner: { value: '222', mutationId: later.id, staffId: practice.vet },
        loser: { value: '111', mutationId: earlier.id, staffId: practice.nurse },
      }),
    ]);
  });

  it('keeps both versions of a clinical text edited in two places', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.nurse));
    const record = recordArgs(patient['id'], { subjective: 'Eats well.' });
    await pushOne(db(), practice.deviceId, envelope('medicalRecord.create', record, practice.nurse));
    const edit = (text: string, staffId: string) =>
      envelope(
        'medicalRecord.update',
        { id: record['id'], changes: { subjective: text }, base: { subjective: 'Eats well.' } },
        staffId,
      );
    await pushOne(db(), practice.deviceId, edit('Eats well. Vomited twice.', practice.nurse));
    const later = edit('Eats well. Limping on the left hind leg.', practice.vet);
    const result = await pushOne(db(), practice.deviceId, later);

    expect(result.status).toBe('merged');
    const { rows } = await db().query<{ subjective: string }>(`select subjective from medical_records where id = $1`, [
      record['id'],
    ]);
    const text = rows[0]!.subjective;
    expect(text.startsWith('Eats well. Vomited twice.\n\n----- Conflicting edit by Dr. Vera Vet')).toBe(true);
    expect(text).toContain(later.id);
    expect(text.endsWith('\nEats well. Limping on the left hind leg.')).toBe(true);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        kind: 'clinical_text',
        field: 'subjective',
        winner_value: 'Eats well. Limping on the left hind leg.',
        loser_value: 'Eats well. Vomited twice.',
      }),
    ]);
  });

  it('never lets a concurrent clearing erase a clinical text: the clearing loses', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs({ alerts: 'Bites' });
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.nurse));
    const id = patient['id'];
    const edit = envelope(
      'patient.update',
      { id, changes: { alerts: 'Bites; allergic to penicillin' }, base: { alerts: 'Bites' } },
      practice.vet,
    );
    const clear = envelope(
      'patient.update',
      { id, changes: { alerts: '' }, base: { alerts: 'Bites' } },
      practice.nurse,
    );
    await pushOne(db(), practice.deviceId, edit);
    const result = await pushOne(db(), practice.deviceId, clear);

    expect(result).toMatchObject({ status: 'merged', tables: ['conflicts'] });
    const { rows } = await db().query(`select alerts from patients where id = $1`, [id]);
    expect(rows).toEqual([{ alerts: 'Bites; allergic to penicillin' }]);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        kind: 'clinical_text',
        winner_value: 'Bites; allergic to penicillin',
        winner_mutation_id: edit.id,
        loser_value: null,
        loser_mutation_id: clear.id,
      }),
    ]);
  });

  it('keeps an edited row alive when a delete based on an older version arrives after the edit', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.nurse));
    const id = patient['id'];
    const edit = envelope('patient.update', { id, changes: { name: 'Rex' }, base: { name: 'Biscuit' } }, practice.vet);
    const remove = envelope('patient.delete', { id, baseVersion: 1 }, practice.frontDesk);
    expect((await pushOne(db(), practice.deviceId, edit)).status).toBe('applied');
    const result = await pushOne(db(), practice.deviceId, remove);

    expect(result).toMatchObject({ status: 'merged', tables: ['conflicts'] });
    const { rows } = await db().query(`select name, deleted_at from patients where id = $1`, [id]);
    expect(rows).toEqual([{ name: 'Rex', deleted_at: null }]);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        kind: 'delete_vs_edit',
        field: 'deleted_at',
        winner_mutation_id: edit.id,
        loser_mutation_id: remove.id,
        loser_value: remove.createdAt,
      }),
    ]);
  });

  it('brings a deleted row back when an edit arrives after the delete', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs();
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.nurse));
    const id = patient['id'];
    const remove = envelope('patient.delete', { id, baseVersion: 1 }, practice.frontDesk);
    const edit = envelope('patient.update', { id, changes: { name: 'Rex' }, base: { name: 'Biscuit' } }, practice.vet);
    expect((await pushOne(db(), practice.deviceId, remove)).status).toBe('applied');
    const result = await pushOne(db(), practice.deviceId, edit);

    expect(result).toMatchObject({ status: 'merged', tables: ['patients', 'conflicts'] });
    const { rows } = await db().query(`select name, deleted_at from patients where id = $1`, [id]);
    expect(rows).toEqual([{ name: 'Rex', deleted_at: null }]);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        kind: 'edit_vs_delete',
        field: 'deleted_at',
        winner_mutation_id: edit.id,
        loser_mutation_id: remove.id,
        loser_value: new Date(remove.createdAt).toISOString(),
      }),
    ]);
  });

  it('restores the losing value with conflict.resolve and closes the conflict, once', async () => {
    const practice = await setupPractice(db());
    const id = await createOwner(db(), practice);
    await pushOne(
      db(),
      practice.deviceId,
      envelope('owner.update', { id, changes: { phone: '111' }, base: { phone: null } }, practice.nurse),
    );
    const merged = await pushOne(
      db(),
      practice.deviceId,
      envelope('owner.update', { id, changes: { phone: '222' }, base: { phone: null } }, practice.vet),
    );
    const conflictId = withStatus(merged, 'merged').conflicts[0]!.id;
    const restoreArgs = {
      id: conflictId,
      action: 'restore',
      table: 'owners',
      rowId: id,
      field: 'phone',
      restoreValue: '111',
      base: '222',
    };

    const forged = await pushOne(
      db(),
      practice.deviceId,
      envelope('conflict.resolve', { ...restoreArgs, field: 'email', restoreValue: 'x@example.org' }, practice.nurse),
    );
    expect(forged).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });

    const restore = envelope('conflict.resolve', restoreArgs, practice.frontDesk);
    const result = await pushOne(db(), practice.deviceId, restore);
    expect(result).toMatchObject({ status: 'applied', tables: ['owners', 'conflicts'] });
    const { rows } = await db().query(`select phone from owners where id = $1`, [id]);
    expect(rows).toEqual([{ phone: '111' }]);
    expect(await conflicts(db())).toEqual([
      expect.objectContaining({
        id: conflictId,
        status: 'resolved',
        resolution: 'restored',
        resolved_by: practice.frontDesk,
      }),
    ]);
    const audit = await db().query<{ context: unknown }>(
      `select context from audit.entity_changes where table_name = 'owners' and mutation_id = $1`,
      [restore.id],
    );
    expect(audit.rows).toEqual([{ context: { resolvesConflict: { id: conflictId, action: 'restore' } } }]);

    const again = await pushOne(
      db(),
      practice.deviceId,
      envelope('conflict.resolve', { id: conflictId, action: 'keep' }, practice.nurse),
    );
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT_ALREADY_RESOLVED' } });
  });

  it('keeps the server value with conflict.resolve keep', async () => {
    const practice = await setupPractice(db());
    const id = await createOwner(db(), practice);
    await pushOne(
      db(),
      practice.deviceId,
      envelope('owner.update', { id, changes: { city: 'York' }, base: { city: null } }, practice.nurse),
    );
    const merged = await pushOne(
      db(),
      practice.deviceId,
      envelope('owner.update', { id, changes: { city: 'Leeds' }, base: { city: null } }, practice.vet),
    );
    const keep = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'conflict.resolve',
        { id: withStatus(merged, 'merged').conflicts[0]!.id, action: 'keep' },
        practice.nurse,
      ),
    );
    expect(keep).toMatchObject({ status: 'applied', tables: ['conflicts'] });
    expect(await conflicts(db())).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'kept' })]);
    const { rows } = await db().query(`select city from owners where id = $1`, [id]);
    expect(rows).toEqual([{ city: 'Leeds' }]);
  });
});
