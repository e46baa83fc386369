import { expect, screenshot, test } from './fixtures.js';

test('the Today screen shows the demo appointments per vet and the sync status', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByTestId('appointment').first()).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText(/Online|Offline/);
  // The secret leaves the address bar once the client has it.
  expect(page.url()).not.toContain('secret=');
  await screenshot(page, 'today');

  const arrivals = page.getByRole('region', { name: /Arrivals waiting/ });
  const waitingBefore = await arrivals.getByRole('listitem').count();
  await page
    .getByTestId('appointment')
    .filter({ hasText: /Scheduled|Confirmed/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  await expect(dialog).toBeVisible();
  await screenshot(page, 'today-appointment-dialog');
  await dialog.getByRole('button', { name: 'Check in' }).click();
  await expect(dialog).toBeHidden();
  await expect(arrivals.getByRole('listitem')).toHaveCount(waitingBefore + 1);

  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'today-dark');
});

test('Ctrl+K finds an owner, and the patient chart draws the weight curve', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search owners and patients' });
  await expect(search).toBeFocused();
  await search.fill('a');
  const firstOwner = page.getByRole('option').filter({ hasText: 'Owner' }).first();
  await expect(firstOwner).toBeVisible();
  await screenshot(page, 'search');

  await firstOwner.click();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  await screenshot(page, 'owner');

  const patientLink = page.locator('table a[href^="#/patient/"]').first();
  await patientLink.click();
  await expect(page.getByRole('heading', { name: 'Medical history' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Weight' })).toBeVisible();
  await screenshot(page, 'patient');
});

test('the owner form shows field errors from the shared schema', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search owners and patients' }).fill('a');
  await page.getByRole('option').filter({ hasText: 'Owner' }).first().click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit owner' });
  await dialog.getByLabel('First name').fill('');
  await dialog.getByLabel('E-mail').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('First name is required')).toBeVisible();
  await expect(dialog.getByText('Not a valid e-mail address')).toBeVisible();
  await screenshot(page, 'owner-edit-errors');
});

test('the inbox lists conflicts and refused changes, and g t goes back to Today', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Conflicts/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Refused changes/ })).toBeVisible();
  await screenshot(page, 'inbox');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await screenshot(page, 'help');
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});
