import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverConfigFromEnv } from '../../../server/config.js';
import { buildApp } from '../../../server/http/app.js';
import { useCentralDb } from '../../helpers/central-db.js';

/** A GET over HTTPS trusting exactly `ca`. */
function httpsGet(
  url: string,
  ca: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the server speaking TLS itself (TLS_CERT, TLS_KEY)', () => {
  const db = useCentralDb('pglite');
  let folder = '';
  let app: FastifyInstance | undefined;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'vetdesk-tls-'));
    // A throwaway self-signed certificate for 127.0.0.1 (node:crypto cannot make X.509).
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(folder, 'key.pem'),
        '-out',
        path.join(folder, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves HTTPS with Strict-Transport-Security from the files the environment names', async () => {
    const config = serverConfigFromEnv({
      TLS_CERT: path.join(folder, 'cert.pem'),
      TLS_KEY: path.join(folder, 'key.pem'),
    });
    expect(config.tls).toBeDefined();
    app = buildApp({ db: db(), version: 'test', logLevel: 'silent', tls: config.tls! });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    expect(url).toMatch(/^https:\/\//);
    const response = await httpsGet(`${url}/healthz`, config.tls!.cert);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
    expect(response.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });
});
