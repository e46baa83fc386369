import { AppError, ErrorCode } from '../../../core/errors.js';
import type { SqlExecutor } from '../connection.js';

/** One round trip to the database; throws the driver's error when it does not answer. */
export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('select 1');
}

/**
 * `pingDatabase`, given up after `timeoutMs` (the query itself is left to finish or fail on its
 * own: a stuck connection must not hold the health check or the metrics ping).
 * @throws AppError DATABASE_UNAVAILABLE when the time runs out; the driver's error otherwise.
 */
export async function pingDatabaseWithin(db: SqlExecutor, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingDatabase(db),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new AppError(ErrorCode.DatabaseUnavailable, 'database check timed out'));
        }, timeoutMs);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
