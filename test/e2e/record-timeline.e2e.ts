import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, dropDatabase } from '../../db/central/admin.js';
import { openPostgres } from '../../db/central/pg-database.js';
import { launchVetdesk, type LaunchedVetdesk } from '../helpers/launch-vetdesk.js';
import { testServerUrl, uniqueDatabaseName } from '../helpers/postgres-server.js';
import { expect, SCREENSHOTS, test as base } from './fixtures.js';

const RECORDS = 400;

/**
 * A VetDesk whose central database is a real PostgreSQL database, so the test can give one
 * patient hundreds of medical records directly (no UI could write that many in time).
 */
const test = base.extend<{ chart: { vetdesk: LaunchedVetdesk; patientId: string } }>({
  // Playwright reads fixture dependencies from the destructuring pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  chart: async ({}, use) => {
    const serverUrl = testServerUrl();
    const database = uniqueDatabaseName('vetdesk_e2e_timeline');
    const databaseUrl = await createDatabase(serverUrl, database);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-'));
    const db = openPostgres({
      kind: 'postgres',
      connectionString: databaseUrl,
      poolMax: 1,
      poolIdleMs: 1000,
      connectTimeoutMs: 5000,
    });
    // A vet: each draft then has its two buttons (Edit, Finalize), which the keyboard walk counts on.
    const vetdesk = await launchVetdesk({ dataDir, owners: 20, role: 'vet', env: { DATABASE_URL: databaseUrl } });
    try {
      const { rows } = await db.query<{ id: string }>(
        `select id from patients where deleted_at is null order by created_at limit 1`,
      );
      const patientId = rows[0]!.id;
      // Newest first on screen: "Timeline visit 1" on top, "Timeline visit 400" at the bottom.
      await db.query(
        `insert into medical_records (patient_id, record_type, status, title, subjective, objective, assessment, plan, visit_at)
         select $1, 'exam', 'draft', 'Timeline visit ' || g,
                'Owner reports visit ' || g || '.' || repeat(' Eating and drinking well.', g % 9),
                'Bright, alert, responsive.', 'Healthy.', 'Recheck in a year.', now() - (g || ' days')::interval
           from generate_series(1, $2::int) g`,
        [patientId, RECORDS],
      );
      await use({ vetdesk, patientId });
    } finally {
      await vetdesk.stop();
      await db.close();
      await dropDatabase(serverUrl, database);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

test('a chart with hundreds of records draws only those near the window, and Tab walks through them all', async ({
  page,
  chart,
}) => {
  const [base, secret = ''] = chart.vetdesk.url.split('#');
  await page.goto(`${base}#${secret}`);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.goto(`${base}#/patient/${chart.patientId}`);
  const heading = page.getByRole('heading', { name: /^Medical history \d+$/ });
  await expect
    .poll(async () => Number((await heading.textContent())?.replace(/\D/g, '')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(RECORDS);

  const records = page.getByTestId('medical-record');
  const newest = records.filter({ hasText: /Timeline visit 1(?!\d)/ });
  await expect(newest).toBeVisible();
  // Virtualised: a handful of entries in the page, each knowing its place in the whole list.
  expect(await records.count()).toBeLessThan(40);
  // The set counts top-level entries (addenda sit inside theirs): every bench record is one.
  expect(Number(await newest.getAttribute('aria-setsize'))).toBeGreaterThanOrEqual(RECORDS);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'record-timeline-virtualised.png') });

  // Keyboard: each draft has two buttons; Tab reaches entries that were not drawn at first,
  // and the one holding focus is on screen (not under the sticky header, not off the page).
  await newest.getByRole('button', { name: 'Edit' }).focus();
  for (let step = 0; step < 40; step++) await page.keyboard.press('Tab');
  const focused = page.locator('[data-testid="medical-record"]:has(:focus)');
  await expect(focused).toHaveCount(1);
  expect(Number(await focused.getAttribute('aria-posinset'))).toBeGreaterThanOrEqual(18);
  await expect(focused.locator(':focus')).toBeInViewport();

  // The list scrolls with the page, not in a box of its own: the end of the page is the oldest record.
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(records.filter({ hasText: `Timeline visit ${RECORDS}` })).toBeInViewport({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  expect(await records.count()).toBeLessThan(40);
});
