import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../sync/identity/password-hash.js';
import { usePostgresWithUrl } from '../../helpers/central-db.js';
import { runCliScript, type CliOutcome } from '../../helpers/cli-process.js';

const PASSWORD = 'first admin passphrase';

/** Runs `npm run staff -- ...` as people do (the script's command), on `url`. */
function staffCli(url: string, args: string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  return runCliScript('server/cli/staff.ts', args, {
    env: { DATABASE_URL: url, ...env },
    stdin: args.includes('--password-stdin') ? `${PASSWORD}\n` : '',
  });
}

describe('npm run staff on a PostgreSQL database', () => {
  const { db, url } = usePostgresWithUrl('vetdesk_staffcli');

  // Each command is a process of its own (tsx start-up, migrations check, a 128 MiB scrypt hash).
  const CLI_TEST_TIMEOUT_MS = 240_000;

  it(
    'creates the first admin (and the first clinic) with a production-strength hash, then lists them',
    async () => {
      const created = await staffCli(url(), [
        'create-admin',
        '--username',
        'Ada',
        '--name',
        'Ada Admin',
        '--password-stdin',
      ]);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^Created admin ada \([0-9a-f-]{36}\)/);
      const { rows } = await db().query<{ role: string; password_hash: string; clinic_id: string | null }>(
        `select role::text as role, password_hash, clinic_id from staff where username = 'ada'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.role).toBe('admin');
      expect(rows[0]!.clinic_id).not.toBeNull();
      expect(rows[0]!.password_hash).toMatch(/^scrypt\$17\$8\$1\$/);
      expect(await verifyPassword(PASSWORD, rows[0]!.password_hash)).toBe(true);

      const listed = await staffCli(url(), ['list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/ada\s+admin\s+active\s+Ada Admin/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'refuses a weak password with the policy message and a taken user name, creating nothing',
    async () => {
      const weak = await staffCli(url(), ['create-admin', '--username', 'ada', '--name', 'Ada'], {
        VETDESK_NEW_PASSWORD: 'short',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('Password refused: At least 10 characters');
      expect((await db().query('select 1 from staff')).rows).toHaveLength(0);
      await staffCli(url(), ['create-admin', '--username', 'ada', '--name', 'Ada', '--password-stdin']);
      const again = await staffCli(url(), [
        'create-admin',
        '--username',
        'ADA',
        '--name',
        'Ada Two',
        '--password-stdin',
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('UNIQUE_VIOLATION');
      expect((await db().query('select 1 from staff')).rows).toHaveLength(1);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
