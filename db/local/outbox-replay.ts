import { REPLAY_CLOCK_MARGIN_MS, type RestoreEpoch } from '../../core/sync/restore-epoch.js';
import type { ReplicaContext } from './replica-context.js';

/**
 * Replay after a restore of the central database (docs/sync-workstation.md "After a server
 * restore"). The workstation remembers the server's shape epoch (`sync_meta.server_epoch`); a new
 * one means the database was restored from a backup, whose ledger may lack mutations this
 * workstation had pushed and settled since. Those are marked (`outbox.replay`, local migration
 * 0013) and the push loop sends them again, in outbox order, before anything pending.
 */

const EPOCH_KEY = 'server_epoch';

/** What an epoch seen in a server answer means to this workstation. */
export type EpochSighting = 'first' | 'same' | 'changed';

/** The server epoch this workstation last synced with, if it ever saw one. */
export function knownEpoch(ctx: ReplicaContext): string | undefined {
  return (ctx.db.prepare('select value from sync_meta where key = ?').get(EPOCH_KEY) as { value: string } | undefined)
    ?.value;
}

/**
 * Notes an epoch a server answer named. The first one is stored (nothing to replay: this
 * workstation pushed nothing under an earlier one it knows of); another than the one stored is
 * NOT stored here: only `beginReplay` moves to a new epoch, together with the marks, so a crash
 * between the two cannot skip the replay.
 */
export function sightEpoch(ctx: ReplicaContext, epoch: string): EpochSighting {
  const known = knownEpoch(ctx);
  if (known === epoch) return 'same';
  if (known !== undefined) return 'changed';
  ctx.db.prepare('insert or replace into sync_meta (key, value) values (?, ?)').run(EPOCH_KEY, epoch);
  return 'first';
}

/**
 * Moves to the epoch of a restored server: in one transaction, marks for replay every mutation
 * the server applied or merged (acknowledged or settled, still retained) that its ledger may have
 * lost, and stores the epoch. Mutations acknowledged before `replaySince` (less a margin for this
 * workstation's clock) are left alone: the restored ledger may have pruned them, and a replay
 * would then apply them twice. Rejected and discarded mutations are never marked: what the server
 * refused stays refused. Nothing happens when `epoch` is the one stored already.
 * @returns how many mutations were marked.
 */
export function beginReplay(ctx: ReplicaContext, restore: RestoreEpoch): number {
  let marked = 0;
  ctx.db.transaction(() => {
    if (knownEpoch(ctx) === restore.epoch) return;
    const since =
      restore.replaySince === null
        ? null
        : new Date(Date.parse(restore.replaySince) + REPLAY_CLOCK_MARGIN_MS).toISOString();
    marked = ctx.db
      .prepare(
        `update outbox set replay = 1
          where state in ('acknowledged', 'settled') and status in ('applied', 'merged')
            and (@since is null or acknowledged_at > @since)`,
      )
      .run({ since }).changes;
    ctx.db.prepare('insert or replace into sync_meta (key, value) values (?, ?)').run(EPOCH_KEY, restore.epoch);
  })();
  return marked;
}
