import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { channelFileName, updateFeedUrl } from '../../../electron/main/update-feed.js';

describe('update feed address', () => {
  it('is <server>/updates/<channel>/ over https, with or without a trailing slash or a path', () => {
    expect(updateFeedUrl('https://vetdesk.clinic.lan:8787', 'stable')).toBe(
      'https://vetdesk.clinic.lan:8787/updates/stable/',
    );
    expect(updateFeedUrl('https://clinic.example/vetdesk/', 'beta')).toBe(
      'https://clinic.example/vetdesk/updates/beta/',
    );
  });

  it.each(['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787'])(
    'allows plain http to this computer (%s)',
    (server) => {
      expect(updateFeedUrl(server, 'stable')).toBe(`${server}/updates/stable/`);
    },
  );

  it.each(['http://vetdesk.clinic.lan:8787', 'http://192.168.1.20', 'ftp://vetdesk.clinic.lan', 'file:///tmp/feed'])(
    'refuses %s with UPDATE_FEED_INSECURE',
    (server) => {
      expect(() => updateFeedUrl(server, 'stable')).toThrow(
        expect.objectContaining({ code: ErrorCode.UpdateFeedInsecure }),
      );
    },
  );

  it('names the channel file as electron-updater reads it on each platform', () => {
    expect(channelFileName('win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });
});
