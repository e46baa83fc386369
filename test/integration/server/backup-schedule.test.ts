import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSourceFor, type BackupSource } from '../../../db/central/backup/create-backup.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { BackupScheduler, type BackupOutcome } from '../../../server/backup/backup-scheduler.js';
import { buildApp } from '../../../server/http/app.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';

const HOUR = 3_600_000;

/** The value of one sample line of a Prometheus text exposition. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  expect(line, `${series} in /metrics`).toBeDefined();
  return Number(line!.slice(series.length + 1));
}

function nextOutcome(scheduler: BackupScheduler): Promise<BackupOutcome> {
  return new Promise((resolve) => {
    const stop = scheduler.onOutcome((outcome) => {
      stop();
      resolve(outcome);
    });
  });
}

describe('scheduled backups', () => {
  let handle: DisposableCentralDb;
  let db: CentralDb;
  let source: BackupSource;
  let workDir: string;
  beforeAll(async () => {
    handle = await freshCentralDb('pglite');
    db = handle.db;
    source = backupSourceFor({ kind: 'pglite' }, db);
    workDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-schedule-'));
  });
  afterAll(async () => {
    await handle.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  it('keeps only the newest KEEP backups, named by time, and leaves other files in the folder alone', async () => {
    const dir = path.join(workDir, 'keep');
    const scheduler = new BackupScheduler({ dir, everyMs: HOUR, keep: 2 }, { source, serverVersion: 'test' });
    await scheduler.start();
    await writeFile(path.join(dir, 'notes.txt'), 'the admin keeps this here');
    try {
      const files: string[] = [];
      for (let i = 0; i < 3; i++) files.push(path.basename((await scheduler.backupNow()).file));
      expect(files.every((name) => /^vetdesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.vdbackup$/.test(name))).toBe(
        true,
      );
      expect((await readdir(dir)).sort()).toEqual(['notes.txt', ...files.slice(1)].sort());
    } finally {
      await scheduler.close();
    }
  }, 120_000);

  it('takes the first backup on schedule and reports it in /metrics', async () => {
    const dir = path.join(workDir, 'metrics');
    const scheduler = new BackupScheduler(
      { dir, everyMs: HOUR, keep: 3 },
      { source, serverVersion: 'test', firstPassAfterMs: 0 },
    );
    const app = buildApp({ db, version: 'test', logLevel: 'silent', backups: scheduler });
    try {
      const first = nextOutcome(scheduler);
      await app.ready();
      const outcome = await first;
      if (outcome.outcome !== 'success') throw outcome.error;
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(metrics, 'vetdesk_backups_total{outcome="success"}')).toBe(1);
      expect(sample(metrics, 'vetdesk_backups_total{outcome="failure"}')).toBe(0);
      expect(sample(metrics, 'vetdesk_backup_last_size_bytes')).toBe((await stat(outcome.result.file)).size);
      expect(sample(metrics, 'vetdesk_backup_last_success_timestamp_seconds')).toBe(
        Date.parse(outcome.result.manifest.createdAt) / 1000,
      );
      expect(sample(metrics, 'vetdesk_backup_last_duration_seconds')).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('counts a failed backup in /metrics and leaves no file behind', async () => {
    const dir = path.join(workDir, 'failing');
    const unreachable: BackupSource = {
      engine: 'postgres',
      db,
      owner: { connectionString: 'postgres://nobody@127.0.0.1:1/nowhere' },
    };
    const scheduler = new BackupScheduler(
      { dir, everyMs: HOUR, keep: 3 },
      { source: unreachable, serverVersion: 'test' },
    );
    const app = buildApp({ db, version: 'test', logLevel: 'silent', backups: scheduler });
    try {
      await app.ready();
      await expect(scheduler.backupNow()).rejects.toMatchObject({ code: 'BACKUP_TOOL_FAILED' });
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(metrics, 'vetdesk_backups_total{outcome="failure"}')).toBe(1);
      expect(sample(metrics, 'vetdesk_backups_total{outcome="success"}')).toBe(0);
      expect(sample(metrics, 'vetdesk_backup_last_success_timestamp_seconds')).toBe(0);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
