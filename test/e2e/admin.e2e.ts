import { expect, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';

/** Like the shared fixture, but signed in as the practice's first admin. */
const adminTest = test.extend({ vetdeskRole: 'admin' });

adminTest(
  'an admin sees staff and devices, edits an owner and reads the change in its history',
  async ({ page, vetdesk }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

    // Staff: every member with a role badge; the signed-in admin among them.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
    const staffTable = page.getByRole('table', { name: /Staff/ });
    await expect(staffTable.getByRole('row').nth(1)).toBeVisible();
    const adminName = (await page.getByTestId('signed-in-name').textContent())?.trim() ?? '';
    expect(adminName).not.toBe('');
    const adminRow = staffTable.getByRole('row').filter({ hasText: adminName });
    await expect(adminRow.getByText('Admin', { exact: true })).toBeVisible();
    await expect(staffTable.getByText('Vet', { exact: true }).first()).toBeVisible();
    await screenshot(page, 'admin-staff');

    // Devices: this workstation is marked.
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Devices' }).click();
    const devicesTable = page.getByRole('table', { name: /Devices/ });
    const self = devicesTable.locator('tr[data-this-workstation="true"]');
    await expect(self).toHaveCount(1);
    await expect(self.getByText('This workstation')).toBeVisible();
    await expect(self.getByText('Active')).toBeVisible();
    await screenshot(page, 'admin-devices');

    // Edit an owner's city, and wait until the server has it.
    await openFirstOwner(page);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit owner' });
    const before = await dialog.getByLabel('City').inputValue();
    const after = `Harbourtown ${Date.now() % 100_000}`;
    await dialog.getByLabel('City').fill(after);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(after)).toBeVisible();
    await expect(page.getByText('● not synced')).toBeHidden({ timeout: 20_000 });

    await screenshot(page, 'admin-owner-with-history-link');

    // Its history: the newest entry is this change, by this admin, City before → after.
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.getByText('Owner history')).toBeVisible();
    const entries = page.getByTestId('history-entry');
    await expect(entries.first()).toContainText('Changed');
    const newest = entries.first();
    await expect(newest).toContainText(adminName);
    // The demo's workstation enrolled for real: the change names it by its enrolled name.
    await expect(newest).toContainText('on Demo workstation');
    const city = newest.locator('tr[data-field="city"]');
    await expect(city.locator('.history-before')).toHaveText(before === '' ? '(empty)' : before);
    await expect(city.locator('.history-after')).toHaveText(after);
    // The creation (by the demo seed, on the server) is the oldest entry.
    await expect(entries.last()).toContainText('Created');
    await screenshot(page, 'admin-history');

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'admin-history-dark');
    await page.getByRole('link', { name: 'Open owner' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByRole('table', { name: /Staff/ })).toBeVisible();
    await screenshot(page, 'admin-staff-dark');
  },
);

test('staff who are not admins see no Admin area and no History link', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  await openFirstOwner(page);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0);

  // Typing the address does not help: the workstation refuses, and the screen says who may.
  // A string: the test project has no DOM types, and this runs in the page.
  for (const section of ['staff', 'updates', 'restore-gaps']) {
    // From Today each time, so the refusal seen is this address's, not the previous one's.
    await page.evaluate("window.location.hash = '#/today'");
    await expect(page.getByTestId('not-allowed')).toHaveCount(0);
    await page.evaluate(`window.location.hash = '#/admin/${section}'`);
    await expect(page.getByTestId('not-allowed')).toContainText('This page is for practice admins');
  }
});
