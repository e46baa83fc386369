import { describe, expect, it } from 'vitest';
import type { CentralDb } from '../../../db/central/connection.js';
import { buildApp } from '../../../server/http/app.js';
import {
  ChangeLogCompactor,
  compactOlderThan,
  type CompactionOutcome,
} from '../../../sync/server/change-log-compactor.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sequences what is captured and returns the log's seqs, oldest first. */
async function logSeqs(db: CentralDb): Promise<number[]> {
  await db.query('select sync.sequence_changes()');
  const { rows } = await db.query<{ seq: number }>('select seq from sync.change_log order by seq');
  return rows.map((row) => row.seq);
}

/** Makes the entries up to `seq` look captured `days` ago. */
async function age(db: CentralDb, throughSeq: number, days: number): Promise<void> {
  await db.query(`update sync.change_log set changed_at = now() - make_interval(days => $2) where seq <= $1`, [
    throughSeq,
    days,
  ]);
}

async function compactedThrough(db: CentralDb): Promise<number> {
  const { rows } = await db.query<{ point: number }>('select compacted_through as point from sync.shape_epoch');
  return rows[0]!.point;
}

describe.each(CENTRAL_BACKENDS)('change-log compaction on %s', (kind) => {
  const db = useCentralDb(kind);

  it('discards the entries older than the cutoff, in batches, and keeps the younger ones', async () => {
    for (let i = 0; i < 7; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    const seqs = await logSeqs(db());
    expect(seqs).toHaveLength(7);
    await age(db(), seqs[4]!, 40);

    const outcome = await compactOlderThan(db(), { cutoff: new Date(Date.now() - 30 * DAY_MS), batch: 2 });

    expect(outcome).toEqual({ point: seqs[4], removed: 5 });
    expect(await logSeqs(db())).toEqual(seqs.slice(5));
    expect(await compactedThrough(db())).toBe(seqs[4]);
    // A second pass finds nothing more to do.
    expect(await compactOlderThan(db(), { cutoff: new Date(Date.now() - 30 * DAY_MS) })).toEqual({
      point: seqs[4],
      removed: 0,
    });
  });

  it('never discards the newest entry, even when everything is old', async () => {
    for (let i = 0; i < 3; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    const seqs = await logSeqs(db());
    await age(db(), seqs[2]!, 90);

    const outcome = await compactOlderThan(db(), { cutoff: new Date(), batch: 1 });

    expect(outcome).toEqual({ point: seqs[1], removed: 2 });
    expect(await logSeqs(db())).toEqual([seqs[2]]);
  });

  it('does nothing on an empty log or when nothing is old enough', async () => {
    expect(await compactOlderThan(db(), { cutoff: new Date() })).toEqual({ point: 0, removed: 0 });
    await insertOwner(db(), { first_name: 'Fresh' });
    await insertOwner(db(), { first_name: 'Fresher' });
    const seqs = await logSeqs(db());
    expect(await compactOlderThan(db(), { cutoff: new Date(Date.now() - DAY_MS) })).toEqual({ point: 0, removed: 0 });
    expect(await logSeqs(db())).toEqual(seqs);
  });

  it('refuses a batch that is not a positive integer', async () => {
    await expect(compactOlderThan(db(), { cutoff: new Date(), batch: 0 })).rejects.toThrow(RangeError);
  });

  it('runs a pass on its own after start, reports it, and close waits for it', async () => {
    for (let i = 0; i < 4; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    const seqs = await logSeqs(db());
    await age(db(), seqs[2]!, 10);
    const reported: CompactionOutcome[] = [];
    let passed!: () => void;
    const firstPass = new Promise<void>((resolve) => (passed = resolve));
    const compactor = new ChangeLogCompactor(db(), {
      retainMs: 7 * DAY_MS,
      firstPassAfterMs: 0,
      onCompacted: (outcome) => {
        reported.push(outcome);
        passed();
      },
    });
    compactor.start();
    await firstPass;
    await compactor.close();

    expect(reported).toEqual([{ point: seqs[2], removed: 3 }]);
    expect(await logSeqs(db())).toEqual([seqs[3]]);
    // Closed: a later start schedules nothing.
    compactor.start();
    await age(db(), seqs[3]!, 10);
    await insertOwner(db(), { first_name: 'After close' });
    await logSeqs(db());
    expect(await compactor.compactNow()).toEqual({ point: seqs[3], removed: 1 });
  });

  it('is scheduled by the HTTP app while it listens and counted in /metrics', async () => {
    for (let i = 0; i < 3; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    const seqs = await logSeqs(db());
    await age(db(), seqs[1]!, 45);
    const app = buildApp({
      db: db(),
      version: 'test',
      logLevel: 'silent',
      compaction: { retainMs: 30 * DAY_MS, firstPassAfterMs: 0 },
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      await expect.poll(() => compactedThrough(db())).toBe(seqs[1]);
      const metrics = await app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^vetdesk_change_log_compacted_entries_total 2$/m);
    } finally {
      await app.close();
    }
  });

  it('refuses a retention that is not positive', () => {
    expect(() => new ChangeLogCompactor(db(), { retainMs: 0 })).toThrow(RangeError);
  });
});
