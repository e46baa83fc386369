import { describe, expect, it } from 'vitest';
import { sealPending } from '../../../sync/server/audit-sealer.js';
import { insertOwner } from '../../helpers/central-fixtures.js';
import { usePostgresWithUrl } from '../../helpers/central-db.js';
import { runCliScript, type CliOutcome } from '../../helpers/cli-process.js';

/** Runs `npm run audit:verify` as people do (the script's command), on `url`. */
function auditVerify(url: string, args: string[] = []): Promise<CliOutcome> {
  return runCliScript('server/cli/audit-verify.ts', args, { env: { DATABASE_URL: url }, timeoutMs: 60_000 });
}

describe('npm run audit:verify on a PostgreSQL database', () => {
  const { db, url } = usePostgresWithUrl('vetdesk_auditcli');

  it('reports OK with counts and the head, then the first broken link after an owner edits a row', async () => {
    for (let i = 0; i < 3; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    await sealPending(db());
    await insertOwner(db(), { first_name: 'Unsealed' });

    const ok = await auditVerify(url());
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 3 sealed audit row\(s\) verified, 1 not sealed yet$/m);
    const head = /^head: (3:[0-9a-f]{64})$/m.exec(ok.stdout)?.[1];
    expect(head).toBeDefined();
    expect((await auditVerify(url(), ['--head', head!])).code).toBe(0);

    const { rows } = await db().query<{ audit_id: number }>(
      'select audit_id from audit.entity_change_seals where seq = 2',
    );
    await db().transaction(async (tx) => {
      await tx.exec('alter table audit.entity_changes disable trigger entity_changes_append_only');
      await tx.query(`update audit.entity_changes set changed_at = changed_at - interval '1 day' where id = $1`, [
        rows[0]!.audit_id,
      ]);
      await tx.exec('alter table audit.entity_changes enable always trigger entity_changes_append_only');
    });

    const broken = await auditVerify(url());
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at seq 2 (audit id ${rows[0]!.audit_id}): content`);
    expect(broken.stdout).toMatch(/1 seal\(s\) before it hold/);
  });

  it('refuses a malformed --head', async () => {
    const result = await auditVerify(url(), ['--head', 'nonsense']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--head must be SEQ:HASH/);
  });
});
