import { AppError, ErrorCode, type WireError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { MutationDefinition } from '../../core/mutations/define.js';
import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import { opRowKey, type RowOp } from '../../core/sync/row-ops.js';
import type { ReplicatedTableName } from '../../core/sync/tables.js';
import { recomputeRows } from './overlay.js';
import type { LocalDatabase } from './open.js';
import type { ReplicaContext } from './replica-context.js';
import type { SearchIndex } from './search-index.js';
import { arrivalCheck, forgetCovers } from './settle-visibility.js';

/** A mutation's proof of who made it: signing key id and Ed25519 signature (base64). */
export type MutationSignature = NonNullable<MutationEnvelope['signature']>;

/** A mutation as the outbox keeps it. */
export interface OutboxEntry {
  seq: number;
  id: string;
  name: string;
  args: unknown;
  staffId: string;
  createdAt: string;
  state: 'pending' | 'acknowledged' | 'settled' | 'rejected' | 'discarded';
  error: WireError | null;
  attempts: number;
  /** Null for unsigned mutations (development mode, or made before signatures existed). */
  signature: MutationSignature | null;
}

/** What a signature covers besides the device (the signer knows its device). */
export interface MutationToSign {
  id: string;
  name: string;
  args: unknown;
  staffId: string;
  createdAt: string;
}

/**
 * Signs a mutation as it is queued: the signed-in session's key, bound to this device. Absent in
 * development mode, where envelopes go unsigned.
 */
export type MutationSigner = (mutation: MutationToSign) => MutationSignature;

interface OutboxRow {
  seq: number;
  id: string;
  name: string;
  args: string;
  staff_id: string;
  created_at: string;
  state: OutboxEntry['state'];
  error: string | null;
  attempts: number;
  signing_key_id: string | null;
  signature: string | null;
}

function signatureOf(row: Pick<OutboxRow, 'signing_key_id' | 'signature'>): MutationSignature | null {
  return row.signing_key_id !== null && row.signature !== null
    ? { keyId: row.signing_key_id, value: row.signature }
    : null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    seq: row.seq,
    id: row.id,
    name: row.name,
    args: JSON.parse(row.args) as unknown,
    staffId: row.staff_id,
    createdAt: row.created_at,
    state: row.state,
    error: row.error ? (JSON.parse(row.error) as WireError) : null,
    attempts: row.attempts,
    signature: signatureOf(row),
  };
}

/**
 * Records a local change: validates the arguments with the mutation's own schema, lays its
 * operations over the replica and appends it to the outbox, all in one SQLite transaction, so
 * a crash leaves either both or neither. With `sign`, the mutation is signed over exactly the
 * arguments stored (and later pushed), and the signature is stored beside it.
 * @throws AppError VALIDATION_FAILED (with the zod issues) when the arguments are invalid.
 */
export function enqueueMutation(
  ctx: ReplicaContext,
  search: SearchIndex,
  definition: MutationDefinition,
  rawArgs: unknown,
  staffId: string,
  now: Date = new Date(),
  sign?: MutationSigner,
): { id: string; ops: RowOp[] } {
  const parsed = definition.args.safeParse(rawArgs);
  if (!parsed.success) {
    throw validationError(parsed.error, `Invalid ${definition.name}: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const id = newId(now.getTime());
  const createdAt = now.toISOString();
  const ops = definition.ops(parsed.data, { staffId, now: createdAt });
  const argsJson = JSON.stringify(parsed.data);
  // Signed as the server will read them: the stored JSON, not the parsed object.
  const signature = sign?.({ id, name: definition.name, args: JSON.parse(argsJson), staffId, createdAt }) ?? null;
  let touched = new Set<ReplicatedTableName>();
  ctx.db.transaction(() => {
    const { lastInsertRowid } = ctx.db
      .prepare(
        `insert into outbox (id, name, args, staff_id, created_at, ops, signing_key_id, signature)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        definition.name,
        argsJson,
        staffId,
        createdAt,
        JSON.stringify(ops),
        signature?.keyId ?? null,
        signature?.value ?? null,
      );
    const link = ctx.db.prepare('insert or ignore into outbox_rows (row_key, mutation_seq) values (?, ?)');
    const keys = ops.map(opRowKey);
    for (const key of keys) link.run(key, Number(lastInsertRowid));
    touched = recomputeRows(ctx, search, keys);
  })();
  ctx.notify(touched);
  return { id, ops };
}

/**
 * The oldest mutations to push, in the order they were made: those not yet acknowledged by the
 * server and those marked for replay after a restore of the server (outbox-replay.ts). Every
 * marked one was acknowledged before any pending one was pushed, so the replay goes first.
 */
export function pendingBatch(ctx: ReplicaContext, limit: number): MutationEnvelope[] {
  // Two index range reads, merged: one `state = 'pending' or replay = 1` scans the whole outbox,
  // retained settled rows included, at every look at the queue.
  const columns = 'seq, id, name, args, staff_id, created_at, signing_key_id, signature';
  const replays = ctx.db
    .prepare(`select ${columns} from outbox where replay = 1 order by seq limit ?`)
    .all(limit) as PendingRow[];
  const pending = ctx.db
    .prepare(`select ${columns} from outbox where state = 'pending' and replay = 0 order by seq limit ?`)
    .all(limit) as PendingRow[];
  const rows = [...replays, ...pending].sort((a, b) => a.seq - b.seq).slice(0, limit);
  return pendingEnvelopes(rows).map((entry) => entry.envelope);
}

/**
 * Pending mutations with `seq` above `afterSeq`, oldest first, with their seq: pages through
 * the outbox without changing it (the push before a local migration reads it this way, on a
 * handle that is not yet a replica, so on any schema since 0002: no replay marks read).
 */
export function pendingAfter(
  db: LocalDatabase,
  afterSeq: number,
  limit: number,
): { seq: number; envelope: MutationEnvelope }[] {
  const rows = db
    .prepare(
      `select seq, id, name, args, staff_id, created_at, signing_key_id, signature
         from outbox where state = 'pending' and seq > ? order by seq limit ?`,
    )
    .all(afterSeq, limit) as PendingRow[];
  return pendingEnvelopes(rows);
}

type PendingRow = Pick<
  OutboxRow,
  'seq' | 'id' | 'name' | 'args' | 'staff_id' | 'created_at' | 'signing_key_id' | 'signature'
>;

function pendingEnvelopes(rows: readonly PendingRow[]): { seq: number; envelope: MutationEnvelope }[] {
  return rows.map((row) => {
    const signature = signatureOf(row);
    return {
      seq: row.seq,
      envelope: {
        id: row.id,
        name: row.name,
        args: JSON.parse(row.args) as unknown,
        staffId: row.staff_id,
        createdAt: row.created_at,
        ...(signature ? { signature } : {}),
      },
    };
  });
}

/** Notes an attempt to push these mutations (for the status and for diagnosis). */
export function markAttempt(ctx: ReplicaContext, ids: readonly string[], at: Date = new Date()): void {
  const statement = ctx.db.prepare(`update outbox set attempts = attempts + 1, last_attempt_at = ? where id = ?`);
  ctx.db.transaction(() => {
    for (const id of ids) statement.run(at.toISOString(), id);
  })();
}

/** Keys of the rows a mutation touches, and drops its overlay links. */
function unlinkRows(ctx: ReplicaContext, seq: number): string[] {
  const keys = (
    ctx.db.prepare('select row_key from outbox_rows where mutation_seq = ?').all(seq) as { row_key: string }[]
  ).map((row) => row.row_key);
  ctx.db.prepare('delete from outbox_rows where mutation_seq = ?').run(seq);
  return keys;
}

/**
 * Records the server's answers. Acknowledged mutations keep their overlay until their
 * transaction arrives (see `settleArrived`); a rejected one is rolled back exactly: its links
 * go and the rows it touched are recomputed from server truth and the remaining mutations.
 * The answer to a replay (outbox-replay.ts) clears its mark: applied or merged, the mutation
 * stays as it was (settled, or acknowledged until its effect arrives); rejected (the restored
 * server can no longer apply it), it becomes a rejection waiting in Sync review, its details
 * saying `afterRestore`, and its overlay, if it still had one, goes.
 * Results for unknown or already-final mutations are ignored (a duplicated response).
 * @returns the row keys recomputed, so the caller can settle and notify.
 */
export function recordResults(
  ctx: ReplicaContext,
  search: SearchIndex,
  results: readonly MutationResult[],
  at: Date = new Date(),
): Set<ReplicatedTableName> {
  let touched = new Set<ReplicatedTableName>();
  ctx.db.transaction(() => {
    const find = ctx.db.prepare(`select seq, state, replay from outbox where id = ?`);
    const replayed = ctx.db.prepare(`update outbox set replay = 0 where seq = ?`);
    const acknowledge = ctx.db.prepare(
      `update outbox set state = 'acknowledged', status = ?, txid = ?, tables = ?, conflicts = ?, acknowledged_at = ?
        where seq = ?`,
    );
    const reject = ctx.db.prepare(
      `update outbox set state = 'rejected', status = 'rejected', error = ?, acknowledged_at = ? where seq = ?`,
    );
    const recompute: string[] = [];
    for (const result of results) {
      const row = find.get(result.id) as { seq: number; state: OutboxEntry['state']; replay: number } | undefined;
      if (!row || (row.state !== 'pending' && row.replay !== 1)) continue;
      if (result.status === 'rejected') {
        const error =
          row.replay === 1
            ? { ...result.error, details: { ...result.error.details, afterRestore: true } }
            : result.error;
        reject.run(JSON.stringify(error), at.toISOString(), row.seq);
        replayed.run(row.seq);
        recompute.push(...unlinkRows(ctx, row.seq));
      } else if (row.replay === 1) {
        replayed.run(row.seq);
      } else {
        acknowledge.run(
          result.status,
          result.txid,
          JSON.stringify(result.tables),
          JSON.stringify(result.conflicts ?? []),
          at.toISOString(),
          row.seq,
        );
      }
    }
    touched = recomputeRows(ctx, search, recompute);
  })();
  return touched;
}

/**
 * Settles every acknowledged mutation whose transaction has arrived on each table it changed:
 * delivered in a change message, visible in the table's last `snapshot-end`, or covered by a
 * refetch that began after the acknowledgement (see settle-visibility.ts). Its overlay goes,
 * server truth now carries its effect.
 * @returns the tables whose visible rows may have changed.
 */
export function settleArrived(
  ctx: ReplicaContext,
  search: SearchIndex,
  at: Date = new Date(),
): Set<ReplicatedTableName> {
  let touched = new Set<ReplicatedTableName>();
  ctx.db.transaction(() => {
    const acknowledged = ctx.db
      .prepare(`select seq, txid, tables from outbox where state = 'acknowledged' order by seq`)
      .all() as { seq: number; txid: string | null; tables: string }[];
    if (acknowledged.length === 0) return;
    const arrived = arrivalCheck(ctx);
    const settle = ctx.db.prepare(`update outbox set state = 'settled', settled_at = ? where seq = ?`);
    const recompute: string[] = [];
    for (const mutation of acknowledged) {
      const tables = JSON.parse(mutation.tables) as string[];
      const { seq, txid } = mutation;
      const complete = tables.every((table) => txid !== null && arrived(table, { seq, txid }));
      if (!complete) continue;
      settle.run(at.toISOString(), seq);
      forgetCovers(ctx, seq);
      recompute.push(...unlinkRows(ctx, mutation.seq));
    }
    touched = recomputeRows(ctx, search, recompute);
  })();
  return touched;
}

/** Mutations the server rejected, waiting for staff. */
export function rejectedMutations(ctx: ReplicaContext): OutboxEntry[] {
  return (ctx.db.prepare(`select * from outbox where state = 'rejected' order by seq`).all() as OutboxRow[]).map(
    toEntry,
  );
}

/** Drops a rejected mutation from the inbox (its effect was already rolled back). */
export function discardRejected(ctx: ReplicaContext, id: string): void {
  const result = ctx.db.prepare(`update outbox set state = 'discarded' where id = ? and state = 'rejected'`).run(id);
  if (result.changes === 0) throw new AppError(ErrorCode.NotFound, `No rejected change ${id}`);
}

/** Counts by state, for the sync status; a mutation marked for replay counts as pending. */
export function outboxCounts(ctx: ReplicaContext): { pending: number; acknowledged: number; rejected: number } {
  const rows = ctx.db
    .prepare(`select case when replay = 1 then 'pending' else state end as state, count(*) as n from outbox group by 1`)
    .all() as {
    state: string;
    n: number;
  }[];
  const count = (state: string) => rows.find((row) => row.state === state)?.n ?? 0;
  return { pending: count('pending'), acknowledged: count('acknowledged'), rejected: count('rejected') };
}

/** Mutations the server never took: pending ones and rejected ones still in the inbox, in order. */
export function unsentMutations(ctx: ReplicaContext): OutboxEntry[] {
  return (
    ctx.db.prepare(`select * from outbox where state in ('pending', 'rejected') order by seq`).all() as OutboxRow[]
  ).map(toEntry);
}

/**
 * Outbox retention: deletes settled mutations (applied or merged, and arrived) and discarded
 * ones whose server answer came before `before`. Pending, acknowledged and rejected mutations,
 * and those marked for replay, are never touched: they are the work not yet done. Settled ones
 * are kept until then so that a restore of the server can be replayed (outbox-replay.ts). Their overlay links went when they
 * settled or were rejected.
 * @returns how many rows were deleted.
 */
export function pruneFinished(ctx: ReplicaContext, before: Date): number {
  return ctx.db
    .prepare(`delete from outbox where state in ('settled', 'discarded') and replay = 0 and acknowledged_at < ?`)
    .run(before.toISOString()).changes;
}
