import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';

/** How often to look for a new version after the check at start. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The parts of electron-updater's `autoUpdater` used here (injected so tests need no Electron). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AutoUpdateOptions {
  updater: Updater;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window the question is attached to, if one is open. */
  window: () => BrowserWindow | null;
  /** The generic feed, `<central server>/updates/`. */
  feedUrl: string;
  log: (message: string) => void;
}

/**
 * Keeps the app up to date without ever restarting it on its own: checks at once and every
 * four hours, downloads in the background, and when a version is downloaded asks staff to
 * restart now or later. Only "Restart now" calls `quitAndInstall`; "Later" leaves the update to
 * be installed when the app is next quit. Check failures (offline, server down) are logged and
 * retried at the next interval.
 * @returns a function that stops the periodic checks.
 */
export function startAutoUpdates(options: AutoUpdateOptions): () => void {
  const { updater } = options;
  updater.autoDownload = true;
  // Installing when staff quit is not a restart; it saves a second prompt for the same version.
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: options.feedUrl });

  let asking = false;
  updater.on('update-downloaded', (info) => {
    if (asking) return; // one question at a time, even if another version lands meanwhile
    asking = true;
    const box: MessageBoxOptions = {
      type: 'info',
      buttons: ['Restart now', 'Later'],
      defaultId: 1,
      cancelId: 1,
      title: 'Update ready',
      message: `VetDesk ${info.version} is ready to install.`,
      detail:
        'Restart when it suits you: changes not yet sent to the server are kept. ' +
        'If you choose Later, the update installs when you next quit VetDesk.',
    };
    const parent = options.window();
    const answer = parent ? options.dialog.showMessageBox(parent, box) : options.dialog.showMessageBox(box);
    void answer.then(
      ({ response }) => {
        asking = false;
        if (response === 0) updater.quitAndInstall();
      },
      () => {
        asking = false;
      },
    );
  });
  updater.on('error', (error) => {
    options.log(`update check failed: ${error.message}`);
  });

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      options.log(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
