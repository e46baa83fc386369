import type { StaffRole } from '../../core/domain/enums.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import { completeBase } from '../../core/mutations/base.js';
import { findMutation } from '../../core/mutations/registry.js';
import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import type { RowOp } from '../../core/sync/row-ops.js';
import type { PgSnapshot } from '../../core/sync/pg-snapshot.js';
import type { RestoreEpoch } from '../../core/sync/restore-epoch.js';
import { isReplicatedTable, type ReplicatedTableName } from '../../core/sync/tables.js';
import { upgradeLocalDatabase, type BeforeMigrate, type LocalUpgradeResult } from './local-upgrade.js';
import { loadLocalMigrations } from './migrate.js';
import type { LocalDatabase } from './open.js';
import {
  discardRejected,
  enqueueMutation,
  markAttempt,
  outboxCounts,
  pendingBatch,
  pruneFinished,
  recordResults,
  rejectedMutations,
  settleArrived,
  unsentMutations,
  type MutationSigner,
  type OutboxEntry,
} from './outbox.js';
import { OfflineCredentials } from './offline-credentials.js';
import { beginReplay, knownEpoch, sightEpoch, type EpochSighting } from './outbox-replay.js';
import { LocalReadModels } from './queries/read-models.js';
import type { ReplicaContext } from './replica-context.js';
import { decodeRow, type LocalRow } from './row-codec.js';
import { SearchIndex, searchReplica, type SearchHit } from './search-index.js';
import { markServerRowsStale, sweepStaleRows } from './refetch-sweep.js';
import { pruneReceivedTxids, recordBatchEnd } from './settle-visibility.js';
import {
  applyServerChanges,
  resetServerTable,
  shapePositions,
  withoutFsync,
  type ServerChange,
  type ShapePosition,
} from './server-truth.js';
import { prepareTableStatements } from './table-statements.js';

/** Who runs a local mutation: the signed-in staff member and their role. */
export interface MutationStaff {
  id: string;
  role: StaffRole;
}

/** How often, at most, received transaction ids are pruned (after an up-to-date batch). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * How long settled and discarded outbox rows are kept (for diagnosis) before the periodic prune
 * deletes them: long enough to look into a problem reported days later, short enough that a
 * busy workstation's file stops growing.
 */
export const DEFAULT_OUTBOX_RETENTION_DAYS = 30;

/** Replica settings. */
export interface ReplicaOptions {
  /** Days settled and discarded outbox rows are kept; DEFAULT_OUTBOX_RETENTION_DAYS when absent. */
  outboxRetentionDays?: number;
  /** Push the outbox before an existing file is migrated (db/local/local-upgrade.ts). */
  beforeMigrate?: BeforeMigrate;
  /** The local migrations folder; the one shipped with this version when absent (tests give another). */
  migrationsDir?: string;
  /** Pre-migration backups kept beside the file (KEEP_MIGRATION_BACKUPS when absent). */
  keepBackups?: number;
}

/** Called after every commit that may have changed what staff see. */
export type ReplicaListener = (tables: ReadonlySet<ReplicatedTableName>) => void;

/**
 * A workstation's local replica in one SQLite file: server truth per table, pending changes
 * laid over it, the outbox, the search index and the shape positions. Every method runs
 * synchronously in its own SQLite transaction; a crash at any point leaves the file
 * consistent and the outbox complete. The database handle stays inside: every local SQL
 * statement lives in db/local, read models included (`read`).
 */
export class LocalReplica {
  private readonly listeners = new Set<ReplicaListener>();
  private lastPrune = -Infinity;
  private readonly ctx: ReplicaContext;
  private readonly search: SearchIndex;
  /** Everything staff read: owners, charts, calendars, bills, lists. */
  readonly read: LocalReadModels;
  /** What people who signed in online here left for signing in offline. */
  readonly credentials: OfflineCredentials;
  private readonly outboxRetentionMs: number;

  private constructor(
    private readonly db: LocalDatabase,
    options: ReplicaOptions,
    /** What opening did to the schema; `restored-after-failure` means the previous data version. */
    readonly upgrade: LocalUpgradeResult,
  ) {
    this.outboxRetentionMs = (options.outboxRetentionDays ?? DEFAULT_OUTBOX_RETENTION_DAYS) * 24 * 60 * 60 * 1000;
    this.credentials = new OfflineCredentials(db);
    this.ctx = {
      db,
      tables: prepareTableStatements(db),
      notify: (tables) => {
        if (tables.size === 0) return;
        for (const listener of this.listeners) listener(tables);
      },
    };
    this.search = new SearchIndex(db);
    this.read = new LocalReadModels(db, () => this.meta('device_id') ?? null);
  }

  /**
   * Opens the replica at `file` (created if missing; ':memory:' for tests), upgrading it to this
   * version's schema (`upgradeLocalDatabase`: push first, back up, migrate, restore on failure),
   * then records the answers of that push. After a failed migration the replica runs on the
   * previous data version (`upgrade.kind` is `restored-after-failure`): it reads what it has and
   * its outbox can be pushed, but `runMutation` refuses new changes.
   * @throws AppError MIGRATION_MISMATCH when the file was written by a newer version; whatever
   *   prevents this version from using the file at all (the previous schema lacks what these
   *   statements need), after closing it.
   */
  static async open(file: string, options: ReplicaOptions = {}): Promise<LocalReplica> {
    const migrations = await loadLocalMigrations(options.migrationsDir);
    const { db, result, pushResults } = await upgradeLocalDatabase(file, {
      migrations,
      ...(options.beforeMigrate ? { beforeMigrate: options.beforeMigrate } : {}),
      ...(options.keepBackups !== undefined ? { keepBackups: options.keepBackups } : {}),
    });
    let replica: LocalReplica;
    try {
      replica = new LocalReplica(db, options, result);
    } catch (error) {
      db.close();
      throw error;
    }
    if (result.kind === 'migrated' && pushResults.length > 0) replica.recordResults(pushResults);
    return replica;
  }

  /** The upgrade failure this replica runs after (on the previous data version), or null. */
  get upgradeFailure(): (LocalUpgradeResult & { kind: 'restored-after-failure' }) | null {
    return this.upgrade.kind === 'restored-after-failure' ? this.upgrade : null;
  }

  /** Subscribes to visible changes; returns the unsubscribe function. */
  onChange(listener: ReplicaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs a named mutation on this workstation for `staff`, the one way a local change is made:
   * checks the staff member's role, completes the arguments' `base`/`baseVersion` from the rows
   * shown now (those given are kept), validates them, lays the operations over the replica and
   * queues the mutation for the server, the last two in one transaction. With `sign` (a signed-in
   * session's signer) the queued mutation carries its author's signature; without it, none
   * (development mode).
   * @throws AppError NOT_FOUND (unknown mutation), FORBIDDEN (the role may not run it; details
   *   name the mutation), VALIDATION_FAILED (bad arguments, with the zod issues),
   *   LOCAL_UPGRADE_FAILED (running on the previous data version after a failed migration).
   */
  runMutation(
    name: string,
    args: Readonly<Record<string, unknown>>,
    staff: MutationStaff,
    now: Date = new Date(),
    sign?: MutationSigner,
  ): { id: string; ops: RowOp[] } {
    const failure = this.upgradeFailure;
    if (failure) {
      // This version's operations compute rows for its own schema, which the file does not have.
      throw new AppError(
        ErrorCode.LocalUpgradeFailed,
        'This workstation runs on its previous data version after a failed update: changes cannot be saved here. Contact your admin.',
        { from: failure.from, to: failure.to },
      );
    }
    const definition = findMutation(name);
    if (!definition) throw new AppError(ErrorCode.NotFound, `Unknown operation ${name}`);
    if (!definition.roles.includes(staff.role)) {
      throw new AppError(ErrorCode.Forbidden, `A ${staff.role.replace('_', ' ')} may not ${name}`, { name });
    }
    const context = { staffId: staff.id, now: now.toISOString() };
    const completed = completeBase(definition, args, context, (table, id) => this.get(table, id));
    return enqueueMutation(this.ctx, this.search, definition, completed, staff.id, now, sign);
  }

  /** The visible row (overlay over server truth), or undefined. */
  get(table: ReplicatedTableName, id: string): LocalRow | undefined {
    const raw = this.ctx.tables[table].selectVisible.get(id) as Record<string, unknown> | undefined;
    return raw ? decodeRow(table, raw) : undefined;
  }

  /** The server's row only, ignoring pending local changes. */
  getServerRow(table: ReplicatedTableName, id: string): LocalRow | undefined {
    const raw = this.ctx.tables[table].selectServer.get(id) as Record<string, unknown> | undefined;
    return raw ? decodeRow(table, raw) : undefined;
  }

  /** Every visible row of a table, decoded (tests and small tables only). */
  all(table: ReplicatedTableName): LocalRow[] {
    return (this.db.prepare(`select * from ${table} order by id`).all() as Record<string, unknown>[]).map((raw) =>
      decodeRow(table, raw),
    );
  }

  /** Global search over owners and patients. */
  searchOwnersAndPatients(input: string, limit?: number): SearchHit[] {
    return searchReplica(this.db, input, limit);
  }

  /** The next mutations to push, oldest first. */
  pendingBatch(limit: number): MutationEnvelope[] {
    return pendingBatch(this.ctx, limit);
  }

  markAttempt(ids: readonly string[]): void {
    markAttempt(this.ctx, ids);
  }

  /** Records push results, then settles whatever has already arrived. */
  recordResults(results: readonly MutationResult[]): void {
    const touched = recordResults(this.ctx, this.search, results);
    for (const table of settleArrived(this.ctx, this.search)) touched.add(table);
    this.ctx.notify(touched);
  }

  /**
   * Writes shape messages into server truth (with the stream's new position) and what the
   * batch's end says (`position.upToDate`, its `snapshot-end`), in one transaction, then settles
   * the acknowledged mutations whose effect the truth now carries.
   */
  applyServerChanges(
    table: ReplicatedTableName,
    changes: readonly ServerChange[],
    txids: readonly string[],
    position?: ShapePosition,
    snapshot?: PgSnapshot,
  ): void {
    const upToDate = position?.upToDate ?? false;
    let swept = 0;
    // The whole transaction, not only its server-truth part: SQLite cannot change `synchronous`
    // inside a transaction, so a lower level asked for within one never applied. The sweep is
    // server truth too: it commits with the stream position that completes the refetch.
    withoutFsync(this.ctx, () => {
      applyServerChanges(this.ctx, this.search, table, changes, txids, position);
      recordBatchEnd(this.ctx, table, { upToDate, snapshot: snapshot ?? null });
      if (upToDate) swept = sweepStaleRows(this.ctx, this.search, table);
    });
    const touched = settleArrived(this.ctx, this.search);
    if (changes.length > 0 || swept > 0) touched.add(table);
    if (upToDate) this.pruneOnSchedule();
    this.ctx.notify(touched);
  }

  /**
   * A table's refetch begins (the server sent must-refetch): its rows stay visible until the
   * refetched snapshot is complete, then those it did not deliver again are removed.
   */
  resetServerTable(table: ReplicatedTableName): void {
    resetServerTable(this.ctx, table);
  }

  /**
   * The table's stream starts reading its snapshot from the beginning without a must-refetch
   * in this run (a restart right after one began, before its first page was stored): every
   * server row held is marked again, so the next up-to-date removes exactly what that snapshot
   * lacks. Nothing visible changes.
   */
  restartSnapshot(table: ReplicatedTableName): void {
    this.db.transaction(() => {
      markServerRowsStale(this.ctx, table);
    })();
  }

  /**
   * Forgets received transaction ids that can no longer settle anything (`pruneReceivedTxids`).
   * Runs by itself at most every PRUNE_INTERVAL_MS, after an up-to-date batch.
   * @returns how many were forgotten.
   */
  pruneReceivedTxids(now: Date = new Date()): number {
    this.lastPrune = now.getTime();
    return pruneReceivedTxids(this.ctx, now);
  }

  /**
   * Outbox retention: deletes settled and discarded mutations answered more than the retention
   * period before `now` (rejected ones wait for staff; pending ones for the server). Runs by
   * itself with `pruneReceivedTxids`.
   * @returns how many were deleted.
   */
  pruneOutbox(now: Date = new Date()): number {
    return pruneFinished(this.ctx, new Date(now.getTime() - this.outboxRetentionMs));
  }

  private pruneOnSchedule(): void {
    if (Date.now() - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.pruneReceivedTxids();
    this.pruneOutbox();
  }

  /** The central server's shape epoch this workstation last synced with, if any (outbox-replay.ts). */
  serverEpoch(): string | undefined {
    return knownEpoch(this.ctx);
  }

  /**
   * Notes the epoch a server answer named: stored when none was, `changed` (not stored) when it
   * differs from the one stored, which means the server was restored: `beginReplay` follows.
   */
  sightEpoch(epoch: string): EpochSighting {
    return sightEpoch(this.ctx, epoch);
  }

  /**
   * The server was restored from a backup: marks the retained applied and merged mutations its
   * ledger may lack for replay (pushed again, in order, before pending ones) and stores the new
   * epoch, in one transaction (outbox-replay.ts). Does nothing for the epoch already stored.
   * @returns how many mutations were marked.
   */
  beginReplay(restore: RestoreEpoch): number {
    return beginReplay(this.ctx, restore);
  }

  shapePositions(): ReturnType<typeof shapePositions> {
    return shapePositions(this.ctx);
  }

  rejected(): OutboxEntry[] {
    return rejectedMutations(this.ctx);
  }

  /** Pending and rejected mutations, oldest first (what a revoked workstation exports). */
  unsent(): OutboxEntry[] {
    return unsentMutations(this.ctx);
  }

  discardRejected(id: string): void {
    discardRejected(this.ctx, id);
  }

  counts(): ReturnType<typeof outboxCounts> {
    return outboxCounts(this.ctx);
  }

  /** Reads or writes a small fact about this workstation's sync. */
  meta(key: string, value?: string): string | undefined {
    if (value !== undefined) {
      this.db.prepare('insert or replace into sync_meta (key, value) values (?, ?)').run(key, value);
      return value;
    }
    return (this.db.prepare('select value from sync_meta where key = ?').get(key) as { value: string } | undefined)
      ?.value;
  }

  /** False once closed: late callbacks (a fetch answered after shutdown) check it before writing. */
  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * The connection's `synchronous` level now (2 = FULL). Server-truth batches lower it for
   * their own commit only; anything else seeing less than FULL means a local change could be
   * lost to a power cut. For diagnosis and tests.
   */
  get synchronousLevel(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }

  /** Narrows a table name from outside (e.g. a shape message's relation). */
  static isTable(name: string): name is ReplicatedTableName {
    return isReplicatedTable(name);
  }
}
