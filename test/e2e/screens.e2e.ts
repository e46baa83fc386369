import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';

// One VetDesk for the file: these tests look at screens and change little (a check-in, a draft
// bill), and none counts on a practice nobody touched; each also passes on its own.
test.use({ vetdeskSharing: 'file' });

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
  const firstOwner = page
    .getByRole('option')
    .filter({ has: page.getByText('Owner', { exact: true }) })
    .first();
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
  // The shortcuts listen once the identity gate has let the signed-in person through.
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit owner' });
  await dialog.getByLabel('First name').fill('');
  await dialog.getByLabel('E-mail').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('First name is required')).toBeVisible();
  await expect(dialog.getByText('Not a valid e-mail address')).toBeVisible();
  await screenshot(page, 'owner-edit-errors');
});

test('Sync review lists conflicts and refused changes, and g t goes back to Today', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Sync review', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/#\/sync-review$/);
  await expect(page.getByRole('link', { name: 'Sync review' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: /Conflicts/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Refused changes/ })).toBeVisible();
  await screenshot(page, 'sync-review');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Go to Sync review');
  await expect(help).not.toContainText('Inbox');
  await screenshot(page, 'help');
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

/**
 * Saves `<name>-light.png` and `<name>-dark.png` from the top of the page, after checking the
 * theme's tokens took effect. Dialogs are shot as the window shows them: a full-page shot would
 * cut their backdrop at the window's edge.
 */
async function shootBothThemes(page: Page, name: string, { dialog = false } = {}): Promise<void> {
  // A string, not a function: this project's type-check has no DOM types for the page's world.
  await page.evaluate('window.scrollTo(0, 0)');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveCSS('color-scheme', scheme);
    if (dialog) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`) });
    else await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('every main screen names the practice and is shot in light and dark themes', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  // The header and the window title name the practice (clinic.current), the product beside it.
  const brand = page.getByRole('link', { name: /Lee Valley Veterinary Clinic/ });
  await expect(brand).toContainText('VetDesk');
  await expect(page).toHaveTitle('Lee Valley Veterinary Clinic · VetDesk');
  await expect(page.getByTestId('appointment').first()).toBeVisible();
  await shootBothThemes(page, 'screen-today');

  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search owners and patients' }).fill('a');
  const firstOwner = page
    .getByRole('option')
    .filter({ has: page.getByText('Owner', { exact: true }) })
    .first();
  await expect(firstOwner).toBeVisible();
  await shootBothThemes(page, 'screen-search', { dialog: true });

  await firstOwner.click();
  await expect(page.getByRole('heading', { name: /^Patients/ })).toBeVisible();
  // The balance carries a currency even for an owner without bills: the clinic's.
  await expect(page.locator('.balance')).toContainText('EUR');
  await shootBothThemes(page, 'screen-owner');

  await page.locator('table a[href^="#/patient/"]').first().click();
  await expect(page.getByRole('heading', { name: /^Medical history/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Weight' })).toBeVisible();
  await shootBothThemes(page, 'screen-patient');

  await page.getByRole('button', { name: 'New bill' }).click();
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice).toBeVisible();
  await page.getByLabel('Price list item').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByTestId('bill-item')).toHaveCount(1);
  await expect(invoice).toContainText('EUR');
  await shootBothThemes(page, 'screen-bill');

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Sync review', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Refused changes/ })).toBeVisible();
  await shootBothThemes(page, 'screen-sync-review');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shootBothThemes(page, 'screen-help', { dialog: true });
});
