import { ErrorCode, type WireError } from '../../core/errors.js';
import type { SyncStatus } from '../../core/sync/status.js';
import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalReplica } from '../../db/local/replica.js';
import { fetchExpectedRows } from './expected-rows.js';
import { PushLoop, type PushLoopOptions } from './push-loop.js';
import { ShapeConsumer } from './shape-consumer.js';

export interface SyncEngineOptions {
  serverUrl: string;
  /** The Authorization header value for this device. */
  authorization: () => string;
  push?: Omit<PushLoopOptions, 'serverUrl' | 'authorization'>;
  /** Tables to follow (all replicated tables by default). */
  tables?: readonly ReplicatedTableName[];
  /**
   * Told (once) when the server answers a push or a shape request with DEVICE_REVOKED: an admin
   * revoked this workstation. The engine has already stopped pushing and pulling by then; the
   * outbox stays as it is.
   */
  onRevoked?: () => void;
}

/** What the sync status says of a failed local upgrade (null when the replica is current). */
export function upgradeFailureStatus(replica: Pick<LocalReplica, 'upgradeFailure'>): SyncStatus['upgradeFailure'] {
  const failure = replica.upgradeFailure;
  return failure ? { from: failure.from, to: failure.to, message: failure.error.message } : null;
}

/** How often, at most, the time of the last successful sync is stored while syncing. */
const LAST_SYNC_SAVE_MS = 5_000;

export type SyncStatusListener = (status: SyncStatus) => void;

/**
 * A workstation's sync: the push loop for local changes and one shape consumer per replicated
 * table, with one status that says at every moment whether the workstation is online, what is
 * pending, rejected or in conflict, and how far the initial sync has come.
 */
export class SyncEngine {
  private readonly push: PushLoop;
  private readonly consumers: ShapeConsumer[];
  private readonly listeners = new Set<SyncStatusListener>();
  private readonly upToDate = new Set<ReplicatedTableName>();
  private connection: SyncStatus['connection'] = 'offline';
  private blockedBy: WireError | null = null;
  private lastSyncAt: string | null;
  private lastSyncSavedMs = -Infinity;
  private stopReplicaListener: (() => void) | undefined;
  private readonly serverUrl: string;
  private readonly authorization: () => string;
  private revoked = false;
  /**
   * The server refused this version's sync protocol (426). Only pushes carry the version, so
   * shapes keep arriving meanwhile: without this, the next shape batch would say "online" and
   * hide that nothing can be pushed until the workstation is updated. A push that goes through
   * clears it.
   */
  private protocolBlock: WireError | null = null;

  constructor(
    private readonly replica: LocalReplica,
    options: SyncEngineOptions,
  ) {
    this.lastSyncAt = replica.meta('last_sync_at') ?? null;
    this.serverUrl = options.serverUrl;
    this.authorization = options.authorization;
    this.push = new PushLoop(
      replica,
      { serverUrl: options.serverUrl, authorization: options.authorization, ...options.push },
      (event) => {
        if (event.kind === 'pushed') {
          this.protocolBlock = null;
          this.markOnline(event.at);
        } else if (event.kind === 'offline') this.setConnection('offline', null);
        else {
          this.protocolBlock = event.error.code === ErrorCode.ProtocolMismatch ? event.error.toWire() : null;
          this.setConnection('blocked', event.error.toWire());
          if (event.error.code === ErrorCode.DeviceRevoked) this.revoke(options.onRevoked, event.error.toWire());
        }
      },
    );
    const tables = options.tables ?? REPLICATED_TABLE_NAMES;
    for (const [table, position] of replica.shapePositions()) if (position.upToDate) this.upToDate.add(table);
    this.consumers = tables.map(
      (table) =>
        new ShapeConsumer(replica, table, {
          serverUrl: options.serverUrl,
          authorization: options.authorization,
          onBatch: (name, info) => {
            if (info.upToDate) this.upToDate.add(name);
            this.markOnline(new Date());
          },
          onError: () => {
            this.setConnection('offline', null);
          },
          // Every retry of every table lands here while the server is away: say it once.
          onUnreachable: () => {
            if (this.connection !== 'offline') this.setConnection('offline', null);
          },
          // A restored server: the push loop learns what to replay before it pushes again.
          onEpoch: (epoch) => {
            if (this.replica.isOpen && this.replica.sightEpoch(epoch) === 'changed') this.push.checkEpoch();
          },
          onRevoked: () => {
            const error = { code: ErrorCode.DeviceRevoked, message: 'This workstation was revoked by an admin' };
            this.setConnection('blocked', error);
            this.revoke(options.onRevoked, error);
          },
        }),
    );
  }

  /**
   * The device was revoked: stop every stream and the push loop (the outbox keeps what was not
   * sent), keep saying `blocked`, and tell the owner once.
   */
  private revoke(onRevoked: (() => void) | undefined, error: WireError): void {
    if (this.revoked) return;
    this.revoked = true;
    void this.stop().then(() => {
      this.setConnection('blocked', error);
      onRevoked?.();
    });
  }

  /** Starts pushing and pulling (again, after a stop); returns at once. Never after a revocation. */
  start(): void {
    if (this.revoked) return;
    this.stopReplicaListener?.();
    this.stopReplicaListener = this.replica.onChange(() => {
      this.push.kick();
      this.emit();
    });
    this.push.start();
    for (const consumer of this.consumers) consumer.start();
    if (!this.status().initialSync.done && this.replica.meta('rows_expected') === undefined) {
      void fetchExpectedRows(this.serverUrl, this.authorization()).then((total) => {
        if (total !== null && this.replica.isOpen) {
          this.replica.meta('rows_expected', String(total));
          this.emit();
        }
      });
    }
  }

  /** Stops every stream and waits for the push in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopReplicaListener?.();
    this.stopReplicaListener = undefined;
    for (const consumer of this.consumers) consumer.stop();
    await this.push.stop();
    this.saveLastSync();
    this.setConnection('offline', null);
  }

  /** Stops everything without waiting or recording answers in flight (crash simulation and shutdown on fatal errors). */
  kill(): void {
    this.stopReplicaListener?.();
    this.stopReplicaListener = undefined;
    for (const consumer of this.consumers) consumer.stop();
    this.push.kill();
  }

  /**
   * The central server this engine syncs with and the device's Authorization header value now,
   * for this workstation's other requests to that server (record history), so every request
   * authenticates the same way.
   */
  serverEndpoint(): { serverUrl: string; authorization: string } {
    return { serverUrl: this.serverUrl, authorization: this.authorization() };
  }

  /**
   * Tells status listeners the status now, after a change the replica does not announce (a
   * rejected change discarded from the outbox), so the "N rejected" count follows at once.
   */
  statusChanged(): void {
    this.emit();
  }

  onStatus(listener: SyncStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The status now (cheap: a few counts from the replica). */
  status(): SyncStatus {
    const counts = this.replica.counts();
    const openConflicts = this.replica.read.openConflictCount();
    let rowsReceived = 0;
    for (const position of this.replica.shapePositions().values()) rowsReceived += position.rowsReceived;
    const expected = this.replica.meta('rows_expected');
    return {
      connection: this.connection,
      blockedBy: this.blockedBy,
      pending: counts.pending,
      acknowledged: counts.acknowledged,
      rejected: counts.rejected,
      openConflicts,
      lastSyncAt: this.lastSyncAt,
      upgradeFailure: upgradeFailureStatus(this.replica),
      initialSync: {
        done: this.consumers.every((consumer) => this.upToDate.has(consumer.table)),
        rowsReceived,
        rowsExpected: expected === undefined ? null : Number(expected),
      },
    };
  }

  /** Resolves once every followed table is up to date (for tests and first start). */
  async untilUpToDate(signal?: AbortSignal): Promise<void> {
    while (!this.status().initialSync.done) {
      if (signal?.aborted) throw new Error('aborted while waiting for the initial sync');
      await new Promise<void>((resolve) => {
        const off = this.onStatus(() => {
          off();
          resolve();
        });
      });
    }
  }

  private markOnline(at: Date): void {
    this.lastSyncAt = at.toISOString();
    // Stored at most every few seconds (and at stop): each store is a commit that waits for the
    // disk, and at every batch of a first sync it made the disk sync the whole batch again.
    if (at.getTime() - this.lastSyncSavedMs >= LAST_SYNC_SAVE_MS) this.saveLastSync();
    this.setConnection('online', null);
  }

  private saveLastSync(): void {
    if (this.lastSyncAt === null || !this.replica.isOpen) return;
    this.replica.meta('last_sync_at', this.lastSyncAt);
    this.lastSyncSavedMs = Date.parse(this.lastSyncAt);
  }

  private setConnection(connection: SyncStatus['connection'], blockedBy: WireError | null): void {
    const tooOld = connection !== 'blocked' ? this.protocolBlock : null;
    this.connection = tooOld ? 'blocked' : connection;
    this.blockedBy = tooOld ?? blockedBy;
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
