import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

// Names no demo owner or patient has, so every assertion finds this run's rows only.
const FIRST = 'Wilhelmina';
const LAST = 'Quaxley';
const OWNER = `${FIRST} ${LAST}`;
const PHONE = '0611 222 333';
const PUPPY = 'Pipkinsworth';
const CHIP = '985000111222333';

/** Saves each changed screen in light and dark, at the two window sizes front desks use. */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `clients-patients-${name}-${size.width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Today's New booking, the patient found by `typed` through the picker, booked for the slot offered. */
async function bookThroughPicker(page: Page, typed: string, shot?: string): Promise<void> {
  await page.goto(page.url().replace(/#\/.*$/, '#/today'));
  await page.getByRole('button', { name: 'New booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book appointment' });
  await dialog.getByRole('combobox', { name: 'Patient' }).fill(typed);
  const option = dialog.getByRole('option').filter({ hasText: PUPPY });
  await expect(option).toHaveCount(1);
  // The owner, species and breed are on the row itself: nobody books the wrong animal.
  await expect(option).toContainText(`${OWNER} · ${PHONE}`);
  await expect(option).toContainText('Dog · Beagle');
  if (shot) await shots(page, shot);
  await option.click();
  await expect(dialog.getByTestId('picked-patient')).toContainText(
    `Patient: ${PUPPY} · Dog · Beagle · Owner: ${OWNER} · ${PHONE}`,
  );
  // Tomorrow: a booking ahead, whatever the time the test runs.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('Day').fill(tomorrow);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('a walk-in is registered from search with their puppy, booked by phone and microchip, then marked deceased', async ({
  page,
  vetdesk,
}) => {
  // Real syncs with the central server, and 28 screenshots of the changed screens.
  test.setTimeout(600_000);
  await page.goto(vetdesk.url);
  await expect(page.getByTestId('signed-in-name')).toBeVisible();

  // Search finds nobody: register them from there, prefilled with what was typed.
  await page.keyboard.press('Control+k');
  await page.keyboard.type(OWNER);
  const search = page.getByRole('dialog', { name: 'Search owners and patients' });
  await expect(search).toContainText(`Nothing matches “${OWNER}”`);
  await shots(page, 'search-nothing');
  await search.getByRole('button', { name: `Register “${OWNER}” as a new owner` }).click();
  await expect(search.getByLabel('First name')).toHaveValue(FIRST);
  await expect(search.getByLabel('Last name')).toHaveValue(LAST);
  await search.getByLabel('Phone').fill(PHONE);
  await shots(page, 'register-owner');
  await search.getByRole('button', { name: 'Register owner' }).click();

  // Straight on to their puppy.
  await expect(search.getByRole('heading', { name: `Add a patient for ${OWNER}` })).toBeVisible();
  await search.getByLabel('Name').fill(PUPPY);
  await search.getByLabel('Species').selectOption('dog');
  await search.getByLabel('Breed').fill('Beagle');
  await search.getByLabel('Birth date').fill(new Date(Date.now() - 70 * 86_400_000).toISOString().slice(0, 10));
  await search.getByLabel('Microchip').fill(CHIP);
  await search.getByRole('button', { name: 'Register patient' }).click();
  await expect(search).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: PUPPY })).toBeVisible();
  await expect(page.locator('.patient-header').getByRole('link', { name: OWNER })).toBeVisible();

  // Registering them again warns before anything is saved.
  await page.goto(page.url().replace(/#\/.*$/, '#/today'));
  await page.getByRole('button', { name: 'New owner' }).click();
  const again = page.getByRole('dialog', { name: 'Register owner' });
  await again.getByLabel('First name').fill(FIRST.toLowerCase());
  await again.getByLabel('Last name').fill(LAST);
  await again.getByLabel('Phone').fill('0611-222-333');
  await again.getByRole('button', { name: 'Register owner' }).click();
  const warning = again.getByTestId('owner-duplicates');
  await expect(warning).toContainText(OWNER);
  await expect(warning).toContainText('same name, same phone');
  await shots(page, 'duplicate-warning');
  await warning.getByRole('button', { name: 'Open' }).click();
  await expect(again).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: OWNER })).toBeVisible();

  // Booked by the owner's phone, then by the microchip, through the picker.
  await bookThroughPicker(page, '0611 222', 'picker');
  await bookThroughPicker(page, CHIP.slice(0, 9));

  // Ctrl+K shows the owner beside the patient too.
  await page.keyboard.press('Control+k');
  await page.keyboard.type(PUPPY);
  const hit = page.getByRole('option').filter({ hasText: PUPPY });
  await expect(hit).toContainText(`Owner: ${OWNER} · ${PHONE}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: PUPPY })).toBeVisible();

  // Marked deceased: the chart says so, its bookings ahead are flagged, and it cannot be booked.
  await page.getByRole('button', { name: 'Status…' }).click();
  const status = page.getByRole('dialog', { name: 'Change status' });
  await status.getByRole('radio', { name: /Deceased/ }).check();
  await expect(status.getByLabel('Date of death')).toHaveValue(/\d{4}-\d{2}-\d{2}/);
  await shots(page, 'mark-deceased');
  await status.getByRole('button', { name: 'Mark deceased' }).click();
  await expect(status).toBeHidden();
  await expect(page.getByTestId('deceased-banner')).toContainText('Died');
  await expect(page.getByRole('button', { name: 'Book appointment' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^Appointments/ }).getByTestId('deceased-flag')).toHaveCount(2);
  await shots(page, 'deceased-chart');

  await page.goto(page.url().replace(/#\/.*$/, '#/today'));
  const flagged = page.getByTestId('deceased-bookings');
  await expect(flagged).toContainText(PUPPY);
  await expect(flagged.getByRole('listitem')).toHaveCount(2);
  await shots(page, 'today-flagged');

  await page.getByRole('button', { name: 'New booking' }).click();
  const booking = page.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByRole('combobox', { name: 'Patient' }).fill(PUPPY);
  await expect(booking).toContainText(`No patient matches “${PUPPY}”`);

  // The server agreed with all of it: nothing was refused.
  await expect(page.getByText(/refused|rejected/i)).toHaveCount(0);
});
