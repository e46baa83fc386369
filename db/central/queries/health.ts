import type { SqlExecutor } from '../connection.js';

/** One round trip to the database; throws the driver's error when it does not answer. */
export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('select 1');
}
