import { isChangeMessage, isControlMessage, ShapeStream, type Message, type Row } from '@electric-sql/client';
import { pgSnapshotSchema, type PgSnapshot } from '../../core/sync/pg-snapshot.js';
import { REPLICATED_TABLES, type ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalReplica } from '../../db/local/replica.js';
import type { ServerChange } from '../../db/local/server-truth.js';
import { ErrorCode, wireErrorSchema } from '../../core/errors.js';
import { codeForStatus } from './http-error.js';
import { withRequestId } from './request-id.js';
import { epochOfResponse } from './server-epoch.js';

export interface ShapeConsumerOptions {
  serverUrl: string;
  authorization: () => string;
  /** Told after each batch is stored, and when the stream fails. */
  onBatch: (table: ReplicatedTableName, info: { upToDate: boolean; rows: number }) => void;
  onError: (table: ReplicatedTableName, error: Error) => void;
  /**
   * Told at each request that could not reach the server (network error, 5xx), before the
   * client retries it. The Electric client retries those by itself and never reports them
   * through `onError`, so without this a workstation would not know the server is gone.
   */
  onUnreachable?: (table: ReplicatedTableName) => void;
  /**
   * Told when the server answers that this device was revoked (401 DEVICE_REVOKED): the
   * Electric client would otherwise keep retrying, and nothing it retries can succeed.
   */
  onRevoked?: (table: ReplicatedTableName) => void;
  /**
   * Told the server's shape epoch named by each answer (core/sync/restore-epoch.ts): a new one
   * means the server was restored from a backup.
   */
  onEpoch?: (epoch: string) => void;
  /** Fetch used for shape requests (tests); the global one by default. */
  fetch?: typeof fetch;
}

/** Whether a 401 says DEVICE_REVOKED; reads a clone, so the Electric client still gets the body. */
async function isRevokedAnswer(response: Response): Promise<boolean> {
  const parsed = wireErrorSchema.safeParse(
    await response
      .clone()
      .json()
      .catch(() => null),
  );
  return parsed.success && codeForStatus(response.status, parsed.data) === ErrorCode.DeviceRevoked;
}

/**
 * Reconnect delays of the shape streams (the Electric client's own backoff, which retries for
 * ever): from 250 ms up to 5 s. The client's default cap (up to a minute) would leave a
 * workstation reading stale data long after its server came back.
 */
export const SHAPE_BACKOFF = { initialDelay: 250, maxDelay: 5_000, multiplier: 1.5 } as const;

/**
 * Follows one table's shape with the official Electric client and writes what arrives into
 * the replica's server truth: each response in one SQLite transaction together with the
 * stream's new position, so a restart resumes where the last stored batch ended.
 * `must-refetch` marks the table's server truth stale, and it stays visible until the fresh
 * snapshot is complete (db/local/refetch-sweep.ts);
 * `snapshot-end` is stored with the batch that carries it, so acknowledged changes settle on the
 * snapshot's visibility even though snapshot rows carry no transaction ids.
 */
export class ShapeConsumer {
  private abort = new AbortController();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly replica: LocalReplica,
    readonly table: ReplicatedTableName,
    private readonly options: ShapeConsumerOptions,
  ) {}

  /** Starts following the shape from the stored position (again, after a stop). */
  start(): void {
    this.stop();
    this.abort = new AbortController();
    const saved = this.replica.shapePositions().get(this.table);
    const resume = saved?.handle ? { handle: saved.handle, offset: saved.offset as `${number}_${number}` } : {};
    // From the snapshot's beginning (a first sync, or a refetch stopped before its first page
    // was stored): whatever the table holds must be delivered again or goes at the up-to-date.
    if (!saved?.handle || saved.offset === '-1') this.replica.restartSnapshot(this.table);
    const stream = new ShapeStream<Row>({
      url: new URL('/v1/shape', this.options.serverUrl).toString(),
      params: { table: REPLICATED_TABLES[this.table].name },
      headers: { authorization: () => this.options.authorization() },
      subscribe: true,
      signal: this.abort.signal,
      // int8 columns (versions) fit a JS number; the default parser would make them BigInt.
      parser: { int8: (value: string) => Number(value) },
      backoffOptions: SHAPE_BACKOFF,
      fetchClient: (input, init) => this.fetchReporting(input, init),
      // Keep retrying through outages: the stream is the workstation's only read path.
      onError: (error) => {
        this.options.onError(this.table, error);
        return {};
      },
      ...resume,
    });
    this.unsubscribe = stream.subscribe(
      (messages) => {
        this.store(stream, messages);
      },
      (error) => {
        this.options.onError(this.table, error);
      },
    );
  }

  stop(): void {
    this.abort.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** One shape request, telling `onUnreachable` when the server could not serve it. */
  private async fetchReporting(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
    const signal = this.abort.signal;
    try {
      const response = await (this.options.fetch ?? fetch)(input, withRequestId(init));
      if (codeForStatus(response.status) === ErrorCode.ServerUnavailable) this.options.onUnreachable?.(this.table);
      if (response.status === 401 && (await isRevokedAnswer(response))) this.options.onRevoked?.(this.table);
      const epoch = epochOfResponse(response);
      if (epoch !== undefined && !signal.aborted) this.options.onEpoch?.(epoch);
      return response;
    } catch (error) {
      // An abort is this consumer stopping, not the server going away.
      if (!signal.aborted) this.options.onUnreachable?.(this.table);
      throw error;
    }
  }

  private store(stream: ShapeStream<Row>, messages: readonly Message<Row>[]): void {
    const changes: ServerChange[] = [];
    const txids = new Set<string>();
    let upToDate = false;
    let snapshot: PgSnapshot | undefined;
    let refetched = false;
    for (const message of messages) {
      if (isChangeMessage(message)) {
        changes.push({ operation: message.headers.operation, row: message.value });
        for (const txid of message.headers.txids ?? []) txids.add(String(txid));
      } else if (isControlMessage(message)) {
        if (message.headers.control === 'must-refetch') {
          this.replica.resetServerTable(this.table);
          changes.length = 0;
          txids.clear();
          snapshot = undefined;
          upToDate = false;
          refetched = true;
        } else if (message.headers.control === 'up-to-date') {
          upToDate = true;
        } else if (message.headers.control === 'snapshot-end') {
          // A malformed one is ignored: it settles nothing, change messages and refetches still do.
          const parsed = pgSnapshotSchema.safeParse(message.headers);
          if (parsed.success) snapshot = parsed.data;
        }
      }
    }
    const position = {
      handle: stream.shapeHandle ?? null,
      offset: stream.lastOffset,
      // After a must-refetch only an up-to-date in this batch says the refetch is complete.
      upToDate: upToDate || (!refetched && stream.isUpToDate),
    };
    // The snapshot-end is recorded with the rows it describes, after them, in one transaction.
    this.replica.applyServerChanges(this.table, changes, [...txids], position, snapshot);
    this.options.onBatch(this.table, { upToDate: position.upToDate, rows: changes.length });
  }
}
