import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backupSourceFor } from '../../../db/central/backup/create-backup.js';
import { BackupScheduler } from '../../../server/backup/backup-scheduler.js';
import { buildApp } from '../../../server/http/app.js';
import { useCentralDb } from '../../helpers/central-db.js';
import { declaredMetrics } from '../../helpers/prometheus-text.js';

const DASHBOARD = new URL('../../../docs/ops/vetdesk-dashboard.json', import.meta.url);

const datasourceRef = z.object({ type: z.literal('prometheus'), uid: z.literal('${datasource}') });

/** The parts of Grafana's dashboard model this test relies on. */
const dashboardSchema = z.object({
  title: z.string(),
  uid: z.string(),
  templating: z.object({
    list: z.array(z.object({ name: z.string(), type: z.string(), query: z.unknown() }).loose()),
  }),
  panels: z.array(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('row'), title: z.string() }).loose(),
      z
        .object({
          type: z.literal('timeseries'),
          title: z.string(),
          datasource: datasourceRef,
          targets: z.array(z.object({ expr: z.string().min(1), datasource: datasourceRef }).loose()).min(1),
        })
        .loose(),
    ]),
  ),
});

/** Metric names an expression reads, histogram series (`_bucket`, `_count`, `_sum`) by their histogram's name. */
function metricsIn(expr: string, declared: Set<string>): string[] {
  return [...expr.matchAll(/\bvetdesk_[a-z0-9_]+/g)].map(([name]) => {
    const base = name.replace(/_(bucket|count|sum)$/, '');
    return declared.has(name) || !declared.has(base) ? name : base;
  });
}

describe('the Grafana dashboard in docs/ops', () => {
  const db = useCentralDb('pglite');

  it('queries only metrics the server registers, through the Prometheus datasource variable', async () => {
    const dashboard = dashboardSchema.parse(JSON.parse(await readFile(DASHBOARD, 'utf8')));
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    // With backups scheduled, so that their metrics are registered too (the first pass would come
    // an hour later; closing the app cancels it).
    const backupDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-dashboard-backups-'));
    const backups = new BackupScheduler(
      { dir: backupDir, everyMs: 3_600_000, keep: 1 },
      { source: backupSourceFor({ kind: 'pglite' }, db()), serverVersion: 'test' },
    );
    const app = buildApp({ db: db(), version: 'test', logLevel: 'silent', backups });
    try {
      const declared = declaredMetrics((await app.inject({ method: 'GET', url: '/metrics' })).body);
      const queried = dashboard.panels.flatMap((panel) =>
        panel.type === 'timeseries' ? panel.targets.flatMap((target) => metricsIn(target.expr, declared)) : [],
      );
      const instanceQuery = JSON.stringify(dashboard.templating.list.find((v) => v.name === 'instance')?.query);
      queried.push(...metricsIn(instanceQuery, declared));
      // The metrics of this issue each have a panel.
      for (const metric of [
        'vetdesk_mutations_total',
        'vetdesk_conflicts_total',
        'vetdesk_push_duration_seconds',
        'vetdesk_shape_request_duration_seconds',
        'vetdesk_live_shape_clients',
        'vetdesk_change_log_entries',
        'vetdesk_ledger_entries',
        'vetdesk_db_ping_seconds',
        'vetdesk_db_ping_failures_total',
        'vetdesk_db_pool_connections',
        'vetdesk_backup_last_success_timestamp_seconds',
        'vetdesk_backup_last_duration_seconds',
        'vetdesk_backup_last_size_bytes',
        'vetdesk_backups_total',
      ]) {
        expect(queried, metric).toContain(metric);
      }
      expect(queried.filter((metric) => !declared.has(metric))).toEqual([]);
    } finally {
      await app.close();
      await rm(backupDir, { recursive: true, force: true });
    }
  });
});
