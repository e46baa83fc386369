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
import { toastsGone } from './flows/screenshots.js';
import { expect, screenshot, test } from './fixtures.js';

// Names no demo owner or patient has, so every assertion finds this run's rows only.
const OWNER = { first: 'Hortensia', last: 'Brambleworth', phone: '0612 345 678' };
const PUPPY = 'Wobblesworth';
const ALERTS = 'Bites when nervous; allergic to penicillin';

/** The booking dialog or popup in light and dark, at the two window sizes front desks use. */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveCSS('color-scheme', scheme);
      await screenshot(page, `booking-${name}-${size.width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a new puppy is booked into the next free slot, confirmed, seen, and its bill opened from the visit', async ({
  page,
  vetdesk,
}) => {
  test.setTimeout(600_000);
  await page.goto(vetdesk.url);
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
  await registerOwnerAndPatient(page, OWNER, { name: PUPPY, species: 'dog', alerts: ALERTS });

  // Any vet: the vet free first is filled in with the slot.
  const booked = await bookNextFreeSlot(page, {
    patient: PUPPY,
    reason: 'First vaccination',
    shoot: async () => {
      await toastsGone(page);
      await shots(page, 'dialog-proposed');
    },
  });
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
  await again.getByLabel('Time').fill('18:00');
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

  // The server agreed with all of it: nothing was refused.
  await expect(page.getByText(/refused|rejected/i)).toHaveCount(0);
});
