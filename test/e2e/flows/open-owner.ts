import { expect, type Page } from '@playwright/test';

/**
 * Opens the first owner Ctrl+K finds for `typed` (by the result's Owner badge: patient results
 * name their owner too) and waits for the owner's screen.
 */
export async function openFirstOwner(page: Page, typed = 'a'): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search owners and patients' }).fill(typed);
  await page
    .getByRole('option')
    .filter({ has: page.getByText('Owner', { exact: true }) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /^Patients/ })).toBeVisible();
}
