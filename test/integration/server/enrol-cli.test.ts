import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { enrolmentCodeSchema } from '../../../core/auth/wire.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { openPglite } from '../../../db/central/pglite-database.js';
import { deviceByTokenHash } from '../../../db/central/queries/devices.js';
import { enrolDevice } from '../../../server/auth/enrolment.js';
import { runEnrol } from '../../../server/cli/enrol.js';
import { tokenHash } from '../../../sync/identity/secret-token.js';
import { insertRow } from '../../helpers/central-fixtures.js';
import { usePostgresWithUrl } from '../../helpers/central-db.js';
import { runCliScript } from '../../helpers/cli-process.js';

/** Runs the command in this process, collecting what it prints. */
async function enrolCli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEnrol(argv, env, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** The code `npm run enrol -- --name ...` printed, normalised as a workstation sends it. */
function printedCode(out: string): string {
  const display = /^code: +(\S+)$/m.exec(out)?.[1];
  expect(display, out).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return enrolmentCodeSchema.parse(display);
}

describe('npm run enrol on PostgreSQL', () => {
  const { db, url } = usePostgresWithUrl('vetdesk_enrolcli');

  it('prints a code that enrols once, lists the device, and revokes it', async () => {
    const clinic = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Main Street Clinic' });
    const env = { DATABASE_URL: url() };
    const made = await enrolCli(['--name', 'Front desk 1', '--hours', '2'], env);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/^device: +Front desk 1$/m);
    expect(made.out).toContain(`clinic:  Main Street Clinic (${clinic.id})`);
    const expires = Date.parse(/^expires: +(\S+)$/m.exec(made.out)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(110 * 60_000);
    expect(expires - Date.now()).toBeLessThan(125 * 60_000);

    const device = await enrolDevice(db(), { code: printedCode(made.out) });
    expect(device).toMatchObject({ deviceName: 'Front desk 1', clinic: { id: clinic.id } });
    const listed = await enrolCli(['--list'], env);
    expect(listed.out).toMatch(new RegExp(`^${device.deviceId}  Front desk 1  enrolled .* active$`, 'm'));

    const revoked = await enrolCli(['--revoke', device.deviceId], env);
    expect(revoked.code, revoked.err).toBe(0);
    expect(await deviceByTokenHash(db(), tokenHash(device.token))).toMatchObject({ revoked: true });
    expect((await enrolCli(['--list'], env)).out).toMatch(new RegExp(`^${device.deviceId} .* revoked \\S+$`, 'm'));
  });

  it('needs --clinic when there are several clinics, and exits 1 naming them', async () => {
    await insertRow(db(), 'clinics', { name: 'Main Street Clinic' });
    await insertRow(db(), 'clinics', { name: 'Annex' });
    const env = { DATABASE_URL: url() };
    const refused = await enrolCli(['--name', 'Desk'], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/--clinic .*Main Street Clinic.*Annex/);
    const made = await enrolCli(['--name', 'Desk', '--clinic', 'annex'], env);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/^clinic: +Annex /m);
  });

  it('exits 2 for bad arguments and 1 for an unknown device, touching nothing', async () => {
    const env = { DATABASE_URL: url() };
    expect((await enrolCli(['--name', 'Desk', '--hours', '500'], env)).code).toBe(2);
    const unknown = await enrolCli(['--revoke', '0195f0a0-0000-7000-8000-000000000001'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No such workstation');
  });
});

describe('npm run enrol on the embedded database', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-enrolcli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Opens the data folder's PGlite; `fresh` first creates it from the run's migrated template. */
  async function embedded(fresh = false): Promise<CentralDb> {
    const config = { kind: 'pglite', dataDir: path.join(dataDir, 'central') } as const;
    if (!fresh) return openPglite(config);
    return openPglite(config, { loadDataDir: new Blob([await readFile(inject('pgliteTemplatePath'))]) });
  }

  // PGlite on disk opens slowly on a busy machine: three opens here (set up, the command, check).
  it('prints a code that enrols, working in VETDESK_DATA_DIR', async () => {
    const db = await embedded(true);
    try {
      await insertRow(db, 'clinics', { name: 'Main Street Clinic' });
    } finally {
      await db.close();
    }
    const made = await enrolCli(['--name', 'Desk'], { VETDESK_DATA_DIR: dataDir });
    expect(made.code, made.err).toBe(0);
    expect(made.err).toContain(path.join(dataDir, 'central'));
    const reopened = await embedded();
    try {
      expect((await enrolDevice(reopened, { code: printedCode(made.out) })).deviceName).toBe('Desk');
    } finally {
      await reopened.close();
    }
  }, 180_000);
});

describe('the npm run enrol script', () => {
  it('prints its usage with --help and exits 2 on an unknown option', async () => {
    const run = (args: string[]) => runCliScript('server/cli/enrol.ts', args, { timeoutMs: 60_000 });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run enrol -- --name');
    const bad = await run(['--colour', 'red']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('colour');
  }, 120_000);
});
