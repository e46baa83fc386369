import { describe, expect, it } from 'vitest';
import { UPGRADE_FAILURE_TEXT, upgradeFailureDetail } from '../../../renderer/src/shell/upgrade-failure-words.js';

describe('the banner of a workstation running on its previous data version', () => {
  it('tells staff the data runs on the previous version and to contact their admin', () => {
    expect(UPGRADE_FAILURE_TEXT).toBe(
      "The update could not upgrade this workstation's data; it is running on the previous data version. Contact your admin.",
    );
  });

  it('gives whoever fixes it the versions and the reason', () => {
    expect(upgradeFailureDetail({ from: 12, to: 13, message: 'no such table: x' })).toBe(
      'Data version 12 (this version expects 13). no such table: x',
    );
  });
});
