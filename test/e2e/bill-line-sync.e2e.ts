import { clusterTest, expectConnection, openRoute, openUi, pendingShown, RECONNECT_MS } from './cluster-fixtures.js';
import { expect } from './fixtures.js';

const test = clusterTest({ workstations: ['front_desk'] });

// The central database writes quantities with three decimals, so a line's quantity changes from
// '1' to '1.000' when the server's copy arrives. Changing an input's value moves the caret to
// the end: staff who had selected the quantity to overwrite it typed '1.0003' instead of '3'.
// Quantities now show without needless zeros (both read '1'), and the field still holds what it
// showed from focus, whatever the line's new copy says.
// With the server down the line cannot sync until the test says so, which makes that moment
// exact instead of a race.
test('a quantity selected while its line syncs is replaced by what staff type, not appended to', async ({
  page,
  cluster,
}) => {
  const [frontDesk] = cluster.workstations;
  if (!frontDesk) throw new Error('no workstation');
  const { rows: patients } = await cluster.central.query<{ id: string }>(
    `select id from patients where deleted_at is null order by name, id limit 1`,
  );
  const patient = patients[0];
  if (!patient) throw new Error('the demo practice has no patient');

  await openUi(page, frontDesk);
  await expectConnection(page, 'online');
  await openRoute(page, `#/patient/${patient.id}`);
  await cluster.stopServer('SIGKILL');
  await expectConnection(page, 'offline');

  await page.getByRole('button', { name: 'New bill' }).click();
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice).toBeVisible();
  const billId = /#\/bill\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!billId) throw new Error(`not on a bill page: ${page.url()}`);
  await page.getByLabel('Price list item').selectOption({ index: 1 });
  const description = await page.getByLabel('Description').inputValue();
  await page.getByRole('button', { name: 'Add item' }).click();
  const quantity = page.getByRole('textbox', { name: `Quantity of ${description}` });
  await expect(quantity).toHaveValue('1');

  // Select the whole quantity, then let the server come back and the line sync under it.
  await quantity.click();
  await quantity.press('Control+a');
  await cluster.startServer();
  await expectConnection(page, 'online');
  await expect.poll(() => pendingShown(page), { timeout: RECONNECT_MS }).toBe(0);
  await expect(invoice.locator('.pending-mark')).toHaveCount(0, { timeout: RECONNECT_MS });
  await expect(quantity).toBeFocused();
  await page.keyboard.type('3');
  await quantity.press('Enter');
  await expect(quantity).toHaveValue('3');
  await expect(invoice.getByRole('alert')).toHaveCount(0);
  await expect(invoice.locator('.pending-mark')).toHaveCount(0, { timeout: RECONNECT_MS });
  // The server's copy ('3.000') shows without needless decimals.
  await expect(quantity).toHaveValue('3');
  await expect
    .poll(
      async () => (await cluster.central.query(`select quantity from bill_items where bill_id = $1`, [billId])).rows,
    )
    .toEqual([{ quantity: '3.000' }]);
});
