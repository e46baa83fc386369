import { isAppError } from '../core/errors.js';
import { serverConfigFromEnv } from './config.js';
import { startServer } from './start.js';

/**
 * `npm run server`: the central server alone on the configured database (embedded PGlite in the data
 * folder when DATABASE_URL is unset). Prints where it listens and where its data lives.
 */
async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  const where =
    config.database.kind === 'postgres'
      ? `PostgreSQL at ${config.database.connectionString.replace(/:[^:@/]*@/, ':***@')}`
      : `embedded PGlite in ${config.database.dataDir ?? 'memory'}`;
  process.stdout.write(`VetDesk central server: opening ${where}\n`);
  const server = await startServer(config, {
    onMigration: ({ direction, migration, elapsedMs }) =>
      process.stdout.write(
        `  migration ${direction} ${String(migration.version).padStart(4, '0')}_${migration.name} (${Math.round(elapsedMs)} ms)\n`,
      ),
  });
  // Before the address is announced: whoever waits for it (a supervisor, a test) may send
  // SIGTERM at once, and without a handler yet that would kill the process mid-request.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`VetDesk central server stopping (${signal})\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.stdout.write(`VetDesk central server listening on ${server.url}\n`);
  if (config.developmentAuth) {
    process.stdout.write(
      '  WARNING: VETDESK_DEV_AUTH=1: development device credentials (no secret) are accepted on this loopback address\n',
    );
  }
  process.stdout.write(
    `  data: ${server.db.location}\n  health: ${server.url}/healthz  metrics: ${server.url}/metrics\n`,
  );
}

main().catch((error: unknown) => {
  const message = isAppError(error) ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`VetDesk central server could not start: ${message}\n`);
  process.exit(1);
});
