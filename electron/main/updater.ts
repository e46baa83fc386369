import type { OutgoingHttpHeaders } from 'node:http';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { UpdateChannel } from '../../core/release/update-channel.js';
import { UPDATE_DEVICE_HEADER } from '../../core/release/update-admin-wire.js';
import { type UpdateEvent, type UpdateState, nextUpdateState } from '../../core/update/update-state.js';
import { type Verification, verifyDownloadedUpdate } from './release-verifier.js';
import { channelFileName, feedProviderOptions, type FeedProviderOptions, updateFeedUrl } from './update-feed.js';

/** How often to look for a new version after the check at start. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The header the feed reads to place this workstation in a staged rollout. */
export const DEVICE_HEADER = UPDATE_DEVICE_HEADER;

/** The parts of electron-updater's `autoUpdater` used here (injected so tests need no Electron). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  setFeedURL(options: FeedProviderOptions): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string; downloadedFile: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AutoUpdateOptions {
  updater: Updater;
  /** The central server (`serverUrl` in the settings). */
  serverUrl: string;
  channel: UpdateChannel;
  /** This workstation's device id once enrolled (sent so a staged rollout is deterministic). */
  deviceId: string | null;
  /** The release public key built into the app. */
  publicKeyPem: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Told every state change (main relays it to the page). */
  onState: (state: UpdateState) => void;
  log: (message: string) => void;
  fetch?: typeof fetch;
  intervalMs?: number;
}

/** The running updater, as main and the page's commands use it. */
export interface AutoUpdates {
  state(): UpdateState;
  /** Looks for a new version now; failures end up in the state. */
  check(): void;
  /**
   * Quits and installs the verified version. The page has asked staff first.
   * @throws AppError UPDATE_UNAVAILABLE unless a verified version is `ready`.
   */
  install(): void;
  /** The server refused this version's sync protocol (426): say an update is required and look for one. */
  protocolTooOld(reason: string): void;
  /** Stops the periodic checks. */
  stop(): void;
}

/**
 * Keeps the app up to date without ever restarting it on its own: checks at once and every four
 * hours on `<server>/updates/<channel>/`, downloads in the background, verifies each download
 * against the release key (release-verifier.ts) and only then reports it `ready`. Installing is
 * `install()`, which the page calls when staff choose to restart.
 *
 * `autoInstallOnAppQuit` is off: electron-updater would otherwise install whatever it downloaded
 * when the app quits, before (or without) our signature check, and staff who quit at the end of
 * the day would find another version in the morning without having chosen it.
 * @throws AppError UPDATE_FEED_INSECURE (before touching the updater) for a feed that is not
 *   https and not this computer; the caller logs it and runs without updates.
 */
export function startAutoUpdates(options: AutoUpdateOptions): AutoUpdates {
  const { updater } = options;
  const feedUrl = updateFeedUrl(options.serverUrl, options.channel);
  const headers: Record<string, string> = options.deviceId === null ? {} : { [DEVICE_HEADER]: options.deviceId };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.requestHeaders = headers;
  updater.setFeedURL(feedProviderOptions(feedUrl));

  let state: UpdateState = { state: 'idle' };
  const move = (event: UpdateEvent) => {
    const next = nextUpdateState(state, event);
    if (next === state) return;
    state = next;
    options.onState(state);
  };
  const source = {
    feedUrl,
    channelFile: channelFileName(options.platform, options.arch),
    publicKeyPem: options.publicKeyPem,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const settle = (version: string, verification: Verification) => {
    if (verification.kind === 'verified') {
      move({ type: 'verified', version: verification.version, notes: verification.notes });
      return;
    }
    options.log(`update ${version} ${verification.kind}: ${verification.reason}`);
    if (verification.kind === 'refused') move({ type: 'refused', reason: verification.reason });
    else move({ type: 'error', message: verification.reason });
  };

  // One verification at a time, in arrival order, so a late answer never overrides a newer one.
  let verifying: Promise<void> = Promise.resolve();
  updater.on('checking-for-update', () => {
    move({ type: 'checking' });
  });
  updater.on('update-not-available', () => {
    move({ type: 'not-available' });
  });
  updater.on('download-progress', (progress) => {
    move({ type: 'progress', percent: progress.percent });
  });
  updater.on('update-downloaded', (info) => {
    verifying = verifying
      .then(() => verifyDownloadedUpdate(source, info))
      .then((verification) => {
        settle(info.version, verification);
      });
  });
  updater.on('error', (error) => {
    options.log(`update check failed: ${error.message}`);
    move({ type: 'error', message: error.message });
  });

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      options.log(`update check failed: ${message}`);
      move({ type: 'error', message });
    });
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    state: () => state,
    check,
    install() {
      if (state.state !== 'ready') {
        throw new AppError(ErrorCode.UpdateUnavailable, 'No verified update is ready to install');
      }
      updater.quitAndInstall();
    },
    protocolTooOld(reason) {
      const before = state;
      move({ type: 'protocol-too-old', reason });
      if (state !== before) check();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
