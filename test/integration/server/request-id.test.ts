import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '../../../core/sync/request-id.js';
import { buildApp } from '../../../server/http/app.js';
import { pushBatch } from '../../../sync/client/push-transport.js';
import { useCentralDb } from '../../helpers/central-db.js';
import { envelope, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

/** The server's JSON log lines, as pino writes them. */
interface LogLine {
  reqId?: string;
  msg?: string;
  req?: { url?: string };
}

describe('request ids from workstation to server log', () => {
  const db = useCentralDb('pglite');
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** A listening app whose log lines are kept in `lines`. */
  async function start(): Promise<{ url: string; lines: LogLine[] }> {
    const lines: LogLine[] = [];
    app = buildApp({
      db: db(),
      version: 'test',
      logLevel: 'info',
      developmentAuth: true,
      logStream: { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url, lines };
  }

  it("logs a workstation's push under the id it sent, and echoes that id in the response", async () => {
    const { url, lines } = await start();
    const practice = await setupPractice(db());
    const sent: string[] = [];
    const echoed: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push(new Headers(init?.headers).get(REQUEST_ID_HEADER) ?? 'none');
      const response = await fetch(input, init);
      echoed.push(response.headers.get(REQUEST_ID_HEADER) ?? 'none');
      return response;
    };
    const options = {
      serverUrl: url,
      authorization: () => `Bearer dev-device:${practice.deviceId}`,
      fetch: recordingFetch,
    };
    const first = await pushBatch(options, [envelope('owner.create', ownerArgs(), practice.frontDesk)]);
    const second = await pushBatch(options, [envelope('owner.create', ownerArgs(), practice.frontDesk)]);
    expect([first.kind, second.kind]).toEqual(['results', 'results']);

    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    // Fresh for every request.
    expect(sent[1]).not.toBe(sent[0]);
    expect(echoed).toEqual(sent);
    for (const id of sent) {
      const mine = lines.filter((line) => line.reqId === id);
      expect(mine.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
      expect(mine[0]!.req?.url).toBe('/v1/mutations');
    }
  });

  it('replaces an id that is not a sane token with its own, and logs and echoes that one', async () => {
    const { url, lines } = await start();
    for (const bad of ['has spaces', 'x'.repeat(65), 'line\\nbreak', '{"json":1}']) {
      const response = await fetch(`${url}/healthz`, { headers: { [REQUEST_ID_HEADER]: bad } });
      const given = response.headers.get(REQUEST_ID_HEADER);
      expect(given, bad).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.some((line) => line.reqId === bad)).toBe(false);
      expect(lines.filter((line) => line.reqId === given)).toHaveLength(2);
    }
    const none = await fetch(`${url}/healthz`);
    expect(none.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
