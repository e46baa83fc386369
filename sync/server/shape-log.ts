import { AppError, ErrorCode } from '../../core/errors.js';
import type { CentralDb, SqlExecutor } from '../../db/central/connection.js';
import { isCurrentHandle, mintHandle, shapeGeneration } from './shape-handle.js';
import {
  UP_TO_DATE,
  type ShapeChangeMessage,
  type ShapeMessage,
  type ShapeSnapshotEndMessage,
} from './shape-messages.js';
import { logOffset, snapshotOffset, type ShapePosition } from './shape-offset.js';
import {
  FORMAT_SETTINGS,
  readLogHead,
  readLogPage,
  readSnapshotPage,
  type LogEntry,
  type LogHead,
  type SnapshotRow,
} from './shape-sql.js';
import type { ShapeTable } from './shape-table.js';

/**
 * Reading a table's shape log: a snapshot, paged, then the table's changes in `seq` order.
 *
 * No change is skipped and none is served twice:
 * - `seq` (sync.sequence_changes) is assigned only to committed changes, in batches that become
 *   visible as a gapless prefix, so a reader that has everything up to S and asks for seq > S
 *   never misses a change, however transactions interleaved and in whatever order they committed.
 * - The snapshot is taken at position P (the highest seq when it starts) and may span many
 *   requests. Each page reads the table itself but leaves out the rows it sees changed after P
 *   (sequenced later or not yet sequenced); every other row is exactly as at P. The log then
 *   continues from P and delivers every change after P. So the pages, however far apart in time,
 *   add up to the table at P, and the log takes it from there, without a row's change arriving
 *   both in the snapshot and again from the log. (The alternative, one REPEATABLE READ snapshot
 *   whose `pg_current_snapshot()` filters the log with `pg_visible_in_snapshot`, holds only
 *   within one request: pages read later see a different table.)
 * - `up-to-date` is sent only when this transaction has served every change of the table up to
 *   the head of the log and sees none of its changes still waiting for a seq. What the client then
 *   holds is exactly the table as this transaction sees it, which the `snapshot-end` message of a
 *   non-live response states as a PostgreSQL snapshot: every transaction visible in it is
 *   reflected, whether its change arrived as a message or inside the snapshot.
 */

/** One read of a shape. */
export interface ShapeReadRequest {
  table: ShapeTable;
  position: ShapePosition;
  /** The client's handle; required for snapshot and log positions. */
  handle: string | undefined;
  /** Most rows (snapshot rows plus changes) in one response. */
  chunkSize: number;
  /** A live request: its up-to-date carries no snapshot-end (live clients follow txids). */
  live: boolean;
}

/** A shape read's outcome, with the shape epoch it was read under (core/sync/restore-epoch.ts). */
export type ShapeReadResult = ShapeReadOutcome & { epoch: string };

type ShapeReadOutcome =
  | {
      kind: 'must-refetch';
      /** A handle the client has never held (see shape-handle.ts). */
      handle: string;
      reason: 'unknown-handle' | 'compacted' | 'beyond-log';
    }
  | {
      kind: 'chunk';
      handle: string;
      /** The offset to ask for next. */
      offset: string;
      messages: ShapeMessage[];
      /** Row messages in `messages` (snapshot rows and changes). */
      changes: number;
      upToDate: boolean;
      /** The log head this read saw; a live reader waits for the sequencer to pass it. */
      headSeq: number;
    };

/**
 * Reads the next chunk of a shape from `position`, in one REPEATABLE READ transaction.
 * Does not sequence changes itself: run the sequencer first for fresh results.
 * @throws the database's errors (see toAppError); AppError INTERNAL for a transaction id beyond
 *   2^53.
 */
export function readShapeChunk(db: CentralDb, request: ShapeReadRequest): Promise<ShapeReadResult> {
  return db.transaction(
    async (tx) => {
      await tx.query(FORMAT_SETTINGS);
      const head = await readLogHead(tx, request.table);
      return { ...(await readUnderHead(tx, request, head)), epoch: head.epoch };
    },
    { isolation: 'repeatable read' },
  );
}

async function readUnderHead(tx: SqlExecutor, request: ShapeReadRequest, head: LogHead): Promise<ShapeReadOutcome> {
  const { table, position } = request;
  const generation = shapeGeneration(head.epoch, table);
  const clientHandle =
    request.handle !== undefined && isCurrentHandle(request.handle, table, generation) ? request.handle : null;
  const read: Read = { tx, request, head, handle: clientHandle ?? mintHandle(table, generation) };

  if (position.kind === 'now') {
    return chunk(read.handle, logOffset(head.headSeq), [UP_TO_DATE], 0, true, head.headSeq);
  }
  if (position.kind === 'start') {
    return readSnapshot({ ...read, handle: mintHandle(table, generation) }, head.headSeq, null);
  }
  // A 409 always names a handle the client never held (see shape-handle.ts).
  const refetch = (reason: RefetchReason): ShapeReadOutcome => ({
    kind: 'must-refetch',
    handle: mintHandle(table, generation),
    reason,
  });
  if (clientHandle === null) return refetch('unknown-handle');
  if (position.seq < head.compactedThrough) return refetch('compacted');
  // Beyond the head: the log was replaced (a restored backup), so the position names nothing
  // here. Once new changes reach it, it would pass; hence the epoch bump after a restore.
  if (position.seq > head.headSeq) return refetch('beyond-log');
  if (position.kind === 'snapshot') return readSnapshot(read, position.seq, position.after);
  return readLog(read, position.seq, request.chunkSize, []);
}

type RefetchReason = 'unknown-handle' | 'compacted' | 'beyond-log';

/** One read in progress: its transaction, what was asked, where the log stands, the handle. */
interface Read {
  tx: SqlExecutor;
  request: ShapeReadRequest;
  head: LogHead;
  handle: string;
}

/** A snapshot page at `seq` after row `after`; once the snapshot is done, the log from `seq`. */
async function readSnapshot(read: Read, seq: number, after: string | null): Promise<ShapeReadOutcome> {
  const { table, chunkSize } = read.request;
  const rows = await readSnapshotPage(read.tx, table, seq, after, chunkSize);
  const messages: ShapeMessage[] = rows.map((row) => snapshotMessage(table, row));
  const last = rows.at(-1);
  if (last && rows.length === chunkSize) {
    return chunk(read.handle, snapshotOffset(seq, last.id), messages, rows.length, false, read.head.headSeq);
  }
  return readLog(read, seq, chunkSize - rows.length, messages);
}

/** Up to `budget` changes after `after`, appended to `messages`; up-to-date when they run out. */
async function readLog(read: Read, after: number, budget: number, messages: ShapeMessage[]): Promise<ShapeReadOutcome> {
  const { table, live } = read.request;
  const { headSeq, unsequenced, snapshot } = read.head;
  const entries = await readLogPage(read.tx, table, after, headSeq, budget);
  messages.push(...entries.map((entry) => changeMessage(table, entry)));
  const changes = messages.length;
  const last = entries.at(-1);
  if (last && entries.length === budget) {
    return chunk(read.handle, logOffset(last.seq), messages, changes, false, headSeq);
  }
  // A change of this table committed but not sequenced yet cannot be served: no up-to-date, so
  // the client asks again at once, by which time the sequencer has numbered it.
  if (!unsequenced) {
    if (!live) messages.push(snapshotEnd(snapshot));
    messages.push(UP_TO_DATE);
  }
  return chunk(read.handle, logOffset(headSeq), messages, changes, !unsequenced, headSeq);
}

function chunk(
  handle: string,
  offset: string,
  messages: ShapeMessage[],
  changes: number,
  upToDate: boolean,
  headSeq: number,
): ShapeReadOutcome {
  return { kind: 'chunk', handle, offset, messages, changes, upToDate, headSeq };
}

function keyOf(table: ShapeTable, id: string): string {
  return `"${table.schema}"."${table.name}"/"${id}"`;
}

function snapshotMessage(table: ShapeTable, row: SnapshotRow): ShapeChangeMessage {
  return {
    key: keyOf(table, row.id),
    value: row.value,
    headers: { operation: 'insert', relation: [table.schema, table.name] },
  };
}

function changeMessage(table: ShapeTable, entry: LogEntry): ShapeChangeMessage {
  const txid = Number(entry.txid);
  if (!Number.isSafeInteger(txid)) {
    throw new AppError(ErrorCode.Internal, `Transaction id ${entry.txid} does not fit a JavaScript number`);
  }
  return {
    key: keyOf(table, entry.id),
    value: entry.value,
    headers: { operation: entry.operation, relation: [table.schema, table.name], txids: [txid] },
  };
}

/** `pg_current_snapshot()` text (`xmin:xmax:xip,...`) as a snapshot-end message. */
function snapshotEnd(snapshot: string): ShapeSnapshotEndMessage {
  const [xmin = '0', xmax = '0', xip = ''] = snapshot.split(':');
  return {
    headers: { control: 'snapshot-end', xmin, xmax, xip_list: xip === '' ? [] : xip.split(',') },
  };
}
