/**
 * `npm run bench:ui`: how fast the UI becomes usable against a large practice (default 100k
 * owners, about 1.35M rows, on real PostgreSQL): the time from navigation to an interactive
 * Today screen, and to an open patient chart holding 1,000 medical records. Each figure is the
 * median of several fresh page loads in Debian's Chromium, after the workstation's first sync.
 * The baseline in the same run is a navigation to the bare index page (bridge, HTML, scripts,
 * no data), so the figures can be read as "time the screen itself adds".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { createDatabase, dropDatabase } from '../db/central/admin.js';
import { openPostgres } from '../db/central/pg-database.js';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/helpers/chromium.js';
import { launchVetdesk } from '../test/helpers/launch-vetdesk.js';

const { values: args } = parseArgs({
  options: { owners: { type: 'string', default: '100000' }, loads: { type: 'string', default: '5' } },
});
const OWNERS = Number(args.owners);
const LOADS = Number(args.loads);
const serverUrl =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_RECORDS = 1000;
/**
 * Resolves once the chart is usable with every bench record in it: its heading counts at least
 * 1,000 records and the newest of them is drawn with its notes. The timeline is virtualised, so
 * only the entries near the window exist as nodes; waiting for a 1,000th node would never end.
 * (Playwright's own world: the page's CSP forbids eval.)
 */
const chartReady = async (page: Page, timeout?: number) => {
  const options = timeout === undefined ? {} : { timeout };
  await page.getByRole('heading', { name: /^Medical history \d{4,}$/ }).waitFor(options);
  await page
    .getByTestId('medical-record')
    .filter({ hasText: /Bench visit 1(?!\d)/ })
    .filter({ hasText: 'Bright, alert, responsive.' })
    .waitFor(options);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function timeLoads(page: Page, url: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(url);
    await ready(page);
    times.push(performance.now() - started);
  }
  return median(times);
}

const database = `vetdesk_bench_ui_${process.pid}`;
const databaseUrl = await createDatabase(serverUrl, database);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-bench-ui-'));
console.log(`bench:ui — ${fmt(OWNERS)} owners on PostgreSQL; seeding and first sync take a while`);
const launchStarted = performance.now();
const vetdesk = await launchVetdesk({
  dataDir,
  owners: OWNERS,
  env: { DATABASE_URL: databaseUrl },
  timeoutMs: 3_600_000,
});
console.log(`seeded and synced in ${fmt((performance.now() - launchStarted) / 1000)} s`);
const db = openPostgres({
  kind: 'postgres',
  connectionString: databaseUrl,
  poolMax: 2,
  poolIdleMs: 1000,
  connectTimeoutMs: 5000,
});
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const { rows } = await db.query<{ id: string }>(
    `select id from patients where deleted_at is null order by created_at limit 1`,
  );
  const patientId = rows[0]!.id;
  await db.query(
    `insert into medical_records (patient_id, record_type, status, title, subjective, objective, assessment, plan, weight_kg, visit_at)
     select $1, 'exam', 'draft', 'Bench visit ' || g, 'Owner reports the patient is doing well.', 'Bright, alert, responsive.',
            'Healthy.', 'Recheck in a year.', 20 + (g % 50) / 10.0, now() - (g || ' days')::interval
       from generate_series(1, $2::int) g`,
    [patientId, BENCH_RECORDS],
  );
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const base = vetdesk.url.split('#')[0]!;
  const fragment = `#${vetdesk.url.split('#')[1] ?? ''}`;
  // Warm up: the first load also waits for the 1,000 records to arrive through the shapes.
  await page.goto(`${base}${fragment}`);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.goto(`${base}#/patient/${patientId}`);
  await chartReady(page, 600_000);
  const drawn = await page.getByTestId('medical-record').count();

  const blank = await timeLoads(page, `${base}#/nowhere`, (p) => p.waitForLoadState('load'));
  const today = await timeLoads(page, `${base}#/today`, (p) =>
    p.locator('[data-testid="appointment"]').first().waitFor(),
  );
  const chart = await timeLoads(page, `${base}#/patient/${patientId}`, (p) => chartReady(p));
  console.log(`\n== UI against ${fmt(OWNERS)} owners (median of ${LOADS} fresh page loads, Chromium, web bridge)`);
  console.log(`baseline, bare page loaded: ${fmt(blank)} ms`);
  console.log(
    `navigation to an interactive Today screen: ${fmt(today)} ms (${fmt(today - blank)} ms over the baseline)`,
  );
  console.log(
    `navigation to an open patient chart with 1,000 records: ${fmt(chart)} ms (${fmt(chart - blank)} ms over the baseline)`,
  );
  console.log(`record entries in the page at the top of that chart (virtualised): ${fmt(drawn)}`);
} finally {
  await browser.close();
  await db.close();
  await vetdesk.stop();
  await dropDatabase(serverUrl, database);
  await rm(dataDir, { recursive: true, force: true });
}
