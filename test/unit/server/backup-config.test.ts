import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupConfigFromEnv } from '../../../server/backup/backup-config.js';
import { scheduledBackupName, scheduledBackupTime } from '../../../server/backup/backup-files.js';
import { parseBackupArgs } from '../../../server/cli/backup.js';
import { parseRestoreArgs, restoreTargetFor } from '../../../server/cli/restore.js';

describe('backup settings', () => {
  it('are off without VETDESK_BACKUP_DIR, and default to a daily backup with a week kept', () => {
    expect(backupConfigFromEnv({})).toBeUndefined();
    expect(backupConfigFromEnv({ VETDESK_BACKUP_DIR: '/backups' })).toEqual({
      dir: '/backups',
      everyMs: 86_400_000,
      keep: 7,
    });
  });

  it('read VETDESK_BACKUP_EVERY as a number and a unit', () => {
    const every = (text: string) =>
      backupConfigFromEnv({ VETDESK_BACKUP_DIR: '/b', VETDESK_BACKUP_EVERY: text })?.everyMs;
    expect(every('30m')).toBe(1_800_000);
    expect(every('6h')).toBe(21_600_000);
    expect(every('1d')).toBe(86_400_000);
    expect(every('90s')).toBe(90_000);
  });

  it('refuse what they cannot honour, naming the variable', () => {
    const bad = (env: NodeJS.ProcessEnv) => () => backupConfigFromEnv(env);
    expect(bad({ VETDESK_BACKUP_DIR: '/b', VETDESK_BACKUP_EVERY: '6 hours' })).toThrow(/VETDESK_BACKUP_EVERY: must be/);
    expect(bad({ VETDESK_BACKUP_DIR: '/b', VETDESK_BACKUP_EVERY: '10s' })).toThrow(/at least 1m/);
    expect(bad({ VETDESK_BACKUP_DIR: '/b', VETDESK_BACKUP_KEEP: '0' })).toThrow(/VETDESK_BACKUP_KEEP/);
    expect(bad({ VETDESK_BACKUP_EVERY: '6h' })).toThrow(/VETDESK_BACKUP_EVERY: needs VETDESK_BACKUP_DIR/);
  });
});

describe('scheduled backup names', () => {
  it('sort by time and give the time back; other names are not scheduled backups', () => {
    const at = new Date('2026-12-02T09:05:03.042Z');
    expect(scheduledBackupName(at)).toBe('vetdesk-2026-12-02T09-05-03-042Z.vdbackup');
    expect(scheduledBackupTime(scheduledBackupName(at))).toEqual(at);
    expect(scheduledBackupName(at) < scheduledBackupName(new Date('2026-12-02T10:00:00.000Z'))).toBe(true);
    expect(scheduledBackupTime('notes.txt')).toBeUndefined();
    expect(scheduledBackupTime('vetdesk-2026-12-02T09-05-03-042Z.vdbackup.partial')).toBeUndefined();
  });
});

describe('where npm run restore restores', () => {
  const postgres = {
    kind: 'postgres',
    connectionString: 'postgres://server@db/vetdesk',
    migrationConnectionString: 'postgres://owner@db/vetdesk',
    poolMax: 10,
    poolIdleMs: 30_000,
    connectTimeoutMs: 5_000,
    sslMode: 'require',
    statementTimeoutMs: 30_000,
  } as const;

  it('defaults to the configured database, as its owner, with one connection and no statement timeout', () => {
    expect(restoreTargetFor(undefined, postgres)).toEqual({
      engine: 'postgres',
      config: {
        kind: 'postgres',
        connectionString: 'postgres://owner@db/vetdesk',
        poolMax: 1,
        poolIdleMs: 0,
        connectTimeoutMs: 10_000,
        sslMode: 'require',
      },
    });
    expect(restoreTargetFor(undefined, { kind: 'pglite', dataDir: '/data/central' })).toEqual({
      engine: 'pglite',
      dataDir: '/data/central',
    });
  });

  it('takes --into as a PostgreSQL URL or a folder, and needs it for an in-memory database', () => {
    expect(restoreTargetFor('postgresql://owner@db/restored', postgres)).toMatchObject({
      engine: 'postgres',
      config: { connectionString: 'postgresql://owner@db/restored' },
    });
    expect(restoreTargetFor('restored', { kind: 'pglite' })).toEqual({
      engine: 'pglite',
      dataDir: path.resolve('restored'),
    });
    expect(() => restoreTargetFor(undefined, { kind: 'pglite' })).toThrow(/--into/);
  });
});

describe('the backup and restore command lines', () => {
  it('take one file, resolved, and --into for a restore', () => {
    expect(parseBackupArgs(['b.vdbackup'])).toEqual({ file: path.resolve('b.vdbackup') });
    expect(parseRestoreArgs(['b.vdbackup', '--into', 'postgres://o@db/new'])).toEqual({
      file: path.resolve('b.vdbackup'),
      into: 'postgres://o@db/new',
    });
    expect(parseRestoreArgs(['--help'])).toBe('help');
  });

  it('refuse no file, two files, an empty --into and unknown options', () => {
    expect(() => parseBackupArgs([])).toThrow(/name the backup file/);
    expect(() => parseBackupArgs(['a', 'b'])).toThrow(/Name one backup file/);
    expect(() => parseRestoreArgs(['a', '--into', ' '])).toThrow(/--into needs/);
    expect(() => parseRestoreArgs(['a', '--force'])).toThrow(/--force/);
  });
});
