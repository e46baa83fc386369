import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, isAppError } from '../../../core/errors.js';
import { assertPortsAvailable } from '../../../server/net/port-available.js';
import { freePort } from '../../helpers/free-port.js';

describe('assertPortsAvailable', () => {
  let holder: Server | undefined;
  afterEach(async () => {
    const open = holder;
    if (open) {
      await new Promise<void>((resolve) => {
        open.close(() => {
          resolve();
        });
      });
    }
    holder = undefined;
  });

  it('passes for a free port and for port 0, and leaves the port free', async () => {
    const port = await freePort();
    await assertPortsAvailable([
      { host: '127.0.0.1', port, variable: 'PORT', purpose: 'the central server' },
      { host: '127.0.0.1', port: 0, variable: 'VETDESK_BRIDGE_PORT', purpose: 'the web bridge' },
    ]);
    holder = createServer();
    await new Promise<void>((resolve, reject) => {
      holder!.once('error', reject);
      holder!.listen(port, '127.0.0.1', resolve);
    });
  });

  it('refuses a port in use with CONFIG_INVALID naming the port, its purpose and the variable to change', async () => {
    const port = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(port, '127.0.0.1', resolve));
    const error: unknown = await assertPortsAvailable([
      { host: '127.0.0.1', port, variable: 'VETDESK_BRIDGE_PORT', purpose: 'the web bridge' },
    ]).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe(ErrorCode.ConfigInvalid);
    expect((error as Error).message).toMatch(
      new RegExp(`Port ${port} on 127\\.0\\.0\\.1 \\(the web bridge\\) is already in use: set VETDESK_BRIDGE_PORT`),
    );
  });
});
