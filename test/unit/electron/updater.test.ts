import { EventEmitter } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import type { UpdateState } from '../../../core/update/update-state.js';
import {
  type AutoUpdates,
  DEVICE_HEADER,
  UPDATE_CHECK_INTERVAL_MS,
  type Updater,
  startAutoUpdates,
} from '../../../electron/main/updater.js';
import {
  type FeedServer,
  type ReleaseKeys,
  channelFile,
  releaseKeys,
  signRelease,
  startFeedServer,
} from '../../helpers/release-feed.js';
import { freePort } from '../../helpers/free-port.js';

/**
 * electron-updater's autoUpdater cannot run without Electron: this stands in for its events.
 * Everything after 'update-downloaded' (fetching the signed channel file from a real HTTP feed,
 * checking the signature and hashing the downloaded file) runs for real.
 */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  requestHeaders: OutgoingHttpHeaders | null = null;
  readonly setFeedURL = vi.fn();
  readonly checkForUpdates = vi.fn(() => Promise.resolve(null));
  readonly quitAndInstall = vi.fn();
}

const DEVICE = '0190a5c4-7d2e-7c3a-9b1f-3e4d5c6b7a80';
const CHANNEL_FILE = 'stable/latest-linux.yml';
const artifact = { name: 'VetDesk-2.0.0.AppImage', bytes: new TextEncoder().encode('VetDesk 2.0.0 as built') };
const tampered = new TextEncoder().encode('VetDesk 2.0.0 with something added');

let feed: FeedServer;
let keys: ReleaseKeys;
let downloads: string;

beforeAll(async () => {
  feed = await startFeedServer();
  keys = releaseKeys();
  downloads = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-download-'));
});
afterAll(async () => {
  await feed.close();
});

/** Publishes a channel file on the feed: signed by `signer` over `yml` (default: the real one). */
async function publish(yml: string, signer: ReleaseKeys | null = keys): Promise<void> {
  await feed.write(CHANNEL_FILE, yml);
  await feed.write(`${CHANNEL_FILE}.sig`, signer ? signRelease(new TextEncoder().encode(yml), signer.privateKey) : '');
}

/** A file as electron-updater leaves it in its download cache. */
function downloaded(bytes: Uint8Array): string {
  const file = path.join(downloads, `${Math.random().toString(36).slice(2)}.AppImage`);
  writeFileSync(file, bytes);
  return file;
}

function start(overrides: { serverUrl?: string; deviceId?: string | null } = {}) {
  const updater = new FakeUpdater();
  const states: UpdateState[] = [];
  const log = vi.fn();
  const updates = startAutoUpdates({
    updater,
    serverUrl: overrides.serverUrl ?? feed.url,
    channel: 'stable',
    deviceId: overrides.deviceId === undefined ? DEVICE : overrides.deviceId,
    publicKeyPem: keys.publicKeyPem,
    platform: 'linux',
    arch: 'x64',
    onState: (state) => states.push(state),
    log,
  });
  return { updater, states, log, updates };
}

/** Emits 'update-downloaded' and resolves with the state the verification settles on. */
async function download(updates: AutoUpdates, updater: FakeUpdater, file: string): Promise<UpdateState> {
  const before = updates.state();
  updater.emit('update-downloaded', { version: '2.0.0', downloadedFile: file });
  await vi.waitFor(() => {
    expect(updates.state()).not.toBe(before);
  });
  return updates.state();
}

describe('workstation updater', () => {
  it('follows the channel feed with the device id, downloading in the background, never installing on quit', () => {
    const { updater, updates } = start();
    // One range per request in differential downloads: the feed serves no multipart answers.
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: `${feed.url}/updates/stable/`,
      useMultipleRangeRequest: false,
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.requestHeaders).toEqual({ [DEVICE_HEADER]: DEVICE });
    updates.stop();
  });

  it('sends no device header before the workstation is enrolled', () => {
    const { updater, updates } = start({ deviceId: null });
    expect(updater.requestHeaders).toEqual({});
    updates.stop();
  });

  it('refuses a feed that is not https on another machine, before touching the updater', () => {
    const updater = new FakeUpdater();
    expect(() =>
      startAutoUpdates({
        updater,
        serverUrl: 'http://vetdesk.clinic.lan:8787',
        channel: 'stable',
        deviceId: DEVICE,
        publicKeyPem: keys.publicKeyPem,
        platform: 'linux',
        arch: 'x64',
        onState: () => undefined,
        log: () => undefined,
      }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.UpdateFeedInsecure }));
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks at start and every four hours', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { updater, updates } = start();
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
      updates.stop();
      vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers a download whose signed channel file lists it, with the signed notes, and installs only when asked', async () => {
    await publish(channelFile('2.0.0', artifact, 'Faster search.'));
    const { updater, updates, states } = start();
    updater.emit('download-progress', { percent: 50 });
    expect(updates.state()).toEqual({ state: 'downloading', percent: 50 });
    expect(await download(updates, updater, downloaded(artifact.bytes))).toEqual({
      state: 'ready',
      version: '2.0.0',
      notes: 'Faster search.',
    });
    expect(states.at(-1)).toEqual(updates.state());
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    const verification = feed.requests.filter((request) => request.path.startsWith('/updates/stable/latest-linux'));
    expect(verification.map((request) => request.path).sort()).toEqual([
      '/updates/stable/latest-linux.yml',
      '/updates/stable/latest-linux.yml.sig',
    ]);
    for (const request of verification) expect(request.headers[DEVICE_HEADER]).toBe(DEVICE);
    updates.install();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    updates.stop();
  });

  it('refuses a downloaded artifact that is not the one the signed channel file lists', async () => {
    await publish(channelFile('2.0.0', artifact));
    const { updater, updates, log } = start();
    const state = await download(updates, updater, downloaded(tampered));
    expect(state).toMatchObject({ state: 'refused', reason: expect.stringContaining('not the one the signed') });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused'));
    expect(() => {
      updates.install();
    }).toThrow(expect.objectContaining({ code: ErrorCode.UpdateUnavailable }));
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.stop();
  });

  it('refuses a channel file rewritten to match a tampered artifact, whose signature no longer fits', async () => {
    const signedYml = channelFile('2.0.0', artifact);
    await publish(signedYml);
    const signature = await readFile(path.join(feed.dir, `${CHANNEL_FILE}.sig`), 'utf8');
    // The attacker swaps the artifact and puts its sha512 in the yml; the old signature stays.
    await feed.write(CHANNEL_FILE, channelFile('2.0.0', { name: artifact.name, bytes: tampered }));
    await feed.write(`${CHANNEL_FILE}.sig`, signature);
    const { updater, updates } = start();
    expect(await download(updates, updater, downloaded(tampered))).toMatchObject({
      state: 'refused',
      reason: expect.stringContaining('not signed by the VetDesk release key'),
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.stop();
  });

  it('refuses a release signed by another key', async () => {
    await publish(channelFile('2.0.0', artifact), releaseKeys());
    const { updater, updates } = start();
    expect(await download(updates, updater, downloaded(artifact.bytes))).toMatchObject({ state: 'refused' });
    updates.stop();
  });

  it('refuses a release without a signature', async () => {
    await feed.write(CHANNEL_FILE, channelFile('2.0.0', artifact));
    await rm(path.join(feed.dir, `${CHANNEL_FILE}.sig`));
    const { updater, updates } = start();
    expect(await download(updates, updater, downloaded(artifact.bytes))).toEqual({
      state: 'refused',
      reason: 'latest-linux.yml is not signed',
    });
    updates.stop();
  });

  it('reports an error, not a refusal, when the feed cannot be read to verify (retried at the next check)', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const { updater, updates } = start({ serverUrl: down });
    expect(await download(updates, updater, downloaded(artifact.bytes))).toMatchObject({ state: 'error' });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.stop();
  });

  it('says an update is required after a 426 and looks for one at once', () => {
    const { updater, updates } = start();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    updates.protocolTooOld('This server speaks sync protocol 2; update the workstation');
    expect(updates.state()).toEqual({
      state: 'required',
      reason: 'This server speaks sync protocol 2; update the workstation',
    });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    updates.stop();
  });

  it('keeps running when a check fails (offline)', async () => {
    const { updater, updates, log } = start();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_CONNECTION_REFUSED'));
    updates.check();
    await vi.waitFor(() => {
      expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED'));
    });
    expect(updates.state()).toEqual({ state: 'error', message: 'net::ERR_CONNECTION_REFUSED' });
    updates.stop();
  });
});
