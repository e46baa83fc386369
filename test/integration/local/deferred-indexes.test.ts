import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { ServerChange, ShapePosition } from '../../../db/local/server-truth.js';
import type { LocalDatabase } from '../../../db/local/open.js';
import { useLocalReplica } from '../../helpers/local-replica.js';

const owner = (id: string, last_name = 'Lovelace') => ({
  id,
  first_name: 'Ada',
  last_name,
  version: 1,
  deleted_at: null,
});
const patient = (id: string, owner_id: string, name: string) => ({
  id,
  owner_id,
  name,
  species: 'cat',
  version: 1,
  deleted_at: null,
});
const inserts = (rows: Record<string, unknown>[]): ServerChange[] => rows.map((row) => ({ operation: 'insert', row }));
const at = (offset: number, upToDate: boolean): ShapePosition => ({ handle: 'h', offset: `0_${offset}`, upToDate });

const srvIndexes = (db: LocalDatabase, table: string): string[] =>
  (
    db
      .prepare(`select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null order by name`)
      .all(`srv_${table}`) as { name: string }[]
  ).map((row) => row.name);
const recorded = (db: LocalDatabase): string[] =>
  (db.prepare('select name from deferred_indexes order by name').all() as { name: string }[]).map((row) => row.name);

describe('secondary indexes during a first sync', () => {
  const { replica, reopen, inspect } = useLocalReplica();
  const ownerId = newId();
  const [rex, milo] = [newId(), newId()];

  it('are dropped at a table first batch and created at its first up-to-date, with reads right meanwhile', () => {
    const before = inspect((db) => srvIndexes(db, 'patients'));
    expect(before).toEqual(['srv_patients_owner_id_idx']);
    replica().applyServerChanges('owners', inserts([owner(ownerId)]), [], at(0, true));
    replica().applyServerChanges('patients', inserts([patient(rex, ownerId, 'Rex')]), [], at(0, false));
    expect(inspect((db) => srvIndexes(db, 'patients'))).toEqual([]);
    expect(inspect(recorded)).toEqual(['srv_patients_owner_id_idx']);
    // An owner's page and search read the table without its index, and see what has arrived.
    expect(
      replica()
        .read.ownerDetail(ownerId)
        ?.patients.map((p) => p.id),
    ).toEqual([rex]);
    expect(
      replica()
        .searchOwnersAndPatients('re')
        .map((hit) => hit.id),
    ).toEqual([rex]);

    replica().applyServerChanges('patients', inserts([patient(milo, ownerId, 'Milo')]), [], at(1, true));
    expect(inspect((db) => srvIndexes(db, 'patients'))).toEqual(before);
    expect(inspect(recorded)).toEqual([]);
    expect(
      replica()
        .read.ownerDetail(ownerId)
        ?.patients.map((p) => p.id),
    ).toEqual([milo, rex]);
    expect(
      replica()
        .searchOwnersAndPatients('m')
        .map((hit) => hit.id),
    ).toEqual([milo]);
    // The owners table came up to date in its first batch: nothing was deferred.
    expect(inspect((db) => srvIndexes(db, 'owners'))).toEqual(['srv_owners_last_name_idx']);
  });

  it('are created when the replica opens after a first sync stopped midway, which then keeps them', async () => {
    replica().applyServerChanges('patients', inserts([patient(rex, ownerId, 'Rex')]), [], at(0, false));
    // The process ends (crash or quit) with the index deferred: both facts are on disk together.
    expect(inspect((db) => [srvIndexes(db, 'patients'), recorded(db)])).toEqual([[], ['srv_patients_owner_id_idx']]);
    await reopen();
    expect(inspect((db) => [srvIndexes(db, 'patients'), recorded(db)])).toEqual([['srv_patients_owner_id_idx'], []]);
    // The resumed first sync has a stored position: it does not drop them again.
    replica().applyServerChanges('patients', inserts([patient(milo, ownerId, 'Milo')]), [], at(1, false));
    expect(inspect((db) => srvIndexes(db, 'patients'))).toEqual(['srv_patients_owner_id_idx']);
    expect(replica().read.ownerDetail(ownerId)).toBeNull();
    replica().applyServerChanges('owners', inserts([owner(ownerId)]), [], at(0, true));
    expect(
      replica()
        .read.ownerDetail(ownerId)
        ?.patients.map((p) => p.id),
    ).toEqual([milo, rex]);
  });

  it('stay when the first batch fails, and nothing is recorded', () => {
    expect(() => {
      replica().applyServerChanges('patients', inserts([patient(rex, ownerId, 'Rex')]), [], {
        handle: 'h',
        // Breaks shape_state's NOT NULL offset: the batch's last write fails after the drop.
        offset: null as unknown as string,
        upToDate: false,
      });
    }).toThrow(/NOT NULL/);
    expect(inspect((db) => [srvIndexes(db, 'patients'), recorded(db)])).toEqual([['srv_patients_owner_id_idx'], []]);
  });

  it('stay through a refetch: only a first sync defers them', () => {
    replica().applyServerChanges('patients', inserts([patient(rex, ownerId, 'Rex')]), [], at(0, true));
    replica().resetServerTable('patients');
    replica().applyServerChanges('patients', inserts([patient(milo, ownerId, 'Milo')]), [], at(0, false));
    expect(inspect((db) => [srvIndexes(db, 'patients'), recorded(db)])).toEqual([['srv_patients_owner_id_idx'], []]);
    expect(
      replica()
        .searchOwnersAndPatients('milo')
        .map((hit) => hit.id),
    ).toEqual([milo]);
  });
});
