import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { SETTINGS_FILE_NAME, resolveDesktopConfig } from '../../../electron/main/config.js';

function userData(settings?: object): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-config-'));
  if (settings) writeFileSync(path.join(dir, SETTINGS_FILE_NAME), JSON.stringify(settings));
  return dir;
}

describe('desktop configuration: update channel', () => {
  it('follows stable unless configured', () => {
    expect(resolveDesktopConfig(userData(), {}).updateChannel).toBe('stable');
  });

  it('takes updateChannel from the settings file, and VETDESK_UPDATE_CHANNEL over it', () => {
    const dir = userData({ serverUrl: 'https://vetdesk.clinic.lan', updateChannel: 'beta' });
    expect(resolveDesktopConfig(dir, {}).updateChannel).toBe('beta');
    expect(resolveDesktopConfig(dir, { VETDESK_UPDATE_CHANNEL: 'stable' }).updateChannel).toBe('stable');
  });

  it('refuses a channel the feed does not have with CONFIG_INVALID', () => {
    expect(() => resolveDesktopConfig(userData(), { VETDESK_UPDATE_CHANNEL: 'nightly' })).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid }),
    );
    expect(() => resolveDesktopConfig(userData({ updateChannel: 'nightly' }), {})).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid }),
    );
  });
});
