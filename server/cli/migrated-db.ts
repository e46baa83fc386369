import { centralDbConfigFromEnv } from '../../db/central/config.js';
import type { CentralDb } from '../../db/central/connection.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';
import type { CliOutput } from './cli-output.js';

/**
 * Runs `work` on the configured central database (DATABASE_URL, else PGlite in
 * VETDESK_DATA_DIR, which the server must not have open), after applying pending migrations as
 * the server would; closes it afterwards whatever happens. Progress goes to `io.err`.
 */
export async function withMigratedDb<T>(
  env: NodeJS.ProcessEnv,
  io: CliOutput,
  work: (db: CentralDb) => Promise<T>,
): Promise<T> {
  const db = await openCentralDb(centralDbConfigFromEnv(env));
  try {
    io.err(`Central database: ${db.location}\n`);
    await migrateUp(db, await loadMigrations(), {
      onProgress: ({ migration }) => {
        io.err(`  applied migration ${migration.version} ${migration.name}\n`);
      },
    });
    return await work(db);
  } finally {
    await db.close();
  }
}
