import type { SqlExecutor } from '../../db/central/connection.js';
import { GENESIS_HASH, SEALED_COLUMNS_SQL, sealHash, type SealedColumns } from './audit-seal-hash.js';

/** What one sealing pass did. */
export interface SealOutcome {
  /** Audit rows sealed by this pass. */
  sealed: number;
  /** The chain's last seq afterwards (0 while nothing is sealed). */
  lastSeq: number;
  /** How long the oldest row sealed by this pass had waited, in ms (0 when none was sealed). */
  lagMs: number;
}

/** How a pass walks the unsealed rows. */
export interface SealPassOptions {
  /** Most rows sealed per transaction (default 1,000), so the sealer's lock is held briefly. */
  batch?: number;
}

const DEFAULT_BATCH = 1_000;
/** Serialises sealers (several server processes may share one database). */
const SEAL_LOCK = 748215303;

interface PendingRow extends SealedColumns {
  changed_at: Date;
}

/**
 * Seals, one transaction per `batch`, every audit row committed before the pass and not yet
 * sealed, appending each to the chain in audit-id order within a batch.
 *
 * No horizon is needed for a row never to be skipped (the same reasoning as
 * `sync.sequence_changes`): a pass sees only committed rows and picks every unsealed one, not
 * those above the last sealed id, so a row whose transaction commits after a higher id was
 * sealed is found by a later pass and gets a later seq. The advisory lock, held to commit,
 * keeps two sealers from extending the chain from the same head.
 */
export async function sealPending(
  db: { transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T> },
  options: SealPassOptions = {},
): Promise<SealOutcome> {
  const batch = options.batch ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  const total: SealOutcome = { sealed: 0, lastSeq: 0, lagMs: 0 };
  // Later batches of a pass look only above the previous batch, so a long backlog is not
  // re-scanned from the start for every batch. A lower id committing meanwhile is not lost:
  // the next pass starts from the beginning again.
  let afterId: string | undefined;
  for (;;) {
    const step = await db.transaction((tx) => sealBatch(tx, batch, afterId));
    afterId = step.lastAuditId;
    total.sealed += step.sealed;
    total.lastSeq = step.lastSeq;
    total.lagMs = Math.max(total.lagMs, step.lagMs);
    if (step.sealed < batch) return total;
  }
}

async function sealBatch(
  tx: SqlExecutor,
  batch: number,
  afterId: string | undefined,
): Promise<SealOutcome & { lastAuditId?: string }> {
  await tx.query('select pg_advisory_xact_lock($1)', [SEAL_LOCK]);
  const head = await tx.query<{ seq: number; hash: string }>(
    'select seq, hash from audit.entity_change_seals order by seq desc limit 1',
  );
  let seq = head.rows[0]?.seq ?? 0;
  let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const { rows } = await tx.query<PendingRow>(
    `select ${SEALED_COLUMNS_SQL}, e.changed_at
       from audit.entity_changes e
      where not exists (select 1 from audit.entity_change_seals s where s.audit_id = e.id)
        and ($2::bigint is null or e.id > $2::bigint)
      order by e.id
      limit $1`,
    [batch, afterId ?? null],
  );
  if (rows.length === 0) return { sealed: 0, lastSeq: seq, lagMs: 0 };
  const seqs: number[] = [];
  const ids: string[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  let oldest = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const hash = sealHash(prevHash, row);
    seq += 1;
    seqs.push(seq);
    ids.push(row.c_id);
    prevs.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
    oldest = Math.min(oldest, row.changed_at.getTime());
  }
  await tx.query(
    `insert into audit.entity_change_seals (seq, audit_id, prev_hash, hash)
     select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
    [seqs, ids, prevs, hashes],
  );
  return {
    sealed: rows.length,
    lastSeq: seq,
    lagMs: Math.max(0, Date.now() - oldest),
    lastAuditId: rows[rows.length - 1]!.c_id,
  };
}
