import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_CHECK_INTERVAL_MS, type Updater, startAutoUpdates } from '../../../electron/main/updater.js';

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  readonly setFeedURL = vi.fn();
  readonly checkForUpdates = vi.fn(() => Promise.resolve(null));
  readonly quitAndInstall = vi.fn();
}

function setup(response: number) {
  const updater = new FakeUpdater();
  const showMessageBox = vi.fn(() => Promise.resolve({ response, checkboxChecked: false }));
  const stop = startAutoUpdates({
    updater,
    dialog: { showMessageBox },
    window: () => null,
    feedUrl: 'http://server.example/updates/',
    log: () => undefined,
  });
  return { updater, showMessageBox, stop };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('auto-update', () => {
  it('checks at start and every four hours, downloading in the background from the server feed', () => {
    const { updater, stop } = setup(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://server.example/updates/' });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('never calls quitAndInstall when staff choose Later', async () => {
    const { updater, showMessageBox, stop } = setup(1);
    updater.emit('update-downloaded', { version: '2.0.0' });
    await settle();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    stop();
  });

  it('calls quitAndInstall only after staff choose Restart now', async () => {
    const { updater, showMessageBox, stop } = setup(0);
    vi.advanceTimersByTime(3 * UPDATE_CHECK_INTERVAL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updater.emit('update-downloaded', { version: '2.0.0' });
    await settle();
    expect(showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ buttons: ['Restart now', 'Later'] }));
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps running when a check fails (offline)', async () => {
    const updater = new FakeUpdater();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_CONNECTION_REFUSED'));
    const log = vi.fn();
    const stop = startAutoUpdates({
      updater,
      dialog: { showMessageBox: vi.fn() },
      window: () => null,
      feedUrl: 'http://server.example/updates/',
      log,
    });
    await settle();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED'));
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    stop();
  });
});
