import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchVetdesk, type LaunchedVetdesk } from '../../helpers/launch-vetdesk.js';

describe('npm start (launcher/start-all.ts)', () => {
  let dataDir: string;
  let uiDir: string;
  let vetdesk: LaunchedVetdesk;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-start-'));
    // A fixture UI: the smoke test is about the launcher, not about the React app's build.
    uiDir = path.join(dataDir, 'ui');
    await mkdir(uiDir);
    await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>VetDesk fixture</title>');
    vetdesk = await launchVetdesk({ dataDir, owners: 20, env: { VETDESK_RENDERER_DIR: uiDir } });
  });
  afterAll(async () => {
    if (vetdesk.child.exitCode === null) await vetdesk.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds on first run, prints the Electron notice once and the UI URL with its secret', () => {
    const output = vetdesk.output();
    expect(output).toContain('Seeding a demo practice (first run): 20 owners');
    expect(output.match(/Electron is not installed here|desktop window off \(VETDESK_ELECTRON=off\)/g)).toHaveLength(1);
    expect(vetdesk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[A-Za-z0-9_-]{43}$/);
  });

  it('prints every demo user with a fresh password once, enrols its workstation and signs the front desk in', () => {
    const accounts = vetdesk.accounts();
    expect(new Set(accounts.map((account) => account.role))).toEqual(new Set(['admin', 'vet', 'nurse', 'front_desk']));
    for (const account of accounts) expect(account.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(new Set(accounts.map((account) => account.password)).size).toBe(accounts.length);
    const output = vetdesk.output();
    expect(output.split('Demo staff (shown once').length).toBe(2);
    expect(output).toMatch(/VetDesk workstation [0-9a-f-]{36} \(Demo workstation\)/);
    const signedIn = /^Signed in as (.+)\.$/m.exec(output)?.[1];
    expect(accounts.filter((account) => account.role === 'front_desk').map((account) => account.displayName)).toContain(
      signedIn,
    );
  });

  it('prints the UI address last, after the sync lines and set apart by blank lines', async () => {
    // The launch helper returns at the address line; the lines after it may still be in flight.
    await expect.poll(() => vetdesk.output()).toContain('Ctrl+C stops everything.');
    const lines = vetdesk.output().trimEnd().split('\n');
    const ui = lines.findIndex((line) => line.includes(`VetDesk UI: ${vetdesk.url}`));
    expect(ui).toBeGreaterThan(lines.findIndex((line) => line.includes('VetDesk workstation: up to date')));
    expect([lines[ui - 1], lines[ui + 1]]).toEqual(['', '']);
    expect(lines.slice(ui + 2)).toEqual(['Ctrl+C stops everything.']);
  });

  it('serves index.html at the URL with the CSP header', async () => {
    const response = await fetch(vetdesk.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('VetDesk fixture');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('stops with exit code 0 on SIGTERM; a second start keeps the data and the enrolment, and asks people to sign in', async () => {
    const device = /VetDesk workstation ([0-9a-f-]{36}) /.exec(vetdesk.output())?.[1];
    expect(device).toBeDefined();
    expect(await vetdesk.stop()).toBe(0);
    const again = await launchVetdesk({ dataDir, owners: 20, env: { VETDESK_RENDERER_DIR: uiDir } });
    try {
      expect(again.output()).not.toContain('Seeding');
      expect(again.accounts()).toEqual([]);
      expect(again.output()).toContain(`VetDesk workstation ${device} (Demo workstation)`);
      expect(again.output()).not.toMatch(/^Signed in as/m);
      expect(again.output()).toContain(
        'Sign in with a demo user name and password (printed when this demo first started).',
      );
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
