import { AppError, ErrorCode } from '../../../core/errors.js';
import type { CentralDb, SqlExecutor } from '../connection.js';
import type { Migration } from './files.js';

/** A migration as recorded in the tracking table. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: Date;
}

/** Called after each migration is applied or undone. */
export type MigrationProgress = (event: {
  direction: 'up' | 'down';
  migration: Migration;
  elapsedMs: number;
}) => void;

const TRACKING_TABLE = 'public.vetdesk_migrations';
// Any constant works: it only has to be the same for every VetDesk migrator on this database.
const ADVISORY_LOCK_KEY = 748_215_301;

/** Creates the tracking table if missing; under the lock, since CREATE ... IF NOT EXISTS races. */
async function ensureTrackingTable(db: CentralDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
    await tx.exec(`create table if not exists ${TRACKING_TABLE} (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
  });
}

async function readApplied(db: SqlExecutor): Promise<AppliedMigration[]> {
  const { rows } = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    `select version, name, checksum, applied_at from ${TRACKING_TABLE} order by version`,
  );
  return rows.map((row) => ({
    version: row.version,
    name: row.name,
    checksum: row.checksum,
    appliedAt: row.applied_at,
  }));
}

/**
 * Checks that the applied list is a prefix of the known list (same numbers, names and
 * checksums, in order).
 * @throws AppError MIGRATION_MISMATCH describing the first difference.
 */
export function assertAppliedIsPrefix(applied: readonly AppliedMigration[], known: readonly Migration[]): void {
  for (const [index, done] of applied.entries()) {
    const expected = known[index];
    if (!expected) {
      throw new AppError(
        ErrorCode.MigrationMismatch,
        `The database has migration ${done.version} (${done.name}) which this version of VetDesk does not know: it was migrated by a newer version`,
        { applied: done.version, known: known.length },
      );
    }
    if (expected.version !== done.version || expected.name !== done.name || expected.checksum !== done.checksum) {
      throw new AppError(
        ErrorCode.MigrationMismatch,
        `Applied migration ${done.version} (${done.name}) differs from this version's ${expected.version} (${expected.name})`,
        { applied: done, expected: { version: expected.version, name: expected.name, checksum: expected.checksum } },
      );
    }
  }
}

/**
 * The migrations applied to `db`, after checking they are a prefix of `known`.
 * @throws AppError MIGRATION_MISMATCH when they are not.
 */
export async function appliedMigrations(db: CentralDb, known: readonly Migration[]): Promise<AppliedMigration[]> {
  await ensureTrackingTable(db);
  const applied = await readApplied(db);
  assertAppliedIsPrefix(applied, known);
  return applied;
}

/**
 * Runs one step in its own transaction, holding an advisory lock so that two migrators never
 * apply the same file; the applied list is re-checked under the lock.
 */
async function step(
  db: CentralDb,
  known: readonly Migration[],
  work: (tx: SqlExecutor, applied: AppliedMigration[]) => Promise<Migration | null>,
  direction: 'up' | 'down',
  onProgress: MigrationProgress | undefined,
): Promise<Migration | null> {
  const started = performance.now();
  const done = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
    const applied = await readApplied(tx);
    assertAppliedIsPrefix(applied, known);
    return work(tx, applied);
  });
  if (done) onProgress?.({ direction, migration: done, elapsedMs: performance.now() - started });
  return done;
}

/**
 * Applies every pending migration in order (or those up to `to`), each in its own transaction.
 * Refuses to touch a database whose applied list is not a prefix of `known`.
 * @returns the migrations applied by this call.
 * @throws AppError MIGRATION_MISMATCH; the failing migration's own SQL error otherwise (that
 *   migration is rolled back, earlier ones stay applied).
 */
export async function migrateUp(
  db: CentralDb,
  known: readonly Migration[],
  options: { to?: number; onProgress?: MigrationProgress } = {},
): Promise<Migration[]> {
  await ensureTrackingTable(db);
  const target = options.to ?? known.length;
  const appliedNow: Migration[] = [];
  for (const migration of known.filter((m) => m.version <= target)) {
    const done = await step(
      db,
      known,
      async (tx, applied) => {
        if (applied.some((a) => a.version === migration.version)) return null;
        await tx.exec(migration.up);
        await tx.query(`insert into ${TRACKING_TABLE} (version, name, checksum) values ($1, $2, $3)`, [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        return migration;
      },
      'up',
      options.onProgress,
    );
    if (done) appliedNow.push(done);
  }
  return appliedNow;
}

/**
 * Undoes applied migrations newer than `to` (0 undoes all), newest first, each in its own
 * transaction with its down SQL.
 * @returns the migrations undone by this call.
 * @throws AppError MIGRATION_MISMATCH when the applied list is not a prefix of `known`.
 */
export async function migrateDown(
  db: CentralDb,
  known: readonly Migration[],
  options: { to: number; onProgress?: MigrationProgress },
): Promise<Migration[]> {
  await ensureTrackingTable(db);
  const undone: Migration[] = [];
  for (const migration of [...known].reverse().filter((m) => m.version > options.to)) {
    const done = await step(
      db,
      known,
      async (tx, applied) => {
        if (!applied.some((a) => a.version === migration.version)) return null;
        await tx.exec(migration.down);
        await tx.query(`delete from ${TRACKING_TABLE} where version = $1`, [migration.version]);
        return migration;
      },
      'down',
      options.onProgress,
    );
    if (done) undone.push(done);
  }
  return undone;
}
