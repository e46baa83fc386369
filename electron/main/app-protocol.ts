import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

// Why a custom scheme rather than file://: with file:// the CSP's 'self' and the navigation
// check would have to trust the whole file system (file URLs share one opaque origin), and a
// page could fetch any local file. app://vetdesk is a real, secure, standard origin that
// serves exactly the renderer bundle and nothing else (Electron's security checklist, item 18).

/**
 * Declares the app scheme as standard (real origin, relative URLs) and secure (like https).
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file under `root` that `url` names, or null when it names another host or escapes
 * `root` (`..`, encoded separators). `/` serves index.html.
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * Serves `app://vetdesk/<path>` from the renderer bundle in `root`, with the CSP on every
 * response. Anything outside `root` is a 404. Call once the app is ready.
 */
export function serveRendererBundle(root: string): void {
  const base = path.resolve(root);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(base, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
