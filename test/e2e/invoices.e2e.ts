import type { Page } from '@playwright/test';
import { toastsGone } from './flows/screenshots.js';
import { expect, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';

/** Like the shared fixture, but signed in as the practice's first admin (clinic details are theirs). */
const adminTest = test.extend({ vetdeskRole: 'admin' });

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** Screenshots of the current screen in light and dark, at both sizes people check. */
async function shots(page: Page, name: string, media: 'screen' | 'print' = 'screen'): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ media, colorScheme });
      await screenshot(page, `${name}-${size.width}x${size.height}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
}

/** Adds a line typed by hand (not from the price list), with its own tax rate. */
async function addLine(page: Page, description: string, price: string, taxPercent: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an item' });
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('Quantity').fill('1');
  await form.getByLabel('Unit price').fill(price);
  await form.getByLabel('Tax rate (%)').fill(taxPercent);
  await form.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByTestId('bill-item').filter({ hasText: description })).toBeVisible();
}

adminTest(
  'an admin sets the clinic details; a draft has no number and prints as a draft; the issued invoice prints them with tax by rate',
  async ({ page, vetdesk }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

    // Admin → Clinic: the details every invoice prints.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Clinic' }).click();
    const details = page.getByRole('form', { name: 'Clinic details' });
    await expect(details.getByLabel('Clinic name')).toHaveValue('Lee Valley Veterinary Clinic');
    const due = details.getByLabel('Days until an invoice is due');
    await due.fill('500');
    await details.getByRole('button', { name: 'Save clinic details' }).click();
    await expect(details.getByText('At most 365 days')).toBeVisible();
    await due.fill('14');
    await details.getByLabel('Tax registration (VAT) number').fill('IE 1234567T');
    await details
      .getByLabel('Payment terms (printed on every invoice)')
      .fill('Please pay within 14 days. Bank transfer: quote the invoice number.');
    await details.getByRole('button', { name: 'Save clinic details' }).click();
    await expect(page.locator('.toast').filter({ hasText: 'Clinic details saved' })).toBeVisible();
    await expect(details.getByLabel('Tax registration (VAT) number')).toHaveValue('IE 1234567T');
    await toastsGone(page);
    await shots(page, 'admin-clinic');

    // A new bill is a draft: no number, and it says so on screen and on paper.
    await openFirstOwner(page);
    await page.getByRole('button', { name: 'New bill' }).click();
    const invoice = page.getByRole('article', { name: 'Invoice' });
    const number = invoice.getByTestId('bill-number');
    await expect(number).toHaveText(/^Draft · no number until issued ref\. [0-9a-f]{8}$/);
    await expect(invoice.getByTestId('draft-mark')).toHaveText('Draft — not an invoice');
    await expect(page.getByRole('button', { name: 'Issue…' })).toBeDisabled();
    await page.emulateMedia({ media: 'print' });
    await expect(invoice.getByTestId('draft-mark')).toBeVisible();
    await expect(invoice.getByText(/^Draft — not an invoice · Printed /)).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // Two rates on one bill: the breakdown shows each with its net and tax.
    await addLine(page, 'Consultation', '50.00', '23');
    await addLine(page, 'Flea treatment', '20.00', '13.5');
    const breakdown = invoice.getByTestId('tax-breakdown');
    await expect(breakdown.getByRole('row')).toHaveCount(3);
    await expect(breakdown.getByRole('row').nth(1)).toContainText('23%');
    await expect(breakdown.getByRole('row').nth(1)).toContainText('50.00');
    await expect(breakdown.getByRole('row').nth(1)).toContainText('11.50');
    await expect(breakdown.getByRole('row').nth(2)).toContainText('13.5%');
    await expect(breakdown.getByRole('row').nth(2)).toContainText('2.70');
    await expect(page.getByTestId('bill-totals')).toContainText('14.20');
    await toastsGone(page);
    await shots(page, 'invoice-draft');
    await shots(page, 'invoice-draft-print', 'print');

    // Issue: the due date starts at the clinic's 14 days; the number comes from the server.
    await page.getByRole('button', { name: 'Issue…' }).click();
    const issue = page.getByRole('dialog', { name: 'Issue this invoice?' });
    const dueDate = await issue.getByLabel('Due date (optional)').inputValue();
    const today = await issue.evaluate(() => {
      const now = new Date();
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 14);
    });
    expect(dueDate).toBe(
      `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`,
    );
    await issue.getByRole('button', { name: 'Issue invoice' }).click();
    await expect(issue).toBeHidden();
    await expect(invoice.locator('.bill-header .badge')).toHaveText('Issued');
    await expect(invoice.getByTestId('draft-mark')).toHaveCount(0);
    await expect(number).toHaveText(/^BILL-\d{6}$/, { timeout: 90_000 });
    await expect(invoice.getByTestId('invoice-date')).not.toHaveText('Not yet issued');
    await expect(invoice.getByTestId('due-date')).toBeVisible();

    // The print: the clinic's details at the head, tax by rate, payment terms.
    await page.emulateMedia({ media: 'print' });
    const issuer = invoice.getByTestId('invoice-issuer');
    await expect(issuer).toBeVisible();
    await expect(issuer).toContainText('Lee Valley Veterinary Clinic');
    await expect(issuer).toContainText('14 Western Road, Cork T12 XR96');
    await expect(issuer).toContainText('Tel. 021 490 2217');
    await expect(issuer).toContainText('VAT number: IE 1234567T');
    await expect(breakdown).toBeVisible();
    await expect(invoice.getByTestId('payment-terms')).toContainText('Please pay within 14 days.');
    await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await toastsGone(page);
    await shots(page, 'invoice-issued');
    await shots(page, 'invoice-issued-print', 'print');

    // A second draft, backed out of: discarded, it leaves nothing behind.
    await invoice.locator('a[href^="#/owner/"]').click();
    await page.getByRole('button', { name: 'New bill' }).click();
    await expect(invoice.getByTestId('draft-mark')).toBeVisible();
    await page.getByRole('button', { name: 'Discard draft…' }).click();
    await page
      .getByRole('dialog', { name: 'Discard this draft?' })
      .getByRole('button', { name: 'Discard draft' })
      .click();
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  },
);
