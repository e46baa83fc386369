import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MutationRetention, pruneMutationsBefore } from '../../../sync/server/mutation-retention.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';

const DAY_MS = 86_400_000;

describe.each(CENTRAL_BACKENDS)('mutation ledger retention on %s', (kind) => {
  const db = useCentralDb(kind);

  async function recordAged(daysAgo: number): Promise<string> {
    const id = randomUUID();
    await db().query(
      `insert into sync.mutations (id, device_id, staff_id, name, args, client_created_at, status, result, received_at)
       values ($1, $2, $2, 'owner.create', '{}', now(), 'rejected', '{}', now() - make_interval(days => $3))`,
      [id, randomUUID(), daysAgo],
    );
    return id;
  }

  async function ledgerIds(): Promise<string[]> {
    const { rows } = await db().query<{ id: string }>('select id from sync.mutations order by received_at');
    return rows.map((row) => row.id);
  }

  it('deletes only rows received before the cutoff, in batches', async () => {
    for (let i = 0; i < 5; i += 1) await recordAged(100 + i);
    const recent = [await recordAged(89), await recordAged(1)];
    const outcome = await pruneMutationsBefore(db(), new Date(Date.now() - 90 * DAY_MS), 2);
    expect(outcome).toEqual({ removed: 5 });
    expect(await ledgerIds()).toEqual(recent);
  });

  it('prunes on its schedule with the configured retention', async () => {
    await recordAged(40);
    const kept = await recordAged(10);
    const retention = new MutationRetention(db(), { retainMs: 30 * DAY_MS, firstPassAfterMs: 0, intervalMs: 60_000 });
    try {
      expect(await retention.pruneNow()).toEqual({ removed: 1 });
    } finally {
      await retention.close();
    }
    expect(await ledgerIds()).toEqual([kept]);
  });
});
