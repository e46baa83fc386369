import { expect, type Locator, type Page } from '@playwright/test';
import { toastsGone } from './screenshots.js';

/**
 * Front-desk money flows, written against the UI only (no backend calls), each taking the page
 * and plain values and asserting what staff should see, so that longer tests can chain them:
 * a bill issued for the owner on screen, paid (overpaid as change or credit), paid from credit,
 * a payment voided, credit refunded, the owner's account read.
 */

/** "1,234.50 EUR" (or "−19.28 EUR") -> 123450 (cents): amounts on screen have two decimals. */
export function cents(text: string | null): number {
  const match = /(−|-)?([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`not an amount: ${text ?? 'null'}`);
  const value = Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

/** 1928 -> "19.28", as amounts read on screen (before grouping; fine below 1,000.00). */
export function money(amountCents: number): string {
  const abs = Math.abs(amountCents);
  return `${amountCents < 0 ? '−' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The bill on screen: its balance in cents (negative when overpaid). */
export async function billBalance(page: Page): Promise<number> {
  const text = (await page.getByTestId('bill-balance').textContent()) ?? '';
  const value = cents(text);
  return text.includes('credit on account') ? -value : value;
}

/** The Payments card of the bill screen. */
export function billPayments(page: Page): Locator {
  return page.getByRole('region', { name: /^Payments/ });
}

/**
 * On a draft bill's screen: one line typed by hand (tax 0 %, so the total is the price), then
 * Issue. Resolves on the issued bill with its address (`#/bill/<id>`); its number comes at sync.
 */
export async function addLineAndIssue(page: Page, line: { description: string; price: string }): Promise<string> {
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice.getByTestId('draft-mark')).toBeVisible();
  const form = page.getByRole('form', { name: 'Add an item' });
  await form.getByLabel('Description').fill(line.description);
  await form.getByLabel('Quantity').fill('1');
  await form.getByLabel('Unit price').fill(line.price);
  await form.getByLabel('Tax rate (%)').fill('0');
  await form.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByTestId('bill-item').filter({ hasText: line.description })).toBeVisible();
  await expect(page.getByTestId('bill-totals').locator('dd.bill-total')).toContainText(line.price);
  await page.getByRole('button', { name: 'Issue…' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  await expect(invoice.locator('.bill-header .badge')).toHaveText('Issued');
  expect(await billBalance(page)).toBe(cents(line.price));
  return new URL(page.url()).hash;
}

/** From the owner screen: a new bill with one line typed by hand, issued (`addLineAndIssue`). */
export async function issueBillForOwner(page: Page, line: { description: string; price: string }): Promise<string> {
  await page.getByRole('button', { name: 'New bill' }).click();
  return addLineAndIssue(page, line);
}

export interface PayBillOptions {
  /** What the client hands over, e.g. '200.00'; default: the balance. */
  amount?: string;
  method?: 'cash' | 'card' | 'bank_transfer' | 'insurance' | 'other';
  /** For an amount beyond the balance: hand the rest back as change (cash), or keep it as credit. */
  overpay?: 'change' | 'credit';
  /** Called while the overpayment question shows, e.g. to take a screenshot of it. */
  atQuestion?: () => Promise<void>;
  /** Called while the change to hand back shows (overpay: 'change'). */
  atChange?: () => Promise<void>;
}

/**
 * On a bill screen: Record payment. Without `overpay` the amount must not exceed the balance and
 * the balance drops by it. With `overpay` the dialog must ask first ("Received X on Y due"):
 * `change` shows the change to hand back and leaves the bill at 0.00; `credit` leaves it
 * "Overpaid Z — credit on account". Resolves with the change given or the credit kept (cents).
 */
export async function payBill(page: Page, options: PayBillOptions = {}): Promise<number> {
  const before = await billBalance(page);
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  const amountField = dialog.getByLabel('Amount');
  await expect(amountField).toBeFocused();
  // The amount starts at the balance.
  expect(cents(await amountField.inputValue())).toBe(before);
  const amount = options.amount ?? money(before);
  await amountField.fill(amount);
  await dialog.getByLabel('Method').selectOption(options.method ?? 'cash');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  const excess = cents(amount) - before;
  if (!options.overpay) {
    expect(excess, 'payBill without overpay takes at most the balance').toBeLessThanOrEqual(0);
    await expect(dialog).toBeHidden();
    await expect.poll(() => billBalance(page)).toBe(before - cents(amount));
    return 0;
  }
  expect(excess, `payBill with overpay: ${options.overpay} needs more than the balance`).toBeGreaterThan(0);
  const question = dialog.getByTestId('overpay-question');
  await expect(question).toContainText(`Received ${amount}`);
  await expect(question).toContainText(`on ${money(before)}`);
  const change = question.getByRole('button', { name: new RegExp(`^Give ${money(excess)} \\S+ change`) });
  const credit = question.getByRole('button', {
    name: new RegExp(`^Keep ${money(excess)} \\S+ as credit on .+'s account`),
  });
  await expect(credit).toBeVisible();
  if ((options.method ?? 'cash') === 'cash') await expect(change).toBeVisible();
  else {
    // Change is for cash only.
    await expect(change).toHaveCount(0);
    await expect(question).toContainText('Change is given for cash only.');
  }
  await options.atQuestion?.();
  if (options.overpay === 'change') {
    await change.click();
    // The receptionist is told what to hand back before the dialog goes.
    await expect(dialog.getByTestId('change-due')).toContainText(`Give back ${money(excess)}`);
    await options.atChange?.();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('bill-balance')).toHaveText(/^0\.00/);
    const row = billPayments(page)
      .getByTestId('payment-row')
      .filter({ hasText: `of ${amount}` });
    await expect(row).toContainText(money(before));
    await expect(row).toContainText(money(excess));
    return excess;
  }
  await credit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('bill-balance')).toHaveText(new RegExp(`^${money(excess)} \\S+ — credit on account$`));
  await expect(page.getByTestId('bill-totals')).toContainText('Overpaid');
  return excess;
}

/**
 * On a bill screen whose owner has credit: "Pay from credit (Z available)", the amount starting
 * at the smaller of the credit and the balance (or `amount`). Resolves with what was used (cents).
 */
export async function payFromCredit(page: Page, options: { amount?: string } = {}): Promise<number> {
  const before = await billBalance(page);
  const button = page.getByRole('button', { name: /^Pay from credit \(.+ available\)$/ });
  const available = cents(await button.textContent());
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Pay from credit' });
  const amountField = dialog.getByLabel('Amount from credit');
  expect(cents(await amountField.inputValue())).toBe(Math.min(available, before));
  if (options.amount) await amountField.fill(options.amount);
  const used = cents(await amountField.inputValue());
  await dialog.getByRole('button', { name: 'Pay from credit' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => billBalance(page)).toBe(before - used);
  await expect(
    billPayments(page)
      .getByTestId('payment-row')
      .filter({ hasText: 'Paid from credit' })
      .filter({ hasText: money(used) }),
  ).toBeVisible();
  return used;
}

/**
 * On a bill screen: voids the first live payment row containing `row` (e.g. 'Cash'), after
 * checking that a reason is required. The row stays, struck through, "Voided by …: reason",
 * and the bill's balance goes back up by its amount. Resolves with that amount (cents).
 */
export async function voidPayment(
  page: Page,
  options: { row: string; reason: string; atDialog?: () => Promise<void> },
): Promise<number> {
  const before = await billBalance(page);
  const row = billPayments(page)
    .getByTestId('payment-row')
    .filter({ hasText: options.row })
    .filter({ hasNot: page.getByTestId('void-note') })
    .first();
  const amount = cents(await row.getByRole('cell').nth(2).locator('.struck').textContent());
  await row.getByRole('button', { name: /^Void / }).click();
  const dialog = page.getByRole('dialog', { name: 'Void this payment?' });
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await dialog.getByRole('button', { name: 'Void payment' }).click();
  await expect(dialog.getByText('Reason is required')).toBeVisible();
  await dialog.getByLabel('Reason').fill(options.reason);
  await options.atDialog?.();
  await dialog.getByRole('button', { name: 'Void payment' }).click();
  await expect(dialog).toBeHidden();
  const voided = billPayments(page).getByTestId('payment-row').filter({ hasText: options.reason });
  await expect(voided.getByTestId('void-note')).toHaveText(new RegExp(`^Voided by .+: ${options.reason}$`));
  await expect(voided.getByRole('button', { name: /^Void / })).toHaveCount(0);
  await expect.poll(() => billBalance(page)).toBe(before + amount);
  await toastsGone(page);
  return amount;
}

/**
 * On a bill screen: Void on the first live row containing `row` is refused before anything is
 * sent, in plain words, when the credit that payment left has been used or refunded since.
 */
export async function expectVoidRefusedForSpentCredit(page: Page, options: { row: string }): Promise<void> {
  const row = billPayments(page)
    .getByTestId('payment-row')
    .filter({ hasText: options.row })
    .filter({ hasNot: page.getByTestId('void-note') })
    .first();
  await row.getByRole('button', { name: /^Void / }).click();
  const dialog = page.getByRole('dialog', { name: 'Void this payment?' });
  await expect(dialog.getByRole('alert')).toContainText('That credit was already used');
  await dialog.getByLabel('Reason').fill('Card charged twice');
  await expect(dialog.getByRole('button', { name: 'Void payment' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('void-note')).toHaveCount(0);
}

/** From a bill screen: its owner's screen, with the Account section showing. */
export async function openOwnerAccount(page: Page): Promise<Locator> {
  await page.getByRole('article', { name: 'Invoice' }).locator('a[href^="#/owner/"]').click();
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toBeVisible();
  return account;
}

/** On the owner screen: the credit on account (cents). */
export async function accountCredit(page: Page): Promise<number> {
  return cents(await page.getByTestId('account-credit').textContent());
}

/**
 * On the owner screen: "Refund credit…", checks an amount beyond the credit is refused, then
 * refunds `amount` by `method` with `reason`; the credit on account drops by it.
 */
export async function refundCredit(
  page: Page,
  options: {
    amount: string;
    method?: 'cash' | 'card' | 'bank_transfer';
    reason: string;
    /** Called with the dialog filled in, before it is sent (e.g. a screenshot). */
    atDialog?: () => Promise<void>;
  },
): Promise<void> {
  const before = await accountCredit(page);
  await page.getByRole('button', { name: 'Refund credit…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund credit' });
  const amountField = dialog.getByLabel('Amount');
  expect(cents(await amountField.inputValue())).toBe(before);
  await amountField.fill(money(before + 1));
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog.getByText(/^At most the .+ of credit on account$/)).toBeVisible();
  await expect(dialog.getByText('Reason is required')).toBeVisible();
  await amountField.fill(options.amount);
  await dialog.getByLabel('Paid back by').selectOption(options.method ?? 'cash');
  await dialog.getByLabel('Reason').fill(options.reason);
  await options.atDialog?.();
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => accountCredit(page)).toBe(before - cents(options.amount));
}

/** On the owner screen: opens the bill of the first account line of `kind` for `amount`. */
export async function openBillFromAccount(page: Page, entry: { kind: string; amount: string }): Promise<void> {
  await page
    .getByRole('table', { name: 'Payments, credit and refunds' })
    .getByTestId('account-entry')
    .filter({ has: page.getByText(entry.kind, { exact: true }) })
    .filter({ hasText: entry.amount })
    .first()
    .locator('a[href^="#/bill/"]')
    .click();
  await expect(page.getByRole('article', { name: 'Invoice' })).toBeVisible();
}

/** One line of the owner's account history as a test expects it. */
export interface ExpectedEntry {
  /** What the "Payment" column says: 'Cash', 'Card', 'Paid from credit', 'Refund · Cash'. */
  kind: string;
  amount: string;
  voided?: boolean;
}

/**
 * On the owner screen: the account history holds `expected` in this order (oldest first), other
 * lines (the demo's own payments) possibly between them; voided ones struck through with a reason.
 */
export async function expectAccountEntries(page: Page, expected: readonly ExpectedEntry[]): Promise<void> {
  const rows = page.getByRole('table', { name: 'Payments, credit and refunds' }).getByTestId('account-entry');
  await expect(rows.filter({ hasText: expected.at(-1)?.kind ?? '' }).first()).toBeVisible();
  await expect
    .poll(async () => {
      const lines: { text: string; kind: string; voided: boolean }[] = [];
      for (const row of await rows.all()) {
        lines.push({
          text: (await row.textContent()) ?? '',
          kind: (await row.getByRole('cell').nth(1).locator('.struck').textContent()) ?? '',
          voided: ((await row.getAttribute('class')) ?? '').includes('payment-voided'),
        });
      }
      let next = 0;
      for (const line of lines) {
        const want = expected[next];
        if (!want) break;
        if (line.kind === want.kind && line.text.includes(want.amount) && line.voided === (want.voided ?? false)) {
          next += 1;
        }
      }
      return next;
    })
    .toBe(expected.length);
}
