import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port.js';
import { launchVetdesk, type LaunchedVetdesk } from '../../helpers/launch-vetdesk.js';

/** The error a launch that should fail failed with; a launch that started is stopped and reported. */
async function refusal(launch: Promise<LaunchedVetdesk>): Promise<Error> {
  try {
    const started = await launch;
    await started.stop();
    return new Error(`started although its settings are invalid:\n${started.output()}`);
  } catch (error) {
    return error as Error;
  }
}

describe('npm start in workstation-only mode (VETDESK_CENTRAL_URL)', () => {
  let dataDir: string;
  let uiDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-ws-mode-'));
    // A fixture UI: these tests are about the launcher, not about the React app's build.
    uiDir = path.join(dataDir, 'ui');
    await mkdir(uiDir);
    await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>VetDesk fixture</title>');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts and serves the UI although the central server does not answer to its enrolment, without starting one', async () => {
    const centralUrl = `http://127.0.0.1:${await freePort()}`;
    const vetdesk = await launchVetdesk({
      dataDir,
      waitForSync: false,
      timeoutMs: 60_000,
      env: { VETDESK_RENDERER_DIR: uiDir, VETDESK_CENTRAL_URL: centralUrl, VETDESK_ENROLMENT_CODE: 'ABCDE-FGHJK' },
    });
    try {
      expect(vetdesk.centralUrl).toBe(centralUrl);
      const output = vetdesk.output();
      expect(output).toContain(`VetDesk workstation mode: central server at ${centralUrl} (not started here)`);
      expect(output).not.toContain('listening on');
      expect(output).not.toContain('Seeding');
      // Offline first: the first-run screen will ask again.
      expect(output).toMatch(/VetDesk workstation: could not enrol or sign in \(.+\)/);
      expect(output).toContain('not enrolled yet');
      expect(output).toContain('the first screen asks for the server address and an enrolment code');
      const response = await fetch(vetdesk.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('VetDesk fixture');
    } finally {
      expect(await vetdesk.stop()).toBe(0);
    }
  });

  it('refuses to start in one line when VETDESK_ENROLMENT_CODE is not a code', async () => {
    const env = {
      VETDESK_RENDERER_DIR: uiDir,
      VETDESK_CENTRAL_URL: 'http://127.0.0.1:9',
      VETDESK_ENROLMENT_CODE: '!!',
    };
    const error = await refusal(launchVetdesk({ dataDir, waitForSync: false, timeoutMs: 60_000, env }));
    expect(error.message).toMatch(/^VetDesk exited with 1 before it was ready:/);
    const lines = error.message.split('\n').filter((line) => line.startsWith('VetDesk could not start'));
    expect(lines).toEqual([
      expect.stringContaining('CONFIG_INVALID: Invalid settings: VETDESK_ENROLMENT_CODE: Not an enrolment code'),
    ]);
  });

  it('refuses a VETDESK_CENTRAL_URL that is not an http URL', async () => {
    const env = { VETDESK_RENDERER_DIR: uiDir, VETDESK_CENTRAL_URL: 'ftp://server' };
    const error = await refusal(launchVetdesk({ dataDir, waitForSync: false, timeoutMs: 60_000, env }));
    expect(error.message).toContain(
      'CONFIG_INVALID: Invalid settings: VETDESK_CENTRAL_URL: must be an http:// or https:// URL',
    );
  });
});
