import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { StaffRole } from '../../core/domain/enums.js';
import { CLUSTER_PASSWORD, clusterEnrolmentCode } from '../helpers/launch-cluster.js';
import { launchVetdesk } from '../helpers/launch-vetdesk.js';
import { exited } from '../helpers/server-process.js';
import { clusterTest, expectConnection, openRoute, pendingShown, RECONNECT_MS } from './cluster-fixtures.js';
import { expect, screenshot, signIn } from './fixtures.js';

/** A central server over PostgreSQL with no workstation yet: the test enrols one through the UI. */
const test = clusterTest({ workstations: [] });

/** The screen sizes the identity screens are looked at in, light and dark. */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** Screenshots of the screen showing now at each size, light and dark; the page ends light at 1440x900. */
async function shootEverySize(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `identity-${name}-${size.width}x${size.height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('enrol with a code, sign in by role, switch user, idle lock, offline sign-in whose change the server attributes', async ({
  page,
  cluster,
}) => {
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => {
    const { rows } = await cluster.central.query<T>(sql, params);
    if (!rows[0]) throw new Error(`no row for ${sql}`);
    return rows[0];
  };
  const person = (role: StaffRole) =>
    one<{ id: string; username: string; display_name: string }>(
      `select id, username, display_name from staff where role = $1 and deleted_at is null
       order by created_at, username limit 1`,
      [role],
    );
  const desk = await person('front_desk');
  const vet = await person('vet');
  const draft = await one<{ patient_id: string; title: string }>(
    `select patient_id, title from medical_records
     where status = 'draft' and title is not null and deleted_at is null and addendum_of is null
     order by created_at limit 1`,
  );
  const owner = await one<{ id: string; first_name: string; last_name: string }>(
    `select id, first_name, last_name from owners where deleted_at is null order by created_at limit 1`,
  );

  // A workstation started with only the server's address in its settings: not enrolled.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-identity-'));
  const vetdesk = await launchVetdesk({
    dataDir,
    waitForSync: false,
    // Idle lock after 15 s: long enough for every step below, short enough to wait for.
    env: { VETDESK_CENTRAL_URL: cluster.centralUrl, VETDESK_IDLE_LOCK_MINUTES: '0.25' },
  });
  try {
    expect(vetdesk.output()).toMatch(/not enrolled yet/);

    // First run: the server's address and an admin's one-time code.
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Set up this workstation' })).toBeVisible();
    await shootEverySize(page, 'first-run');
    await page.getByLabel('Server address').fill(cluster.centralUrl);
    await page.getByLabel('Enrolment code').fill(await clusterEnrolmentCode(cluster.central, 'Reception e2e'));
    await page.getByRole('button', { name: 'Connect workstation' }).click();

    // Sign in: a wrong password is refused, the right one opens the practice.
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await shootEverySize(page, 'sign-in');
    await page.getByLabel('Username', { exact: true }).fill(desk.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await signIn(page, desk.username, CLUSTER_PASSWORD);
    await expect(page.getByTestId('signed-in-name')).toHaveText(desk.display_name);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expectConnection(page, 'online');

    // Front desk: the draft record shows, without Finalize; the admin screens answer Not allowed.
    await openRoute(page, `#/patient/${draft.patient_id}`);
    await expect(page.getByText(draft.title).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Finalize/ })).toHaveCount(0);
    await openRoute(page, '#/admin/staff');
    await expect(page.getByTestId('not-allowed')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);

    // Switch user: Ctrl+L locks the session and opens the sign-in screen for the next person.
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText(`${desk.display_name}'s session is locked`)).toBeVisible();
    await shootEverySize(page, 'switch-user');
    await signIn(page, vet.username, CLUSTER_PASSWORD);
    await expect(page.getByTestId('signed-in-name')).toHaveText(vet.display_name);
    await openRoute(page, `#/patient/${draft.patient_id}`);
    await expect(page.getByRole('button', { name: /^Finalize/ }).first()).toBeVisible();

    // Nobody touches the workstation: it locks by itself, naming whose session it was.
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible({ timeout: 40_000 });
    await expect(page.getByText(`(${vet.username})`)).toBeVisible();
    await shootEverySize(page, 'lock');

    // The server goes away; the vet signs in again on this workstation, checked offline.
    await cluster.stopServer('SIGKILL');
    await signIn(page, vet.username, CLUSTER_PASSWORD);
    await expect(page.getByTestId('offline-session')).toBeVisible();
    await expectConnection(page, 'offline');

    // A change made offline waits, then reaches the server signed by the vet's offline key.
    const phone = `+33 6 55 ${String(Date.now() % 100_000).padStart(5, '0')}`;
    await openRoute(page, `#/owner/${owner.id}`);
    await expect(page.getByRole('heading', { name: `${owner.first_name} ${owner.last_name}` })).toBeVisible();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit owner' });
    await dialog.getByLabel('Phone').fill(phone);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    expect(await pendingShown(page)).toBeGreaterThan(0);

    await cluster.startServer();
    await expect.poll(() => pendingShown(page), { timeout: RECONNECT_MS }).toBe(0);
    // Applied from a token device: its signature checked out against the vet's key (unsigned or
    // forged changes are rejected), and the acting staff member is that key's owner.
    const landed = await one<{ staff_id: string; status: string }>(
      `select staff_id, status from sync.mutations
       where name = 'owner.update' and args->>'id' = $1 order by received_at desc limit 1`,
      [owner.id],
    );
    expect(landed).toEqual({ staff_id: vet.id, status: 'applied' });
    expect(await one(`select phone from owners where id = $1`, [owner.id])).toEqual({ phone });
  } finally {
    vetdesk.child.kill('SIGTERM');
    await exited(vetdesk.child);
    await rm(dataDir, { recursive: true, force: true });
  }
});
