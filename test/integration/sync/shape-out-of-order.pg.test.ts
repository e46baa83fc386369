/**
 * Transactions that commit in another order than they wrote. PostgreSQL only: PGlite has a
 * single session and VetDesk serialises its transactions through a mutex, so on PGlite a
 * transaction cannot write while another is open, and commit order always equals write order.
 */
import { isChangeMessage, type ChangeMessage } from '@electric-sql/client';
import { describe, expect, it } from 'vitest';
import type { CentralDb, SqlExecutor } from '../../../db/central/connection.js';
import { useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';
import { MessageLog, shapeOf, shapeStream, useShapeServer, waitForRows } from '../../helpers/shape-client.js';

/** A transaction on its own connection that runs what it is given, in order, until `commit`. */
function openTransaction(db: CentralDb) {
  const jobs: { fn: (tx: SqlExecutor) => Promise<unknown>; settle: (error?: Error) => void }[] = [];
  let wake: (() => void) | undefined;
  let committing = false;
  const done = db.transaction(async (tx) => {
    for (;;) {
      const job = jobs.shift();
      if (job) {
        try {
          await job.fn(tx);
          job.settle();
        } catch (error) {
          job.settle(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      } else if (committing) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  });
  return {
    /** Runs `fn` inside the transaction; resolves once it has run (uncommitted). */
    run(fn: (tx: SqlExecutor) => Promise<unknown>): Promise<void> {
      return new Promise((resolve, reject) => {
        jobs.push({
          fn,
          settle: (error) => {
            if (error === undefined) resolve();
            else reject(error);
          },
        });
        wake?.();
      });
    },
    commit(): Promise<void> {
      committing = true;
      wake?.();
      return done;
    },
  };
}

const ownerChange = (log: MessageLog, firstName: string) =>
  log.messages.find((m): m is ChangeMessage => isChangeMessage(m) && m.value['first_name'] === firstName);

describe('shape log with out-of-order commits on postgres', () => {
  const db = useCentralDb('postgres', { poolMax: 10 });
  const shapes = useShapeServer(db);

  it('still delivers a change whose transaction wrote first but committed after the reader moved on', async () => {
    const server = await shapes.start();
    const log = new MessageLog(shapeStream(server, 'owners', { signal: shapes.signal() }));
    await log.waitFor(() => log.controls().includes('up-to-date'), 'initial sync');

    const t1 = openTransaction(db());
    await t1.run((tx) => insertOwner(tx, { first_name: 'Written first' }));
    await insertOwner(db(), { first_name: 'Committed first' }); // T2: writes later, commits first
    await log.waitFor(() => ownerChange(log, 'Committed first') !== undefined, "T2's change while T1 is open");
    const seenBeforeT1Commits = log.messages.length;

    // A naive reader following change_log.id has already passed T1's (lower, invisible) id.
    const naive = await db().query<{ id: number }>(`select id from sync.change_log where table_name = 'owners'`);
    const naiveLastId = Math.max(...naive.rows.map((row) => row.id));

    await t1.commit();
    await log.waitFor(() => ownerChange(log, 'Written first') !== undefined, "T1's change after it committed");
    expect(log.messages.indexOf(ownerChange(log, 'Written first')!)).toBeGreaterThanOrEqual(seenBeforeT1Commits);

    const { rows } = await db().query<{ first_name: string; id: number; seq: number }>(
      `select row_data->>'first_name' as first_name, id, seq from sync.change_log where table_name = 'owners'`,
    );
    const t1Entry = rows.find((row) => row.first_name === 'Written first')!;
    const t2Entry = rows.find((row) => row.first_name === 'Committed first')!;
    expect(t1Entry.id).toBeLessThan(t2Entry.id);
    expect(t1Entry.seq).toBeGreaterThan(t2Entry.seq);
    const naiveNext = await db().query(`select 1 from sync.change_log where table_name = 'owners' and id > $1`, [
      naiveLastId,
    ]);
    expect(naiveNext.rows, 'a reader ordering by id would never see T1').toEqual([]);
  });

  it("keeps one row's changes in the order they were made while an unrelated transaction stays open", async () => {
    const row = await insertOwner(db(), { first_name: 'Original' });
    const other = await insertOwner(db(), { first_name: 'Other' });
    const server = await shapes.start();
    const stream = shapeStream(server, 'owners', { signal: shapes.signal() });
    const shape = shapeOf(stream);
    await shape.rows;

    // B takes the oldest xid, X a later one and stays open, A a later one still. A updates the
    // row and commits; then B updates the same row (A's lock is gone) and commits.
    const b = openTransaction(db());
    await b.run((tx) => tx.query(`update owners set first_name = 'Other by B' where id = $1`, [other.id]));
    const x = openTransaction(db());
    await x.run((tx) => insertOwner(tx, { first_name: 'Inserted by X' }));
    await db().query(`update owners set first_name = 'A version' where id = $1`, [row.id]);
    await b.run((tx) => tx.query(`update owners set first_name = 'B version' where id = $1`, [row.id]));
    await b.commit();

    const current = () => shape.currentRows.find((r) => r['id'] === row.id)?.['first_name'];
    await waitForRows(shape, () => current() === 'B version', 'the newest version while X is open');
    await x.commit();
    await waitForRows(shape, (rows) => rows.length === 3, "X's owner");
    expect(current()).toBe('B version');
    const { rows } = await db().query<{ first_name: string; seq: number }>(
      `select row_data->>'first_name' as first_name, seq from sync.change_log where row_id = $1 order by seq`,
      [row.id],
    );
    expect(rows.map((entry) => entry.first_name)).toEqual(['Original', 'A version', 'B version']);
  });
});
