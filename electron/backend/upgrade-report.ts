import type { LocalUpgradeResult } from '../../db/local/local-upgrade.js';

/**
 * The line a console start prints about the local data's upgrade, for the admin reading the
 * log: null when nothing was upgraded (up to date, or a new file).
 */
export function upgradeReport(result: LocalUpgradeResult): string | null {
  switch (result.kind) {
    case 'up-to-date':
      return null;
    case 'migrated':
      return result.backup === null
        ? null
        : `VetDesk workstation: local data upgraded from version ${result.from} to ${result.to} ` +
            `(${result.pushed} pending change(s) pushed first; backup ${result.backup})`;
    case 'restored-after-failure':
      return (
        `VetDesk workstation: could not upgrade the local data from version ${result.from} to ${result.to}; ` +
        `running on version ${result.from}, local changes refused (backup ${result.backup}): ${result.error.message}`
      );
  }
}
