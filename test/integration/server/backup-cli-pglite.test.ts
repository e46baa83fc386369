import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { readBackupLayout } from '../../../db/central/backup/backup-file.js';
import { openPglite } from '../../../db/central/pglite-database.js';
import { runBackup } from '../../../server/cli/backup.js';
import { runInProcess } from '../../helpers/cli-process.js';

const backupCli = (argv: string[], env: NodeJS.ProcessEnv) => runInProcess(runBackup, argv, env);

describe('npm run backup on the embedded database', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the data folder while a server has it open, and backs it up once it is stopped', async () => {
    const template = new Blob([await readFile(inject('pgliteTemplatePath'))]);
    const open = await openPglite(
      { kind: 'pglite', dataDir: path.join(dataDir, 'central') },
      { loadDataDir: template },
    );
    const env = { VETDESK_DATA_DIR: dataDir };
    const file = path.join(dataDir, 'stopped.vdbackup');
    try {
      const refused = await backupCli([file], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/is open \(postmaster\.pid exists\): stop the server first/);
    } finally {
      await open.close();
    }

    const done = await backupCli([file], env);
    expect(done.err).not.toMatch(/backup:/);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^engine: +pglite$/m);
    expect((await readBackupLayout(file)).manifest.engine).toBe('pglite');

    const again = await backupCli([file], env);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists: a backup is never overwritten/);
    // Two embedded databases on disk, opened one after the other (initdb-free, but each open
    // replays and syncs a data folder): slow on a loaded machine.
  }, 180_000);

  it('refuses a folder with no database rather than creating one, and bad arguments', async () => {
    const missing = await backupCli([path.join(dataDir, 'x.vdbackup')], { VETDESK_DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/There is no database in/);
    expect((await backupCli([], {})).code).toBe(2);
    expect((await backupCli(['a', 'b'], {})).err).toMatch(/Name one backup file/);
  });
});
