import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** An Ed25519 release key pair in the contract's formats (PKCS#8 / SPKI PEM). */
export interface ReleaseKeys {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function releaseKeys(): ReleaseKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function sha512(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** The `.sig` content: base64 Ed25519 signature over the exact bytes, one line. */
export function signRelease(ymlBytes: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, ymlBytes, privateKey).toString('base64')}\n`;
}

/** A channel file as electron-builder writes it, for one artifact. */
export function channelFile(version: string, artifact: { name: string; bytes: Uint8Array }, notes?: string): string {
  const digest = sha512(artifact.bytes);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${artifact.name}`,
    `    sha512: ${digest}`,
    `    size: ${artifact.bytes.length}`,
    `path: ${artifact.name}`,
    `sha512: ${digest}`,
    `releaseDate: '2026-12-01T10:00:00.000Z'`,
    ...(notes === undefined ? [] : [`releaseNotes: ${JSON.stringify(notes)}`]),
    '',
  ].join('\n');
}

/** A folder served over plain HTTP on 127.0.0.1, recording each request's path and headers. */
export interface FeedServer {
  dir: string;
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Writes `dir/<name>` (`name` like `stable/latest-linux.yml`). */
  write(name: string, content: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Serves `<url>/updates/<channel>/<file>` from `dir/<channel>/<file>` (404 when absent). */
export async function startFeedServer(): Promise<FeedServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-feed-'));
  const requests: FeedServer['requests'] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, headers: request.headers });
    const relative = url.pathname.replace(/^\/updates\//, '');
    if (relative === url.pathname || relative.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    readFile(path.join(dir, relative)).then(
      (bytes) => response.writeHead(200, { 'content-length': bytes.length }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dir,
    url: `http://127.0.0.1:${port}`,
    requests,
    write: async (name, content) => {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), content);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
