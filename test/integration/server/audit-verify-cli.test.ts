import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../../db/central/admin.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { openPostgres } from '../../../db/central/pg-database.js';
import { sealPending } from '../../../sync/server/audit-sealer.js';
import { insertOwner } from '../../helpers/central-fixtures.js';
import { uniqueDatabaseName } from '../../helpers/postgres-server.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** Runs `npm run audit:verify` as people do (the script's command), on `url`. */
function auditVerify(url: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['server/cli/audit-verify.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run audit:verify on a PostgreSQL database', () => {
  const serverUrl = () => inject('postgresServerUrl');
  let name: string;
  let url: string;
  let db: CentralDb;
  beforeEach(async () => {
    name = uniqueDatabaseName('vetdesk_auditcli');
    url = await createDatabase(serverUrl(), name, inject('postgresTemplateName'));
    db = openPostgres({
      kind: 'postgres',
      connectionString: url,
      poolMax: 2,
      poolIdleMs: 5_000,
      connectTimeoutMs: 10_000,
    });
  });
  afterEach(async () => {
    await db.close();
    await dropDatabase(serverUrl(), name);
  });

  it('reports OK with counts and the head, then the first broken link after an owner edits a row', async () => {
    for (let i = 0; i < 3; i++) await insertOwner(db, { first_name: `Owner ${i}` });
    await sealPending(db);
    await insertOwner(db, { first_name: 'Unsealed' });

    const ok = await auditVerify(url);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 3 sealed audit row\(s\) verified, 1 not sealed yet$/m);
    const head = /^head: (3:[0-9a-f]{64})$/m.exec(ok.stdout)?.[1];
    expect(head).toBeDefined();
    expect((await auditVerify(url, ['--head', head!])).code).toBe(0);

    const { rows } = await db.query<{ audit_id: number }>(
      'select audit_id from audit.entity_change_seals where seq = 2',
    );
    await db.transaction(async (tx) => {
      await tx.exec('alter table audit.entity_changes disable trigger entity_changes_append_only');
      await tx.query(`update audit.entity_changes set changed_at = changed_at - interval '1 day' where id = $1`, [
        rows[0]!.audit_id,
      ]);
      await tx.exec('alter table audit.entity_changes enable always trigger entity_changes_append_only');
    });

    const broken = await auditVerify(url);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at seq 2 (audit id ${rows[0]!.audit_id}): content`);
    expect(broken.stdout).toMatch(/1 seal\(s\) before it hold/);
  });

  it('refuses a malformed --head', async () => {
    const result = await auditVerify(url, ['--head', 'nonsense']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--head must be SEQ:HASH/);
  });
});
