import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { REPLICATED_TABLES } from '../../../core/sync/tables.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { serverOwner, appliedResult } from '../../helpers/server-rows.js';

const staffId = newId();
const staff = { id: staffId, role: 'front_desk' } as const;
const owner = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.org',
  phone: '06 12 34 56 78',
  address: null,
  city: 'Oxford',
  postcode: null,
  notes: null,
  ...extra,
});

describe('local replica', () => {
  const { replica, reopen, inspect } = useLocalReplica();

  it('shows a local change at once and queues it, in one transaction', () => {
    const id = newId();
    const { id: mutationId } = replica().runMutation('owner.create', owner(id), staff);
    expect(replica().get('owners', id)).toMatchObject({ first_name: 'Ada', version: null });
    expect(replica().getServerRow('owners', id)).toBeUndefined();
    expect(replica().pendingBatch(10)).toEqual([
      expect.objectContaining({ id: mutationId, name: 'owner.create', staffId }),
    ]);
    expect(replica().counts()).toEqual({ pending: 1, acknowledged: 0, rejected: 0 });
  });

  it('refuses invalid arguments with the schema issues and changes nothing', () => {
    expect(() => replica().runMutation('owner.create', owner(newId(), { first_name: '' }), staff)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(replica().counts().pending).toBe(0);
  });

  it('keeps the overlay after the acknowledgement until the transaction arrives, then settles', () => {
    const id = newId();
    const { id: mutationId } = replica().runMutation('owner.create', owner(id), staff);
    replica().recordResults([appliedResult(mutationId, '901')]);
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 1, rejected: 0 });
    expect(replica().get('owners', id)?.['version']).toBeNull();

    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(id) }], ['901']);
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 0, rejected: 0 });
    expect(replica().get('owners', id)).toMatchObject({ version: 1, created_at: '2026-11-22T09:00:00.000Z' });
    expect(replica().get('owners', id)).toMatchObject({ version: 1 });
    expect(inspect((db) => db.prepare('select count(*) as n from ovl_owners').get())).toEqual({ n: 0 });
  });

  it('settles at once when the transaction arrived before the acknowledgement', () => {
    const id = newId();
    const { id: mutationId } = replica().runMutation('owner.create', owner(id), staff);
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(id) }], ['902']);
    replica().recordResults([appliedResult(mutationId, '902')]);
    expect(replica().counts().acknowledged).toBe(0);
  });

  it('rolls back exactly the rejected mutation and keeps later ones on the same row', () => {
    const id = newId();
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(id) }], ['1']);
    const first = replica().runMutation(
      'owner.update',
      { id, changes: { phone: '0700' }, base: { phone: '06 12 34 56 78' } },
      staff,
    );
    replica().runMutation('owner.update', { id, changes: { city: 'Bath' }, base: { city: 'Oxford' } }, staff);
    expect(replica().get('owners', id)).toMatchObject({ phone: '0700', city: 'Bath' });

    replica().recordResults([
      { id: first.id, status: 'rejected', txid: null, tables: [], error: { code: 'CHECK_VIOLATION', message: 'no' } },
    ]);
    expect(replica().get('owners', id)).toMatchObject({ phone: '06 12 34 56 78', city: 'Bath' });
    expect(replica().rejected()).toEqual([
      expect.objectContaining({
        id: first.id,
        name: 'owner.update',
        error: { code: 'CHECK_VIOLATION', message: 'no' },
      }),
    ]);
    replica().discardRejected(first.id);
    expect(replica().rejected()).toEqual([]);
  });

  it('rebases pending changes on new server truth', () => {
    const id = newId();
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(id) }], ['1']);
    replica().runMutation('owner.update', { id, changes: { city: 'Bath' }, base: { city: 'Oxford' } }, staff);
    replica().applyServerChanges(
      'owners',
      [{ operation: 'update', row: serverOwner(id, { phone: '0800', version: 2 }) }],
      ['2'],
    );
    expect(replica().get('owners', id)).toMatchObject({ phone: '0800', city: 'Bath', version: 2 });
  });

  it('keeps pending changes and their overlay across a restart', async () => {
    const id = newId();
    replica().runMutation('owner.create', owner(id), staff);
    const reopened = await reopen();
    expect(reopened.get('owners', id)).toMatchObject({ first_name: 'Ada' });
    expect(reopened.counts().pending).toBe(1);
  });

  it('finds owners and patients by name, phone digits, e-mail and microchip, overlay included', () => {
    const ownerId = newId();
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(ownerId) }], ['1']);
    const patientId = newId();
    replica().runMutation(
      'patient.create',
      {
        id: patientId,
        owner_id: ownerId,
        name: 'Biscuit',
        species: 'dog',
        breed: 'Beagle',
        color: null,
        gender: 'male',
        neutered: true,
        birth_date: '2020-01-01',
        weight_kg: '12.5',
        microchip: '250269606123456',
        status: 'active',
        alerts: null,
        notes: null,
      },
      staff,
    );
    const ids = (query: string) =>
      replica()
        .searchOwnersAndPatients(query)
        .map((hit) => hit.id);
    expect(ids('lovel')).toEqual([ownerId]);
    expect(ids('06-12 34')).toEqual([ownerId]);
    expect(ids('0612345678')).toEqual([ownerId]);
    expect(ids('ada@example')).toEqual([ownerId]);
    expect(ids('bisc')).toEqual([patientId]);
    expect(ids('2502696061')).toEqual([patientId]);
    expect(ids('"); drop table')).toEqual([]);
    replica().runMutation('owner.delete', { id: ownerId, baseVersion: 1 }, staff);
    expect(ids('lovel')).toEqual([]);
  });

  it('has a server table, an overlay table and a view for every replicated table, with the spec columns', () => {
    for (const [name, spec] of Object.entries(REPLICATED_TABLES)) {
      const columns = (relation: string) =>
        inspect((db) => db.prepare(`select name from pragma_table_info(?)`).all(relation) as { name: string }[]).map(
          (row) => row.name,
        );
      const expected = Object.keys(spec.columns);
      expect(columns(`srv_${name}`), name).toEqual(expected);
      expect(columns(`ovl_${name}`), name).toEqual([...expected, '_deleted']);
      expect(columns(name), name).toEqual(expected);
    }
  });
});
