import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../core/errors.js';
import { upgradeReport } from '../../../../electron/backend/upgrade-report.js';

describe('the console line about the local data upgrade', () => {
  it('says nothing for a file already current or created new', () => {
    expect(upgradeReport({ kind: 'up-to-date', from: 12, to: 12, backup: null, pushed: 0 })).toBeNull();
    expect(upgradeReport({ kind: 'migrated', from: 0, to: 12, backup: null, pushed: 0 })).toBeNull();
  });

  it('names the versions, the changes pushed first and the backup of an upgrade', () => {
    expect(upgradeReport({ kind: 'migrated', from: 11, to: 12, backup: '/d/w.bak', pushed: 2 })).toBe(
      'VetDesk workstation: local data upgraded from version 11 to 12 (2 pending change(s) pushed first; backup /d/w.bak)',
    );
  });

  it('says a failed upgrade left the workstation on the previous version, and why', () => {
    const line = upgradeReport({
      kind: 'restored-after-failure',
      from: 12,
      to: 13,
      backup: '/d/w.bak',
      pushed: 0,
      error: { code: ErrorCode.LocalUpgradeFailed, message: 'no such table: x' },
    });
    expect(line).toBe(
      'VetDesk workstation: could not upgrade the local data from version 12 to 13; running on version 12, local changes refused (backup /d/w.bak): no such table: x',
    );
  });
});
