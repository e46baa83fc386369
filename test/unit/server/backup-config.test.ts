import { describe, expect, it } from 'vitest';
import { backupConfigFromEnv } from '../../../server/backup/backup-config.js';
import { scheduledBackupName, scheduledBackupTime } from '../../../server/backup/backup-files.js';

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
