import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../core/errors.js';
import { centralDbConfigFromEnv, defaultDataDir } from '../../../../db/central/config.js';

describe('central database configuration', () => {
  it('uses embedded PGlite in <VETDESK_DATA_DIR>/central when DATABASE_URL is unset', () => {
    expect(centralDbConfigFromEnv({ VETDESK_DATA_DIR: '/srv/vetdesk' })).toEqual({
      kind: 'pglite',
      dataDir: path.join('/srv/vetdesk', 'central'),
    });
  });

  it('defaults the data folder to the XDG data home', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/home/v/.data' })).toBe('/home/v/.data/vetdesk');
    expect(centralDbConfigFromEnv({ XDG_DATA_HOME: '/home/v/.data' })).toEqual({
      kind: 'pglite',
      dataDir: '/home/v/.data/vetdesk/central',
    });
  });

  it('uses PostgreSQL with the pool settings when DATABASE_URL is set', () => {
    expect(
      centralDbConfigFromEnv({
        DATABASE_URL: 'postgres://vet@db.local/vetdesk',
        PGPOOL_MAX: '32',
        PGPOOL_IDLE: '1000',
        PGPOOL_CONN_TIMEOUT: '250',
        PGSSLMODE: 'verify-full',
        PG_STATEMENT_TIMEOUT: '5000',
      }),
    ).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://vet@db.local/vetdesk',
      poolMax: 32,
      poolIdleMs: 1000,
      connectTimeoutMs: 250,
      sslMode: 'verify-full',
      statementTimeoutMs: 5000,
    });
  });

  it('limits each statement to 30 s by default, and not at all with PG_STATEMENT_TIMEOUT=0', () => {
    expect(centralDbConfigFromEnv({ DATABASE_URL: 'postgresql://x/y' })).toMatchObject({ statementTimeoutMs: 30_000 });
    expect(centralDbConfigFromEnv({ DATABASE_URL: 'postgresql://x/y', PG_STATEMENT_TIMEOUT: '0' })).not.toHaveProperty(
      'statementTimeoutMs',
    );
  });

  it('has sensible pool defaults', () => {
    expect(centralDbConfigFromEnv({ DATABASE_URL: 'postgresql://x/y' })).toMatchObject({
      poolMax: 10,
      poolIdleMs: 30_000,
      connectTimeoutMs: 5_000,
    });
  });

  it('names every bad variable in one CONFIG_INVALID error', () => {
    let caught: unknown;
    try {
      centralDbConfigFromEnv({ DATABASE_URL: 'mysql://x', PGPOOL_MAX: '0', PGSSLMODE: 'prefer' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: ErrorCode.ConfigInvalid });
    const message = (caught as Error).message;
    for (const name of ['DATABASE_URL', 'PGPOOL_MAX', 'PGSSLMODE']) expect(message).toContain(name);
  });
});
