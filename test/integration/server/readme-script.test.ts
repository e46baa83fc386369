import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/http/app.js';
import { createEnrolmentCode } from '../../../server/auth/enrolment.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { addAccount, addClinic, TEST_PASSWORD, TEST_SCRYPT_COST } from '../../helpers/staff-accounts.js';

const run = promisify(execFile);

/**
 * The README's "Scripts" example, run as written: the `sh` block after the `readme-script`
 * marker, with bash, curl, jq and openssl, against a real server listening on loopback without
 * the development scheme. A README edit that breaks the example fails here.
 */
async function readmeScript(): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = /<!-- readme-script:[^>]*-->\s*```sh\n([\s\S]*?)\n```/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no ```sh block after a <!-- readme-script: --> marker');
  return block[1];
}

describe.each(CENTRAL_BACKENDS)('the README script on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  /** The script's TMPDIR: it leaves its key and tokens in a folder under it. */
  let scratch: string | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (scratch) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  /** Runs the README's script with only the environment it documents (and PATH, TMPDIR). */
  async function runScript(env: { SERVER: string; CODE: string; USERNAME: string; PASSWORD: string }) {
    scratch ??= await mkdtemp(join(tmpdir(), 'vetdesk-readme-'));
    return run('bash', ['-c', await readmeScript()], {
      env: { PATH: process.env['PATH'], TMPDIR: scratch, ...env },
      timeout: 30_000,
    });
  }

  it('enrols, signs in, pushes a signed owner attributed to the person, reads it, signs out; a used code stops it', async () => {
    const clinicId = await addClinic(db());
    const staffId = await addAccount(db(), { username: 'vera', role: 'vet', clinicId });
    const { code } = await createEnrolmentCode(db(), { clinicId, deviceName: 'Script', createdBy: null });
    app = buildApp({ db: db(), version: 'test', logLevel: 'silent', staffAuth: { scryptCost: TEST_SCRYPT_COST } });
    const server = await app.listen({ host: '127.0.0.1', port: 0 });

    const credentials = { SERVER: server, CODE: code, USERNAME: 'vera', PASSWORD: TEST_PASSWORD };
    const { stdout } = await runScript(credentials);

    const [pushed, insertedRows, ...rest] = stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(JSON.parse(pushed ?? '')).toMatchObject({ status: 'applied', txid: expect.any(String) });
    expect(Number(insertedRows)).toBe(1);
    const device = await db().query<{ id: string }>(`select id from devices where name = 'Nightly export'`);
    expect(device.rows).toHaveLength(1);
    const owners = await db().query<{ id: string; changed_by: string; device_id: string }>(
      `select o.id, a.changed_by, a.device_id
         from owners o join audit.entity_changes a on a.table_name = 'owners' and a.entity_id = o.id
        where o.first_name = 'Ada' and o.last_name = 'Lovelace'`,
    );
    expect(owners.rows).toEqual([{ id: expect.any(String), changed_by: staffId, device_id: device.rows[0]?.id }]);
    const sessions = await db().query<{ signed_out: boolean }>(
      `select revoked_at is not null as signed_out from staff_sessions where staff_id = $1`,
      [staffId],
    );
    expect(sessions.rows).toEqual([{ signed_out: true }]);

    // The code worked once: a second run stops at step 1 and shows the server's answer.
    const again = runScript(credentials);
    await expect(again).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('ENROLMENT_CODE_INVALID') });
  });
});
