import type { Page } from '@playwright/test';
import { expect, screenshot } from './fixtures.js';
import {
  clusterTest,
  emptyDay,
  expectConnection,
  openRoute,
  openUi,
  pendingShown,
  RECONNECT_MS,
} from './cluster-fixtures.js';

const test = clusterTest({ workstations: ['front_desk', 'vet'] });

interface Conflict {
  id: string;
  winner_value: unknown;
  loser_value: unknown;
  winner_staff_id: string;
  loser_staff_id: string;
  status: string;
  resolution: string | null;
}

/** Edits the phone of the owner shown on `page`. */
async function editPhone(page: Page, phone: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit owner' });
  await dialog.getByLabel('Phone').fill(phone);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** The phone number the owner screen on `page` shows. */
function shownPhone(page: Page) {
  return page.getByRole('region', { name: 'Contact' }).locator('a[href^="tel:"]');
}

test('a change on one workstation shows live on the other; a conflicting offline edit is settled in Sync review', async ({
  page,
  cluster,
}) => {
  const [frontDesk, vet] = cluster.workstations;
  if (!frontDesk || !vet) throw new Error('two workstations expected');
  const { rows } = await cluster.central.query<{ owner_id: string; owner_name: string; patient_id: string }>(
    `select o.id as owner_id, o.first_name || ' ' || o.last_name as owner_name, p.id as patient_id
       from owners o join patients p on p.owner_id = o.id
      where o.deleted_at is null and p.deleted_at is null
      order by o.last_name, o.id, p.id limit 1`,
  );
  const target = rows[0];
  if (!target) throw new Error('the demo practice has no owner with a patient');
  const suffix = String(Date.now() % 100_000).padStart(5, '0');

  const desk = page;
  const clinic = await page.context().newPage();
  await openUi(desk, frontDesk);
  await openUi(clinic, vet);
  await expectConnection(desk, 'online');
  await expectConnection(clinic, 'online');

  // A new phone number at the front desk appears on the vet's screen, nobody reloading.
  await openRoute(desk, `#/owner/${target.owner_id}`);
  await openRoute(clinic, `#/owner/${target.owner_id}`);
  const livePhone = `+33 1 40 ${suffix.slice(0, 2)} ${suffix.slice(2)}`;
  await editPhone(desk, livePhone);
  await expect(shownPhone(desk)).toHaveText(livePhone);
  await expect(shownPhone(clinic)).toHaveText(livePhone, { timeout: RECONNECT_MS });

  // So does a booking, on the patient's chart.
  const reason = `Dental check ${suffix}`;
  await openRoute(desk, `#/patient/${target.patient_id}`);
  await openRoute(clinic, `#/patient/${target.patient_id}`);
  await expect(clinic.getByRole('heading', { name: /Appointments/ })).toBeVisible();
  await desk.getByRole('button', { name: 'Book appointment' }).click();
  const booking = desk.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByLabel('Day').fill(emptyDay());
  await booking.getByLabel('Time').fill('11:00');
  await booking.getByLabel('Vet').selectOption({ index: 1 });
  await booking.getByLabel('Reason').fill(reason);
  await expect(booking.getByTestId('overlap-warning')).toHaveCount(0);
  await booking.getByRole('button', { name: 'Book' }).click();
  await expect(booking).toBeHidden();
  await expect(clinic.getByRole('cell', { name: reason })).toBeVisible({ timeout: RECONNECT_MS });

  // The server goes away; both change the same phone number from the same starting value.
  await openRoute(desk, `#/owner/${target.owner_id}`);
  await openRoute(clinic, `#/owner/${target.owner_id}`);
  await expect(shownPhone(clinic)).toHaveText(livePhone);
  await cluster.stopServer('SIGKILL');
  await expectConnection(desk, 'offline');
  await expectConnection(clinic, 'offline');
  const deskPhone = `+33 1 41 ${suffix.slice(0, 2)} ${suffix.slice(2)}`;
  const clinicPhone = `+33 1 42 ${suffix.slice(0, 2)} ${suffix.slice(2)}`;
  await editPhone(desk, deskPhone);
  await editPhone(clinic, clinicPhone);
  await expect(shownPhone(desk)).toHaveText(deskPhone);
  await expect(shownPhone(clinic)).toHaveText(clinicPhone);

  // Back online: the later arrival wins on both workstations, and the conflict is recorded.
  await cluster.startServer();
  for (const each of [desk, clinic]) {
    await expectConnection(each, 'online');
    await expect.poll(() => pendingShown(each), { timeout: RECONNECT_MS }).toBe(0);
  }
  const conflicts = async () =>
    (
      await cluster.central.query<Conflict>(
        `select id, winner_value, loser_value, winner_staff_id, loser_staff_id, status, resolution
           from sync.conflicts where table_name = 'owners' and row_id = $1 and field = 'phone'`,
        [target.owner_id],
      )
    ).rows;
  await expect.poll(async () => (await conflicts()).length, { timeout: RECONNECT_MS }).toBe(1);
  const [conflict] = await conflicts();
  if (!conflict) throw new Error('no conflict recorded');
  const byStaff = { [frontDesk.staff.id]: frontDesk.staff, [vet.staff.id]: vet.staff };
  const winner = byStaff[conflict.winner_staff_id];
  const loser = byStaff[conflict.loser_staff_id];
  if (!winner || !loser || winner === loser) throw new Error(`unexpected sides: ${JSON.stringify(conflict)}`);
  const winnerPhone = winner === frontDesk.staff ? deskPhone : clinicPhone;
  const loserPhone = winner === frontDesk.staff ? clinicPhone : deskPhone;
  expect([conflict.winner_value, conflict.loser_value]).toEqual([winnerPhone, loserPhone]);
  for (const each of [desk, clinic]) await expect(shownPhone(each)).toHaveText(winnerPhone, { timeout: RECONNECT_MS });

  // The losing side finds it in Sync review: both values, who wrote each, when.
  const loserPage = loser === frontDesk.staff ? desk : clinic;
  const otherPage = loserPage === desk ? clinic : desk;
  await loserPage.getByTestId('sync-status').getByRole('link', { name: '1 conflict' }).click();
  await expect(loserPage.getByRole('heading', { name: 'Sync review', exact: true })).toBeVisible();
  const card = loserPage.getByTestId('conflict');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Two people changed the same field');
  await expect(card.getByTestId('conflict-record')).toHaveText(target.owner_name);
  await expect(card.locator('.conflict-kept')).toContainText(winner.displayName);
  await expect(card.locator('.conflict-kept')).toContainText(winnerPhone);
  await expect(card.locator('.conflict-lost')).toContainText(loser.displayName);
  await expect(card.locator('.conflict-lost')).toContainText(loserPhone);
  await expect(card.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expect(loserPage.locator('.toast')).toHaveCount(0);
  await screenshot(loserPage, 'sync-review-conflict');
  await loserPage.emulateMedia({ colorScheme: 'dark' });
  await screenshot(loserPage, 'sync-review-conflict-dark');
  await loserPage.emulateMedia({ colorScheme: 'light' });

  // One action restores the losing value; both workstations converge on it.
  await card.getByRole('button', { name: 'Restore the other value' }).click();
  await expect(loserPage.getByText('No conflicts')).toBeVisible({ timeout: RECONNECT_MS });
  await openRoute(loserPage, `#/owner/${target.owner_id}`);
  for (const each of [desk, clinic]) {
    await expect(shownPhone(each)).toHaveText(loserPhone, { timeout: RECONNECT_MS });
    await expect.poll(() => pendingShown(each), { timeout: RECONNECT_MS }).toBe(0);
    await expect(each.getByTestId('sync-status')).not.toContainText('conflict');
  }
  await openRoute(otherPage, '#/sync-review');
  await expect(otherPage.getByText('No conflicts')).toBeVisible();
  const [resolved] = await conflicts();
  expect(resolved).toMatchObject({ status: 'resolved', resolution: 'restored' });
  expect((await cluster.central.query(`select phone from owners where id = $1`, [target.owner_id])).rows).toEqual([
    { phone: loserPhone },
  ]);
});
