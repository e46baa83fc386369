import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { PgSnapshot } from '../../../core/sync/pg-snapshot.js';
import type { ServerChange, ShapePosition } from '../../../db/local/server-truth.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appliedResult } from '../../helpers/server-rows.js';

/**
 * A must-refetch used to clear the table at once: until the new snapshot had arrived, page by
 * page, staff saw no owners, and without their own staff row every change was refused. The old
 * truth now stays until the snapshot is complete; the rows it did not deliver go at its end.
 */
const staffId = newId();
const meta = { created_at: '2026-11-22 09:00:00.000+00', updated_at: '2026-11-22 09:00:00.000+00', version: 1 };
const owner = (id: string, lastName: string, extra: Record<string, unknown> = {}) => ({
  id,
  first_name: 'Ada',
  last_name: lastName,
  email: null,
  phone: null,
  address: null,
  city: 'Oxford',
  postcode: null,
  notes: null,
  duplicate_of: null,
  deleted_at: null,
  ...meta,
  ...extra,
});
const staffRow = (id: string) => ({
  id,
  clinic_id: null,
  role: 'front_desk',
  display_name: 'Fran Desk',
  username: 'fran',
  email: null,
  deleted_at: null,
  ...meta,
});
const insert = (row: Record<string, unknown>): ServerChange => ({ operation: 'insert', row });
/** A page of the refetched snapshot; `last` ends it with up-to-date. */
const page = (last: boolean, offset = '40_0'): ShapePosition => ({ handle: 'owners-2', offset, upToDate: last });
const snapshot = (xmin: string): PgSnapshot => ({ xmin, xmax: xmin, xip_list: [] });

describe('a refetch keeps the old server truth until its snapshot is complete', () => {
  const { replica, reopen, inspect } = useLocalReplica();

  /** Three owners (Babbage, Hopper, Lovelace) and the signed-in staff member, up to date. */
  function synced(): { babbage: string; hopper: string; lovelace: string } {
    const ids = { babbage: newId(), hopper: newId(), lovelace: newId() };
    replica().applyServerChanges('staff', [insert(staffRow(staffId))], ['90'], { ...page(true), handle: 'staff-1' });
    replica().applyServerChanges(
      'owners',
      [
        insert(owner(ids.babbage, 'Babbage')),
        insert(owner(ids.hopper, 'Hopper')),
        insert(owner(ids.lovelace, 'Lovelace')),
      ],
      ['100'],
      { handle: 'owners-1', offset: '10_0', upToDate: true },
    );
    return ids;
  }
  const lastNames = () =>
    replica()
      .all('owners')
      .map((row) => row['last_name']);
  const searchTitles = (input: string) =>
    replica()
      .searchOwnersAndPatients(input)
      .map((hit) => hit.title);

  it('shows every old row, their search documents and the staff row while the snapshot is paged', () => {
    const { babbage } = synced();
    replica().resetServerTable('owners');
    replica().resetServerTable('staff');
    expect(lastNames().sort()).toEqual(['Babbage', 'Hopper', 'Lovelace']);
    expect(replica().get('staff', staffId)).toMatchObject({ role: 'front_desk' });
    expect(searchTitles('Hopper')).toEqual(['Hopper, Ada']);

    replica().applyServerChanges(
      'owners',
      [insert(owner(babbage, 'Babbage', { city: 'London', version: 2 }))],
      [],
      page(false),
    );
    expect(lastNames().sort()).toEqual(['Babbage', 'Hopper', 'Lovelace']);
    expect(replica().get('owners', babbage)).toMatchObject({ city: 'London' });
    // Staff can still make a change: the row the sign-in and the role check read is there.
    replica().runMutation(
      'owner.update',
      { id: babbage, changes: { city: 'Bath' } },
      { id: staffId, role: 'front_desk' },
    );
    expect(replica().get('owners', babbage)).toMatchObject({ city: 'Bath' });
  });

  it('removes at the up-to-date exactly the rows the snapshot did not deliver, with their search documents', () => {
    const { babbage, hopper, lovelace } = synced();
    const changed: string[][] = [];
    replica().onChange((tables) => changed.push([...tables]));
    replica().resetServerTable('owners');
    replica().applyServerChanges('owners', [insert(owner(babbage, 'Babbage'))], [], page(false));
    replica().applyServerChanges('owners', [insert(owner(lovelace, 'Lovelace'))], [], page(false, '40_1'));
    expect(lastNames().sort()).toEqual(['Babbage', 'Hopper', 'Lovelace']);

    replica().applyServerChanges('owners', [], [], page(true, '41_0'), snapshot('300'));
    expect(lastNames().sort()).toEqual(['Babbage', 'Lovelace']);
    expect(replica().getServerRow('owners', hopper)).toBeUndefined();
    expect(searchTitles('Hopper')).toEqual([]);
    expect(searchTitles('Lovelace')).toEqual(['Lovelace, Ada']);
    expect(changed.at(-1)).toEqual(['owners']);
    expect(inspect((db) => db.prepare('select count(*) from refetch_stale').pluck().get())).toBe(0);

    // The table is an ordinary one again: a later up-to-date removes nothing.
    replica().applyServerChanges('owners', [insert(owner(hopper, 'Hopper'))], ['400'], page(true, '42_0'));
    replica().applyServerChanges('owners', [], [], page(true, '43_0'));
    expect(lastNames().sort()).toEqual(['Babbage', 'Hopper', 'Lovelace']);
  });

  it('rebases the overlays of rows removed by the sweep and keeps their mutations pending', () => {
    const { babbage, hopper } = synced();
    const staff = { id: staffId, role: 'front_desk' as const };
    replica().runMutation('owner.update', { id: hopper, changes: { city: 'Bath' } }, staff);
    replica().runMutation('owner.update', { id: babbage, changes: { city: 'Bath' } }, staff);
    replica().resetServerTable('owners');
    expect(replica().get('owners', hopper)).toMatchObject({ city: 'Bath' });

    replica().applyServerChanges(
      'owners',
      [insert(owner(babbage, 'Babbage', { first_name: 'Charles', version: 2 }))],
      [],
      page(true),
      snapshot('300'),
    );
    // Hopper is gone from the server: the update has no row to change, so nothing shows.
    expect(replica().get('owners', hopper)).toBeUndefined();
    expect(searchTitles('Hopper')).toEqual([]);
    expect(replica().get('owners', babbage)).toMatchObject({ first_name: 'Charles', city: 'Bath', version: 2 });
    expect(replica().counts().pending).toBe(2);
  });

  it('treats a row deleted by a change during the refetch as gone, and a row inserted by one as seen', () => {
    const { babbage, hopper, lovelace } = synced();
    replica().resetServerTable('owners');
    replica().applyServerChanges(
      'owners',
      [insert(owner(babbage, 'Babbage')), insert(owner(hopper, 'Hopper'))],
      [],
      page(false),
    );
    const turing = newId();
    replica().applyServerChanges(
      'owners',
      [{ operation: 'delete', row: owner(hopper, 'Hopper') }, insert(owner(turing, 'Turing'))],
      ['310'],
      page(true),
    );
    expect(lastNames().sort()).toEqual(['Babbage', 'Turing']);
    expect(replica().getServerRow('owners', lovelace)).toBeUndefined();
  });

  it('does not settle on a snapshot-end while rows of the old truth wait to be swept', () => {
    const { hopper } = synced();
    const { id } = replica().runMutation(
      'owner.update',
      { id: hopper, changes: { city: 'Bath' } },
      { id: staffId, role: 'front_desk' },
    );
    replica().resetServerTable('owners');
    // Acknowledged during the refetch: only the snapshot's visibility can settle it.
    replica().recordResults([appliedResult(id, '205')]);
    replica().applyServerChanges(
      'owners',
      [insert(owner(hopper, 'Hopper', { city: 'Bath', version: 2 }))],
      [],
      page(false),
      snapshot('300'),
    );
    expect(replica().counts().acknowledged).toBe(1);
    replica().applyServerChanges('owners', [], [], page(true), snapshot('300'));
    expect(replica().counts().acknowledged).toBe(0);
    expect(lastNames()).toEqual(['Hopper']);
  });

  it('resumes after a crash mid-refetch with the old rows and the marks its stored pages left', async () => {
    const { babbage, hopper, lovelace } = synced();
    replica().resetServerTable('owners');
    replica().applyServerChanges('owners', [insert(owner(babbage, 'Babbage', { version: 2 }))], [], page(false));

    const reopened = await reopen();
    expect(
      reopened
        .all('owners')
        .map((row) => row['last_name'])
        .sort(),
    ).toEqual(['Babbage', 'Hopper', 'Lovelace']);
    expect(reopened.shapePositions().get('owners')).toMatchObject({ handle: 'owners-2', offset: '40_0' });
    // The stream resumes after the stored page: Babbage is not sent again and must stay.
    reopened.applyServerChanges('owners', [insert(owner(lovelace, 'Lovelace'))], [], page(true, '41_0'));
    expect(
      reopened
        .all('owners')
        .map((row) => row['last_name'])
        .sort(),
    ).toEqual(['Babbage', 'Lovelace']);
    expect(reopened.getServerRow('owners', hopper)).toBeUndefined();
  });

  it('marks every row again when a stream restarts its snapshot from the beginning', async () => {
    const { babbage, hopper, lovelace } = synced();
    replica().resetServerTable('owners');
    replica().applyServerChanges('owners', [insert(owner(babbage, 'Babbage'))], [], page(false));

    // Restarted from the beginning (no handle kept): Babbage, delivered by the first attempt,
    // was deleted on the server since, and the new snapshot lacks it.
    const reopened = await reopen();
    reopened.restartSnapshot('owners');
    reopened.applyServerChanges('owners', [insert(owner(lovelace, 'Lovelace'))], [], page(false));
    expect(reopened.all('owners')).toHaveLength(3);
    reopened.applyServerChanges('owners', [], [], page(true, '41_0'));
    expect(reopened.all('owners').map((row) => row['last_name'])).toEqual(['Lovelace']);
    expect(reopened.getServerRow('owners', hopper)).toBeUndefined();
  });
});
