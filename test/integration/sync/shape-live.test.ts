import { isChangeMessage, isControlMessage, type ChangeMessage, type Message } from '@electric-sql/client';
import { describe, expect, it } from 'vitest';
import type { CentralDb } from '../../../db/central/connection.js';
import { bumpShapeEpoch, compactChangeLog } from '../../../sync/server/shape-epoch.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';
import { MessageLog, shapeOf, shapeStream, useShapeServer, waitForRows } from '../../helpers/shape-client.js';

/** Runs `sql` in its own transaction and returns that transaction's id as the client sees it. */
async function write(db: CentralDb, sql: string, params: unknown[] = []): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(sql, params);
    const { rows } = await tx.query<{ txid: string }>('select pg_current_xact_id()::text as txid');
    return Number(rows[0]!.txid);
  });
}

const changesFor = (messages: Message[], id: string): ChangeMessage[] =>
  messages.filter((m): m is ChangeMessage => isChangeMessage(m) && m.value['id'] === id);

describe.each(CENTRAL_BACKENDS)('live shapes on %s', (kind) => {
  const db = useCentralDb(kind);
  const shapes = useShapeServer(db);

  it('delivers an insert, an update and a delete made after the initial sync, each with its txid', async () => {
    await insertOwner(db(), { first_name: 'Existing' });
    const server = await shapes.start();
    const log = new MessageLog(shapeStream(server, 'owners', { signal: shapes.signal() }));
    await log.waitFor((messages) => log.controls().includes('up-to-date') && messages.length > 1, 'initial sync');

    const id = '01934b7e-0000-7000-8000-000000000001';
    const inserted = await write(db(), `insert into owners (id, first_name, last_name) values ($1, 'Live', 'Insert')`, [
      id,
    ]);
    const updated = await write(db(), `update owners set first_name = 'Updated' where id = $1`, [id]);
    // Deleting an owner outright erases their personal data from the change log too (migration
    // 0015): the update is read before the delete so the values it delivers are the ones written.
    await log.waitFor((messages) => changesFor(messages, id).length === 2, 'the insert and the update');
    const deleted = await write(db(), 'delete from owners where id = $1', [id]);
    await log.waitFor((messages) => changesFor(messages, id).length === 3, 'three changes of the new owner');

    const changes = changesFor(log.messages, id);
    expect(changes.map((m) => [m.headers.operation, m.headers.txids])).toEqual([
      ['insert', [inserted]],
      ['update', [updated]],
      ['delete', [deleted]],
    ]);
    expect(changes[1]!.value).toMatchObject({ first_name: 'Updated', last_name: 'Insert', version: 2n });
    expect(changes.every((m) => m.key === `"public"."owners"/"${id}"`)).toBe(true);
    await log.waitFor((messages) => {
      const last = messages.indexOf(changes[2]!);
      return messages.slice(last + 1).some((m) => isControlMessage(m) && m.headers.control === 'up-to-date');
    }, 'an up-to-date after the delete');
  });

  it('refetches from scratch after the epoch changes and ends with the current rows', async () => {
    await insertOwner(db(), { first_name: 'Before' });
    const server = await shapes.start({ longPollTimeoutMs: 300 });
    const stream = shapeStream(server, 'owners', { signal: shapes.signal() });
    const log = new MessageLog(stream);
    const shape = shapeOf(stream);
    expect((await shape.rows).map((row) => row['first_name'])).toEqual(['Before']);
    const firstHandle = stream.shapeHandle;

    await bumpShapeEpoch(db());
    await insertOwner(db(), { first_name: 'After' });
    await log.waitFor(() => log.controls().includes('must-refetch'), 'must-refetch');
    await waitForRows(shape, (rows) => rows.length === 2, 'both owners after the refetch');

    expect(shape.currentRows.map((row) => row['first_name']).sort()).toEqual(['After', 'Before']);
    expect(stream.shapeHandle).toBeDefined();
    expect(stream.shapeHandle).not.toBe(firstHandle);
    // After must-refetch the rows came again as a snapshot: 'Before' is inserted a second time.
    const refetch = log.messages.findIndex((m) => isControlMessage(m) && m.headers.control === 'must-refetch');
    expect(
      log.messages
        .slice(refetch)
        .filter(isChangeMessage)
        .map((m) => m.value['first_name']),
    ).toContain('Before');
  });

  it('sends a client whose offset was compacted away back to a fresh snapshot', async () => {
    const owner = await insertOwner(db(), { first_name: 'Kept' });
    const server = await shapes.start();
    const first = shapeStream(server, 'owners', { subscribe: false, signal: shapes.signal() });
    await shapeOf(first).rows;
    const resumeAt = { offset: first.lastOffset, handle: first.shapeHandle! };

    await db().query(`update owners set first_name = 'Renamed' where id = $1`, [owner.id]);
    await insertOwner(db(), { first_name: 'Newcomer' });
    const { rows } = await db().query<{ seq: number }>('select sync.sequence_changes() as seq');
    expect(await compactChangeLog(db(), rows[0]!.seq)).toBeGreaterThan(Number(resumeAt.offset.split('_')[0]));

    const resumed = shapeStream(server, 'owners', { ...resumeAt, signal: shapes.signal() });
    const log = new MessageLog(resumed);
    const shape = shapeOf(resumed);
    await log.waitFor(() => log.controls().includes('must-refetch'), 'must-refetch');
    await waitForRows(shape, (current) => current.length === 2, 'the refetched owners');
    expect(shape.currentRows.map((row) => row['first_name']).sort()).toEqual(['Newcomer', 'Renamed']);
  });

  it('serves a table larger than one chunk completely, even when rows change between chunks', async () => {
    for (let i = 0; i < 23; i++) await insertOwner(db(), { first_name: `Owner ${String(i).padStart(2, '0')}` });
    const { rows: ids } = await db().query<{ id: string }>('select id::text as id from owners order by id');
    const laterUpdated = ids[17]!.id;
    const laterDeleted = ids[18]!.id;
    const server = await shapes.start({ chunkSize: 4 });
    let requests = 0;
    let changedBetweenChunks = false;
    const fetchClient: typeof fetch = async (input, init) => {
      requests++;
      const response = await fetch(input, init);
      if (!changedBetweenChunks) {
        // After the first chunk, before any later one is asked for: the snapshot is under way.
        changedBetweenChunks = true;
        await db().query(`update owners set first_name = 'Changed mid-snapshot' where id = $1`, [laterUpdated]);
        await db().query('delete from owners where id = $1', [laterDeleted]);
        await insertOwner(db(), { first_name: 'Inserted mid-snapshot' });
      }
      return response;
    };
    const stream = shapeStream(server, 'owners', { subscribe: false, fetchClient, signal: shapes.signal() });
    const log = new MessageLog(stream);
    const rows = await shapeOf(stream).rows;

    const { rows: expected } = await db().query<{ id: string; first_name: string }>(
      'select id::text as id, first_name from owners order by id',
    );
    expect(rows.map((row) => [row['id'], row['first_name']]).sort()).toEqual(
      expected.map((row) => [row.id, row.first_name]),
    );
    expect(requests).toBeGreaterThanOrEqual(Math.ceil(23 / 4));
    // The row changed mid-snapshot came once, from the log, not also as a (stale) snapshot row.
    expect(changesFor(log.messages, laterUpdated).map((m) => m.headers.operation)).toEqual(['update']);
  });
});
