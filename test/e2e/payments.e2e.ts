import { expect, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';
import { billPayments } from './flows/payments.js';

// The whole money flow (change, credit, credit used, void, refund, account) is one continuous
// front-desk day: test/e2e/front-desk-day.e2e.ts. Here: what another role sees.

/** Signed in as a vet: they take money, but voiding is for admins and front desk. */
const vetTest = test.extend({ vetdeskRole: 'vet' });

vetTest('a vet sees who took each payment but has no Void action', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  // One of the owner's paid demo bills: its payment is listed, with nothing to void it by.
  const paid = page
    .getByRole('table', { name: 'Bills' })
    .getByRole('row')
    .filter({ has: page.getByText('Paid', { exact: true }) })
    .first();
  await paid.locator('a[href^="#/bill/"]').click();
  const rows = billPayments(page).getByTestId('payment-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText(/by .+/);
  await expect(billPayments(page).getByRole('button', { name: /^Void / })).toHaveCount(0);
});
