import type { SqlExecutor } from '../../db/central/connection.js';
import { GENESIS_HASH, SEALED_COLUMNS_SQL, sealHash, type SealedColumns } from './audit-seal-hash.js';

/** Why a link of the chain does not hold. */
export type BrokenLinkKind =
  /** The seal's seq is not the previous one plus one: a seal was removed. */
  | 'seq-gap'
  /** The seal does not cover the previous seal's hash: a seal was removed, added or rewritten. */
  | 'prev-hash'
  /** The sealed audit row no longer exists. */
  | 'row-missing'
  /** The audit row's content no longer matches its seal: the row was edited. */
  | 'content';

/** The first link of the chain that does not hold. */
export interface BrokenLink {
  kind: BrokenLinkKind;
  seq: number;
  auditId: number;
  /** What an intact chain has here (a seq, or a hash). */
  expected: string;
  /** What the database holds. */
  found: string;
}

/** The outcome of walking the chain. */
export interface ChainReport {
  /** Seals checked (all of them when the chain holds, up to the break otherwise). */
  checked: number;
  /**
   * Of those, rows an erasure redacted after they were sealed (listed in `audit.redactions`): their
   * link still holds, but their content can no longer be recomputed (docs/database.md, "Erasure").
   */
  redacted: number;
  /** Audit rows not sealed yet (the sealer has not reached them). */
  unsealed: number;
  /** The last seal: export it, since a chain rewritten from scratch is only caught against it. */
  head: { seq: number; hash: string } | undefined;
  /** The first broken link; absent when the chain holds. */
  broken?: BrokenLink;
}

interface SealRow extends SealedColumns {
  seq: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
  row_present: boolean;
  redacted: boolean;
}

/**
 * Walks the seal chain from the first seal in seq order, recomputing each hash from the
 * previous one and the audit row as it is now, and stops at the first link that does not
 * hold. Read-only. What it proves and does not is in docs/database.md ("Audit seals").
 * Rejects with the database's error.
 */
export async function verifyAuditChain(db: SqlExecutor, options: { batch?: number } = {}): Promise<ChainReport> {
  const batch = options.batch ?? 5_000;
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let redacted = 0;
  let broken: BrokenLink | undefined;
  walk: for (;;) {
    const { rows } = await db.query<SealRow>(
      `select s.seq, s.audit_id, s.prev_hash, s.hash, e.id is not null as row_present,
            r.audit_id is not null as redacted, ${SEALED_COLUMNS_SQL}
         from audit.entity_change_seals s
         left join audit.entity_changes e on e.id = s.audit_id
         left join audit.redactions r on r.audit_id = s.audit_id
        where s.seq > $1
        order by s.seq
        limit $2`,
      [seq, batch],
    );
    for (const row of rows) {
      const outcome = checkLink(row, seq, prevHash);
      if (outcome !== 'holds' && outcome !== 'redacted') {
        broken = outcome;
        break walk;
      }
      if (outcome === 'redacted') redacted += 1;
      seq = row.seq;
      prevHash = row.hash;
      checked += 1;
    }
    if (rows.length < batch) break;
  }
  const { rows } = await db.query<{ unsealed: number }>(
    `select count(*)::int as unsealed from audit.entity_changes e
      where not exists (select 1 from audit.entity_change_seals s where s.audit_id = e.id)`,
  );
  const head = await db.query<{ seq: number; hash: string }>(
    'select seq, hash from audit.entity_change_seals order by seq desc limit 1',
  );
  return {
    checked,
    redacted,
    unsealed: rows[0]?.unsealed ?? 0,
    head: head.rows[0] ? { seq: head.rows[0].seq, hash: head.rows[0].hash } : undefined,
    ...(broken ? { broken } : {}),
  };
}

/**
 * `holds`, `redacted` (the row's content changed, and an erasure recorded that it redacted this
 * row), or the broken link.
 */
function checkLink(row: SealRow, prevSeq: number, prevHash: string): BrokenLink | 'holds' | 'redacted' {
  const at = { seq: row.seq, auditId: row.audit_id };
  if (row.seq !== prevSeq + 1) return { kind: 'seq-gap', ...at, expected: String(prevSeq + 1), found: String(row.seq) };
  if (row.prev_hash !== prevHash) return { kind: 'prev-hash', ...at, expected: prevHash, found: row.prev_hash };
  if (!row.row_present) return { kind: 'row-missing', ...at, expected: row.hash, found: 'no audit row' };
  const recomputed = sealHash(prevHash, row);
  if (recomputed === row.hash) return 'holds';
  if (row.redacted) return 'redacted';
  return { kind: 'content', ...at, expected: row.hash, found: recomputed };
}
