import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';
import {
  accountCredit,
  billPayments,
  expectAccountEntries,
  expectVoidRefusedForSpentCredit,
  issueBillForOwner,
  openBillFromAccount,
  openOwnerAccount,
  payBill,
  payFromCredit,
  refundCredit,
  voidPayment,
} from './flows/payments.js';
import { toastsGone } from './flows/screenshots.js';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** Screenshots of what shows now in light and dark, at both sizes people check. */
async function shots(page: Page, name: string): Promise<void> {
  await toastsGone(page);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await screenshot(page, `${name}-${size.width}x${size.height}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('overpaid cash gives change, overpaid card becomes credit that pays another bill; a payment is voided with a reason and credit refunded; the owner account shows it all oldest first', async ({
  page,
  vetdesk,
}) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  // The demo's payments leave every bill at zero: nobody starts with credit.
  const creditBefore = await accountCredit(page);
  expect(creditBefore).toBe(0);

  // 200.00 in cash on 180.72: asked first, 19.28 handed back, the bill takes 180.72.
  await issueBillForOwner(page, { description: 'Dental check', price: '180.72' });
  const change = await payBill(page, {
    amount: '200.00',
    method: 'cash',
    overpay: 'change',
    atQuestion: () => shots(page, 'payment-overpay-question'),
    atChange: () => shots(page, 'payment-change-due'),
  });
  expect(change).toBe(1928);
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(creditBefore);

  // 200.00 by card on 180.72: no change for a card; the 19.28 stays as credit on account.
  await issueBillForOwner(page, { description: 'Dental X-ray', price: '180.72' });
  expect(await payBill(page, { amount: '200.00', method: 'card', overpay: 'credit' })).toBe(1928);
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(creditBefore + 1928);

  // Another bill of the same owner, paid from that credit.
  await issueBillForOwner(page, { description: 'Nail clipping', price: '12.50' });
  expect(await payFromCredit(page)).toBe(1250);
  await expect(page.getByTestId('bill-balance')).toHaveText(/^0\.00/);

  // The cash payment of the first bill is voided with a reason: the bill owes 180.72 again.
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(creditBefore + 678);
  await openBillFromAccount(page, { kind: 'Cash', amount: '180.72' });
  const voided = await voidPayment(page, {
    row: 'Cash',
    reason: 'Taken on the wrong bill',
    atDialog: () => shots(page, 'payment-void-dialog'),
  });
  expect(voided).toBe(18072);
  await expect(page.getByTestId('bill-balance')).toHaveText(/^180\.72/);
  // The central database reopens the bill once the void reaches it.
  await expect(page.getByRole('article', { name: 'Invoice' }).locator('.bill-header .badge')).toHaveText('Issued', {
    timeout: 90_000,
  });
  await expect(page.getByRole('button', { name: 'Record payment' })).toBeVisible();
  await shots(page, 'bill-payments-voided');
  // On paper the voided payment is marked and not counted.
  await page.emulateMedia({ media: 'print' });
  const printed = page.getByTestId('invoice-payments');
  await expect(printed).toBeVisible();
  await expect(printed).toContainText('Cash · voided, not counted');
  await expect(page.getByTestId('bill-paid')).toHaveText(/^0\.00/);
  await expect(page.getByTestId('bill-balance')).toHaveText(/^180\.72/);
  await page.emulateMedia({ media: 'screen' });

  // 5.00 of the 6.78 credit left is refunded.
  const account = await openOwnerAccount(page);
  await refundCredit(page, {
    amount: '5.00',
    method: 'cash',
    reason: 'Client asked for it back',
    atDialog: () => shots(page, 'refund-dialog'),
  });
  expect(await accountCredit(page)).toBe(creditBefore + 178);

  // The card payment's 19.28 of credit is spent (12.50 used, 5.00 refunded): voiding it would
  // take the account below zero, and the dialog says so before anything is sent.
  await openBillFromAccount(page, { kind: 'Card', amount: '200.00' });
  await expectVoidRefusedForSpentCredit(page, { row: 'Card' });
  await openOwnerAccount(page);

  // The account: the reopened bill is unpaid; every line oldest first, the voided one struck through.
  await expect(account.getByTestId('unpaid-bill').filter({ hasText: '180.72' }).first()).toBeVisible();
  await expectAccountEntries(page, [
    { kind: 'Cash', amount: '180.72', voided: true },
    { kind: 'Card', amount: '200.00' },
    { kind: 'Paid from credit', amount: '12.50' },
    { kind: 'Refund · Cash', amount: '5.00' },
  ]);
  await expect(account.locator('.payment-voided').filter({ hasText: 'Taken on the wrong bill' })).toBeVisible();
  await expect(
    account.getByTestId('account-entry').filter({ hasText: 'Reason: Client asked for it back' }),
  ).toBeVisible();
  await account.scrollIntoViewIfNeeded();
  await shots(page, 'owner-account');
});

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
