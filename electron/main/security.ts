import type { Session, WebContents, WebPreferences } from 'electron';

/** The custom scheme the renderer is served from (see app-protocol.ts for why not file://). */
export const APP_SCHEME = 'app';
/** The one host of that scheme: `app://vetdesk/` is the app's only origin. */
export const APP_HOST = 'vetdesk';
/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The renderer's Content-Security-Policy. `'self'` is `app://vetdesk`: the bundle's own files.
 * No inline scripts or styles, no eval, no network of the page's own (the backend is reached
 * through the preload's MessagePort, not by fetch), no plugins, no framing, no `<base>`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * True only for URLs of the app's own origin (`app://vetdesk/...`). Compares scheme and host
 * rather than `URL.origin`, which is the opaque "null" for non-special schemes in Node.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '';
  } catch {
    return false;
  }
}

/**
 * The window's webPreferences: the page is isolated from the preload, runs in Chromium's
 * sandbox, has no Node, and keeps the same-origin policy. The preload is the only bridge.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload };
}

/**
 * Sets the CSP on every response of `session`, replacing any CSP header the response had
 * (whatever its case), so no response can loosen it. The app:// handler also sets it itself,
 * because Chromium may not run header hooks for custom schemes.
 */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

/** Denies every permission request and check (camera, notifications, geolocation, ...): the UI needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/**
 * Locks down one WebContents: `window.open` is denied, navigation and redirects leave the app's
 * own origin never, and `<webview>` cannot be attached. Applied to every WebContents created.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
