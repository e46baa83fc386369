import type { Page } from '@playwright/test';
import {
  advanceVisit,
  bookNextFreeSlot,
  confirmAppointment,
  editAppointmentNotes,
  openAppointment,
  openBillFromCompletedVisit,
  registerOwnerAndPatient,
} from './flows/booking.js';
import {
  accountCredit,
  addLineAndIssue,
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
import { demoAccountFor } from './demo-template.js';
import { expect, screenshot, test } from './fixtures.js';

// Names no demo owner or patient has, so every assertion finds this run's rows only.
const OWNER = { first: 'Hortensia', last: 'Brambleworth', phone: '0612 345 678' };
const PUPPY = 'Wobblesworth';
const ALERTS = 'Bites when nervous; allergic to penicillin';

/** The screen in light and dark, at the two window sizes front desks use. */
async function shots(page: Page, name: string): Promise<void> {
  await toastsGone(page);
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveCSS('color-scheme', scheme);
      await screenshot(page, `day-${name}-${size.width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/**
 * One receptionist's day, start to end, as one test: a walk-in nobody knows is registered with
 * their puppy from search, booked into the right vet's next free slot, confirmed, seen, billed
 * from the completed visit and the invoice issued (numbered by the central database); then the
 * money: cash overpaid with change handed back, card overpaid kept as credit, another bill paid
 * from that credit, a payment voided with a reason, the invoice printed, credit refunded, and
 * the owner's account read, oldest first.
 */
test('a front-desk day: walk-in registered from search, booked, seen, billed, paid with change and credit, a payment voided, printed, the account read', async ({
  page,
  vetdesk,
  demoTemplate,
}) => {
  test.setTimeout(480_000);
  const vet = demoAccountFor(demoTemplate, 'vet').displayName;
  await page.goto(vetdesk.url);
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
  await registerOwnerAndPatient(page, OWNER, { name: PUPPY, species: 'dog', alerts: ALERTS });

  // The owner asks for their usual vet: that vet's next free slot is proposed.
  const booked = await bookNextFreeSlot(page, {
    patient: PUPPY,
    vet,
    reason: 'First vaccination',
    shoot: async () => {
      await toastsGone(page);
      await shots(page, 'dialog-proposed');
    },
  });
  expect(booked.vet).toBe(vet);
  const visit = { date: booked.date, patient: PUPPY };

  // The same vet again: the slot just booked is taken, so the proposal moves past it.
  await page.getByRole('button', { name: 'New booking' }).click();
  const again = page.getByRole('dialog', { name: 'Book appointment' });
  await again.getByRole('combobox', { name: 'Patient' }).fill(PUPPY);
  await again.getByRole('option').filter({ hasText: PUPPY }).first().click();
  await again.getByLabel('Vet').selectOption({ label: booked.vet });
  await expect(again.getByTestId('free-slot')).toContainText(`with ${booked.vet}`);
  const nextDay = await again.getByLabel('Day').inputValue();
  const nextTime = await again.getByLabel('Time').inputValue();
  expect(`${nextDay} ${nextTime}` > `${booked.date} ${booked.time}`).toBe(true);
  // A longer visit is re-proposed; a time typed by staff is kept from then on.
  await again.getByLabel('Length (minutes)').fill('45');
  // 18:00 may be the very time proposed for 45 minutes: typed by staff, it is kept all the same.
  await again.getByLabel('Time').fill('18:00');
  await expect(again.getByRole('button', { name: 'Next free slot' })).toBeVisible();
  await again.getByLabel('Length (minutes)').fill('15');
  await expect(again.getByLabel('Time')).toHaveValue('18:00');
  await again.getByRole('button', { name: 'Next free slot' }).click();
  await expect(again.getByLabel('Time')).toHaveValue(nextTime);
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();

  // The popup: the patient's alerts, the owner's phone to call, Confirm and the notes.
  const popup = await openAppointment(page, visit);
  await expect(popup.getByTestId('patient-alerts')).toHaveText(`⚠ Alerts: ${ALERTS}`);
  await expect(popup.getByTestId('owner-phone')).toHaveText(OWNER.phone);
  await expect(popup.getByTestId('owner-phone')).toHaveAttribute('href', 'tel:0612345678');
  await expect(popup).toContainText(booked.vet);
  await expect(popup.getByTestId('appointment-reason')).toHaveText('First vaccination');
  await toastsGone(page);
  await shots(page, 'popup');
  await popup.getByRole('button', { name: 'Close' }).click();

  await editAppointmentNotes(page, visit, {
    reason: 'First vaccination and microchip',
    notes: 'Owner asks about\nflea treatment',
  });
  await confirmAppointment(page, visit);
  await advanceVisit(page, visit, 'check in');
  await advanceVisit(page, visit, 'start');
  await advanceVisit(page, visit, 'complete');
  const completed = await openAppointment(page, visit);
  await toastsGone(page);
  await shots(page, 'popup-completed');
  await completed.getByRole('button', { name: 'Close' }).click();

  const billId = await openBillFromCompletedVisit(page, visit);
  // A second time it opens the same draft rather than another one.
  expect(await openBillFromCompletedVisit(page, visit)).toBe(billId);

  // The visit's bill: one line, issued; the central database gives it the next number.
  await addLineAndIssue(page, { description: 'Puppy vaccination and microchip', price: '180.72' });
  await expect(page.getByTestId('bill-number')).toHaveText(/^BILL-\d{6}$/, { timeout: 90_000 });

  // 200.00 in cash on 180.72: asked first, 19.28 handed back, the bill takes 180.72.
  const change = await payBill(page, {
    amount: '200.00',
    method: 'cash',
    overpay: 'change',
    atQuestion: () => shots(page, 'payment-overpay-question'),
    atChange: () => shots(page, 'payment-change-due'),
  });
  expect(change).toBe(1928);
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(0);

  // Puppy food by card, 200.00 on 180.72: no change for a card, the 19.28 stays as credit.
  await issueBillForOwner(page, { description: 'Puppy food, 12 kg', price: '180.72' });
  expect(await payBill(page, { amount: '200.00', method: 'card', overpay: 'credit' })).toBe(1928);
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(1928);

  // Another bill, paid from that credit.
  await issueBillForOwner(page, { description: 'Worming tablets', price: '12.50' });
  expect(await payFromCredit(page)).toBe(1250);
  await expect(page.getByTestId('bill-balance')).toHaveText(/^0\.00/);

  // The visit's cash payment is voided with a reason: the bill owes 180.72 again.
  await openOwnerAccount(page);
  expect(await accountCredit(page)).toBe(678);
  await openBillFromAccount(page, { kind: 'Cash', amount: '180.72' });
  expect(
    await voidPayment(page, {
      row: 'Cash',
      reason: 'Card payment taken instead',
      atDialog: () => shots(page, 'payment-void-dialog'),
    }),
  ).toBe(18072);
  // The central database reopens the bill once the void reaches it.
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice.locator('.bill-header .badge')).toHaveText('Issued', { timeout: 90_000 });
  await shots(page, 'bill-payments-voided');

  // Printed: the number, the voided payment marked and not counted, 180.72 due.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('bill-number')).toHaveText(/^BILL-\d{6}$/);
  await expect(page.getByTestId('invoice-issuer')).toBeVisible();
  await expect(page.getByTestId('invoice-payments')).toContainText('Cash · voided, not counted');
  await expect(page.getByTestId('bill-paid')).toHaveText(/^0\.00/);
  await expect(page.getByTestId('bill-balance')).toHaveText(/^180\.72/);
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // 5.00 of the 6.78 credit left is refunded; the card payment's credit is now spent, so
  // voiding it is refused before anything is sent.
  const account = await openOwnerAccount(page);
  await refundCredit(page, {
    amount: '5.00',
    method: 'cash',
    reason: 'Client asked for it back',
    atDialog: () => shots(page, 'refund-dialog'),
  });
  expect(await accountCredit(page)).toBe(178);
  await openBillFromAccount(page, { kind: 'Card', amount: '200.00' });
  await expectVoidRefusedForSpentCredit(page, { row: 'Card' });

  // The owner's account: the reopened bill unpaid, every line oldest first, the void struck through.
  await openOwnerAccount(page);
  await expect(account.getByTestId('unpaid-bill').filter({ hasText: '180.72' })).toHaveCount(1);
  await expectAccountEntries(page, [
    { kind: 'Cash', amount: '180.72', voided: true },
    { kind: 'Card', amount: '200.00' },
    { kind: 'Paid from credit', amount: '12.50' },
    { kind: 'Refund · Cash', amount: '5.00' },
  ]);
  await expect(account.locator('.payment-voided').filter({ hasText: 'Card payment taken instead' })).toBeVisible();
  await account.scrollIntoViewIfNeeded();
  await shots(page, 'owner-account');

  // The server agreed with all of it: nothing was refused.
  await expect(page.getByText(/refused|rejected/i)).toHaveCount(0);
});
