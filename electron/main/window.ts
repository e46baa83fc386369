import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, secureWebPreferences } from './security.js';

/**
 * Creates the main window with the secure webPreferences and loads the renderer from
 * app://vetdesk. The window shows once the first paint is ready, so staff never see a blank
 * frame.
 */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'VetDesk',
    webPreferences: secureWebPreferences(preload),
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings `window` to the front, restoring it if minimised (a second launch lands here). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
