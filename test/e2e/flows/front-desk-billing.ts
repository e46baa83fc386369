import { expect, type Locator, type Page } from '@playwright/test';
import type { FlowState } from './front-desk.js';
import { toastsGone } from './screenshots.js';

/** "1,234.50 EUR" -> 123450 (cents): amounts on screen are exact decimals with two places. */
function cents(text: string | null): number {
  const match = /(−|-)?([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`not an amount: ${text ?? 'null'}`);
  const value = Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

/** Picks the price-list entry at `index`, adds it with Enter; resolves with its description. */
async function addFromPriceList(page: Page, items: Locator, index: number): Promise<string> {
  const before = await items.count();
  await page.getByLabel('Price list item').selectOption({ index });
  const description = await page.getByLabel('Description').inputValue();
  expect(description).not.toBe('');
  // The price is prefilled from the list; Enter in a field adds the line.
  await expect(page.getByLabel('Unit price')).not.toHaveValue('');
  await page.getByLabel('Quantity', { exact: true }).press('Enter');
  await expect(items).toHaveCount(before + 1);
  await expect(items.filter({ hasText: description })).toHaveCount(1);
  // The form is empty again for the next line.
  await expect(page.getByLabel('Description')).toHaveValue('');
  return description;
}

/**
 * From the patient chart: a new bill for the owner (and the patient), two lines from the
 * price list (the first one's quantity edited in place at once, while it may still be
 * syncing), the finalized record linked, sent (asks first), numbered by the central database,
 * paid in full.
 */
export async function billTheVisit(state: FlowState): Promise<void> {
  const { page, ownerName, patientName, recordTitle } = state;
  await page.getByRole('button', { name: 'New bill' }).click();
  const invoice = page.getByRole('article', { name: 'Invoice' });
  const number = invoice.getByTestId('bill-number');
  const status = invoice.locator('.bill-header .badge');
  // A draft has no number (the central database numbers a bill when it is issued) and says it
  // is not an invoice.
  await expect(number).toHaveText(/^Draft · no number until issued ref\. [0-9a-f]{8}$/);
  await expect(invoice.getByTestId('draft-mark')).toHaveText('Draft — not an invoice');
  await expect(status).toHaveText('Draft');
  await expect(invoice.getByRole('link', { name: ownerName })).toBeVisible();
  await expect(invoice.getByRole('link', { name: patientName })).toBeVisible();
  await expect(invoice).toContainText('No items yet');
  await expect(page.getByRole('button', { name: 'Issue…' })).toBeDisabled();

  const items = invoice.getByTestId('bill-item');
  const first = await addFromPriceList(page, items, 1);
  const second = await addFromPriceList(page, items, 2);
  expect(second).not.toBe(first);

  // Two of the first line, typed over its quantity: the amount follows.
  const line = items.filter({ hasText: first });
  const quantity = line.getByRole('textbox', { name: `Quantity of ${first}` });
  await quantity.fill('2');
  await quantity.press('Enter');
  await expect(quantity).toHaveValue('2');
  const cells = line.getByRole('cell');
  await expect
    .poll(async () => cents(await cells.nth(4).textContent()), { message: 'the line amount is twice its price' })
    .toBe(2 * cents(await cells.nth(2).textContent()));

  const records = page.getByRole('region', { name: /^Medical records/ });
  await expect(records).toContainText('No medical records linked.');
  const choose = records.getByLabel('Medical record to link');
  const option = choose.locator('option', { hasText: recordTitle });
  await choose.selectOption((await option.getAttribute('value')) ?? '');
  await records.getByRole('button', { name: 'Link record' }).click();
  await expect(records.getByRole('listitem').filter({ hasText: recordTitle })).toBeVisible();
  await expect(records.getByRole('heading', { name: 'Medical records 1' })).toBeVisible();
  await toastsGone(page);
  await state.shot('bill-draft');

  const total = (await page.getByTestId('bill-totals').locator('dd.bill-total').textContent()) ?? '';
  expect(cents(total)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Issue…' }).click();
  const send = page.getByRole('dialog', { name: 'Issue this invoice?' });
  await expect(send).toContainText(`The invoice of ${total} is issued`);
  await send.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(send).toBeHidden();
  await expect(status).toHaveText('Issued');
  // Items and linked records are fixed once issued.
  await expect(invoice.getByRole('textbox')).toHaveCount(0);
  await expect(records.getByRole('button', { name: /^(Link record|Unlink)$/ })).toHaveCount(0);
  // The final number from the central database replaces the provisional reference once this
  // workstation has synced.
  await expect(number).toHaveText(/^BILL-\d{6}$/, { timeout: 90_000 });
  const billNumber = await number.textContent();

  await page.getByRole('button', { name: 'Record payment' }).click();
  const payment = page.getByRole('dialog', { name: 'Record payment' });
  const amount = payment.getByLabel('Amount');
  // The whole balance, ready to take.
  await expect(amount).toBeFocused();
  expect(cents(await amount.inputValue())).toBe(cents(total));
  await payment.getByLabel('Method').selectOption('cash');
  await amount.press('Enter');
  await expect(payment).toBeHidden();
  const balance = page.getByTestId('bill-balance');
  await expect(balance).toHaveText(/^0\.00/);
  const payments = page.getByRole('region', { name: /^Payments/ });
  await expect(payments.getByRole('row').filter({ hasText: 'Cash' })).toContainText(total);
  // "Paid" is the central database's word, once the payment has synced.
  await expect(status).toHaveText('Paid', { timeout: 90_000 });
  await expect(number).toHaveText(billNumber ?? '');
  await toastsGone(page);
  await state.shot('bill-paid');
}
