import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port.js';
import { exited } from '../../helpers/server-process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `npm start`'s entry with `env` until it exits; its exit code, output and run time. */
async function startToExit(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'launcher/start-all.ts'], {
    cwd: ROOT,
    env: { ...process.env, VETDESK_ELECTRON: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await exited(child);
  return { code, output, ms: Date.now() - started };
}

describe('npm start with a port already in use', () => {
  let holder: Server;
  let busyPort: number;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-port-'));
    busyPort = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(busyPort, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      holder.close(() => {
        resolve();
      });
    });
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['PORT', { PORT: 'BUSY', VETDESK_BRIDGE_PORT: '0' }],
    ['VETDESK_BRIDGE_PORT', { PORT: '0', VETDESK_BRIDGE_PORT: 'BUSY' }],
  ])('stops at once naming %s, before anything is migrated or seeded', async (variable, ports) => {
    const env = Object.fromEntries(
      Object.entries(ports).map(([name, value]) => [name, value === 'BUSY' ? String(busyPort) : value]),
    );
    const central = path.join(dataDir, variable);
    const result = await startToExit({ ...env, VETDESK_DATA_DIR: central });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Port ${busyPort} on 127.0.0.1`);
    expect(result.output).toContain(`set ${variable} to another port`);
    expect(result.output).not.toMatch(/migration up|Seeding/);
    expect(existsSync(central)).toBe(false);
  });
});
