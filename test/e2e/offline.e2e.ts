import { screenshot } from './fixtures.js';
import {
  clusterTest,
  emptyDay,
  expectConnection,
  expectMorePending,
  openRoute,
  openUi,
  pendingShown,
  RECONNECT_MS,
} from './cluster-fixtures.js';
import { expect } from './fixtures.js';

const test = clusterTest({ workstations: ['front_desk'] });

test('with the central server down, the front desk keeps working; everything lands once when it returns', async ({
  page,
  cluster,
}) => {
  const [frontDesk] = cluster.workstations;
  if (!frontDesk) throw new Error('no workstation');
  const { rows: owners } = await cluster.central.query<{ id: string; first_name: string; last_name: string }>(
    `select id, first_name, last_name from owners where deleted_at is null order by last_name, id limit 1`,
  );
  const owner = owners[0];
  if (!owner) throw new Error('the demo practice has no owner');
  const suffix = String(Date.now() % 100_000).padStart(5, '0');
  const phone = `+33 6 12 ${suffix.slice(0, 2)} ${suffix.slice(2)}`;
  const patientName = `Pistache ${suffix}`;
  const reason = `Offline booking ${suffix}`;
  const day = emptyDay();

  await openUi(page, frontDesk);
  await expectConnection(page, 'online');
  await openRoute(page, `#/owner/${owner.id}`);
  await expect(page.getByRole('heading', { name: `${owner.first_name} ${owner.last_name}` })).toBeVisible();

  // The network goes: the status says so without anyone doing anything.
  await cluster.stopServer('SIGKILL');
  await expectConnection(page, 'offline');
  let pending = await pendingShown(page);
  expect(pending).toBe(0);

  // Edit the owner.
  await page.getByRole('button', { name: 'Edit' }).click();
  const ownerDialog = page.getByRole('dialog', { name: 'Edit owner' });
  await ownerDialog.getByLabel('Phone').fill(phone);
  await ownerDialog.getByRole('button', { name: 'Save' }).click();
  await expect(ownerDialog).toBeHidden();
  await expect(page.getByRole('link', { name: phone })).toBeVisible();
  pending = await expectMorePending(page, pending);

  // Register a patient for them.
  await page.getByRole('button', { name: 'Add patient' }).click();
  const patientDialog = page.getByRole('dialog', { name: 'Add patient' });
  await patientDialog.getByLabel('Name').fill(patientName);
  await patientDialog.getByLabel('Species').selectOption('dog');
  await patientDialog.getByLabel('Sex').selectOption('male');
  await patientDialog.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(patientName), level: 1 })).toBeVisible();
  pending = await expectMorePending(page, pending);

  // Book an appointment on a day with no other booking.
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const booking = page.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByLabel('Day').fill(day);
  await booking.getByLabel('Time').fill('09:30');
  await booking.getByLabel('Length (minutes)').fill('20');
  await booking.getByLabel('Vet').selectOption({ index: 1 });
  await booking.getByLabel('Reason').fill(reason);
  await expect(booking.getByTestId('overlap-warning')).toHaveCount(0);
  await booking.getByLabel('Reason').press('Enter');
  await expect(booking).toBeHidden();
  await expect(page.getByRole('cell', { name: reason })).toBeVisible();
  pending = await expectMorePending(page, pending);

  // Bill the visit and send the bill: it has a provisional reference until the server numbers it.
  await page.getByRole('button', { name: 'New bill' }).click();
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice).toBeVisible();
  pending = await expectMorePending(page, pending);
  const billId = /#\/bill\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!billId) throw new Error(`not on a bill page: ${page.url()}`);
  await page.getByLabel('Price list item').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByTestId('bill-item')).toHaveCount(1);
  pending = await expectMorePending(page, pending);
  await page.getByRole('button', { name: 'Issue…' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  await expect(invoice.locator('.bill-header .badge')).toHaveText('Issued');
  pending = await expectMorePending(page, pending);
  const number = page.getByTestId('bill-number');
  await expect(number).toContainText('Provisional');
  await expect(number).toContainText(`ref. ${billId.slice(-8)}`);
  await expectConnection(page, 'offline', 1_000);
  await expect(page.locator('.toast')).toHaveCount(0);
  await screenshot(page, 'offline-bill');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'offline-bill-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The server returns: everything goes through, and the bill gets its final number on screen.
  await cluster.startServer();
  await expectConnection(page, 'online');
  await expect.poll(() => pendingShown(page), { timeout: RECONNECT_MS }).toBe(0);
  await expect(number).toHaveText(/^BILL-\d{6}$/, { timeout: RECONNECT_MS });
  // Once the server's own rows are back, nothing on the bill is marked as not synced any more.
  await expect(invoice.locator('.pending-mark')).toHaveCount(0, { timeout: RECONNECT_MS });
  await screenshot(page, 'offline-bill-numbered');

  // On the server, each change landed exactly once.
  const { rows: ledger } = await cluster.central.query<{ name: string; status: string; n: number }>(
    `select name, status, count(*)::int as n from sync.mutations where staff_id = $1 group by name, status`,
    [frontDesk.staff.id],
  );
  expect(Object.fromEntries(ledger.map((row) => [row.name, `${row.status} x${row.n}`]))).toEqual({
    'owner.update': 'applied x1',
    'patient.create': 'applied x1',
    'appointment.create': 'applied x1',
    'bill.create': 'applied x1',
    'bill.addItem': 'applied x1',
    'bill.issue': 'applied x1',
  });
  const one = async (sql: string, params: unknown[]) => (await cluster.central.query(sql, params)).rows;
  expect(await one(`select phone from owners where id = $1`, [owner.id])).toEqual([{ phone }]);
  const patients = await one(`select id from patients where owner_id = $1 and name = $2`, [owner.id, patientName]);
  expect(patients).toHaveLength(1);
  expect(
    await one(`select scheduled_at from appointments where patient_id = $1 and reason = $2`, [
      (patients[0] as { id: string }).id,
      reason,
    ]),
  ).toHaveLength(1);
  const bills = await one(`select status, bill_number from bills where patient_id = $1`, [
    (patients[0] as { id: string }).id,
  ]);
  expect(bills).toEqual([{ status: 'sent', bill_number: await number.textContent() }]);
  expect(await one(`select id from bill_items where bill_id = $1`, [billId])).toHaveLength(1);
});

test('a workstation reopened while the central server is down opens on its own data and catches up later', async ({
  page,
  cluster,
}) => {
  const [frontDesk] = cluster.workstations;
  if (!frontDesk) throw new Error('no workstation');
  const { rows } = await cluster.central.query<{ id: string; first_name: string; last_name: string }>(
    `select id, first_name, last_name from owners where deleted_at is null order by last_name desc, id limit 1`,
  );
  const owner = rows[0];
  if (!owner) throw new Error('the demo practice has no owner');
  const notes = `Prefers morning appointments (${Date.now() % 100_000})`;

  // The front desk signed in here once while connected, so this workstation can check them offline.
  await openUi(page, frontDesk);
  // The server is gone before the app is opened again: it starts anyway, from its replica, and
  // the same person signs in against the credential cached at that online sign-in.
  await cluster.stopServer('SIGKILL');
  await cluster.restartWorkstation(frontDesk);
  await openUi(page, frontDesk);
  await expect(page.getByTestId('offline-session')).toBeVisible();
  await expectConnection(page, 'offline');
  await openRoute(page, `#/owner/${owner.id}`);
  await expect(page.getByRole('heading', { name: `${owner.first_name} ${owner.last_name}` })).toBeVisible();

  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit owner' });
  await dialog.getByLabel('Notes').fill(notes);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText(notes);
  expect(await expectMorePending(page, 0)).toBe(1);
  await screenshot(page, 'offline-reopened');

  await cluster.startServer();
  await expectConnection(page, 'online');
  await expect.poll(() => pendingShown(page), { timeout: RECONNECT_MS }).toBe(0);
  expect((await cluster.central.query(`select notes from owners where id = $1`, [owner.id])).rows).toEqual([{ notes }]);
});
