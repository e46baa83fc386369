import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { openPostgres } from '../../../db/central/pg-database.js';
import { toAppError } from '../../../db/central/pg-error.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';

describe('statement timeout on PostgreSQL', () => {
  let handle: DisposableCentralDb | undefined;
  let limited: CentralDb | undefined;
  afterEach(async () => {
    await limited?.close();
    await handle?.dispose();
  });

  it('cancels a statement that runs longer than statementTimeoutMs, as a retryable DATABASE_UNAVAILABLE', async () => {
    handle = await freshCentralDb('postgres');
    const { rows } = await handle.db.query<{ url: string }>(
      `select 'postgres://' || current_user || '@127.0.0.1:' || current_setting('port') || '/' || current_database() as url`,
    );
    limited = openPostgres({
      kind: 'postgres',
      connectionString: rows[0]!.url,
      poolMax: 2,
      poolIdleMs: 1_000,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 200,
    });
    const setting = await limited.query<{ statement_timeout: string }>('show statement_timeout');
    expect(setting.rows[0]!.statement_timeout).toBe('200ms');
    const error = await limited.query('select pg_sleep(2)').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const appError = toAppError(error);
    expect(appError.code).toBe(ErrorCode.DatabaseUnavailable);
    expect(appError.details).toMatchObject({ sqlState: '57014' });
    expect(appError.retryable).toBe(true);
    // The connection stays usable for the next statement.
    expect((await limited.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
