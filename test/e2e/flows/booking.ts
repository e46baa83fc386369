import { expect, type Locator, type Page } from '@playwright/test';
import { BOOKING_HOURS } from '../../../core/domain/free-slot.js';
import { zonedInstant } from '../../../core/util/time.js';
import { CLINIC_TIMEZONE } from '../../../db/central/seed/time.js';

/** A booking as the booking dialog made it: day and time on the clinic's clock, and its vet. */
export interface BookedSlot {
  date: string;
  time: string;
  vet: string;
}

/** The visit steps of the booking popup, in the order the day goes. */
export type VisitStep = 'check in' | 'start' | 'complete';

const STEP_BUTTON: Record<VisitStep, string> = { 'check in': 'Check in', start: 'Start', complete: 'Complete' };
const STEP_STATUS: Record<VisitStep, string> = {
  'check in': 'Checked in',
  start: 'In progress',
  complete: 'Completed',
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The app's address for a route (`#/today/2026-12-02`), from wherever the page is. */
function routeUrl(page: Page, route: string): string {
  return page.url().replace(/#.*$/, '') + route;
}

/**
 * Registers a walk-in from Ctrl+K, where nobody matches the name typed: the owner with a phone, then
 * their animal with its alerts; ends on the animal's chart.
 */
export async function registerOwnerAndPatient(
  page: Page,
  owner: { first: string; last: string; phone: string },
  patient: { name: string; species: string; alerts: string },
): Promise<void> {
  const ownerName = `${owner.first} ${owner.last}`;
  await page.keyboard.press('Control+k');
  await page.keyboard.type(ownerName);
  const search = page.getByRole('dialog', { name: 'Search owners and patients' });
  await expect(search).toContainText(`Nothing matches “${ownerName}”`);
  await search.getByRole('button', { name: `Register “${ownerName}” as a new owner` }).click();
  await expect(search.getByLabel('First name')).toHaveValue(owner.first);
  await search.getByLabel('Phone').fill(owner.phone);
  await search.getByRole('button', { name: 'Register owner' }).click();
  await expect(search.getByRole('heading', { name: `Add a patient for ${ownerName}` })).toBeVisible();
  await search.getByLabel('Name').fill(patient.name);
  await search.getByLabel('Species').selectOption(patient.species);
  await search.getByLabel('Alerts (allergies, temperament)').fill(patient.alerts);
  await search.getByRole('button', { name: 'Register patient' }).click();
  await expect(search).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: patient.name })).toBeVisible();
}

/**
 * Today's New booking for `patient` (found through the picker), with `vet` or, without one, any
 * vet: waits for the proposed next free slot, checks it is on the quarter-hour grid of the
 * clinic day, not in the past and shown in the fields (with the vet filled in), then books it
 * with `reason`. `shoot` runs with the proposal on screen (screenshots).
 * @returns the slot booked.
 */
export async function bookNextFreeSlot(
  page: Page,
  options: { patient: string; vet?: string; reason?: string; shoot?: () => Promise<void> },
): Promise<BookedSlot> {
  const asked = Date.now();
  await page.goto(routeUrl(page, '#/today'));
  await page.getByRole('button', { name: 'New booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book appointment' });
  await dialog.getByRole('combobox', { name: 'Patient' }).fill(options.patient);
  await dialog.getByRole('option').filter({ hasText: options.patient }).first().click();
  await expect(dialog.getByTestId('picked-patient')).toContainText(options.patient);
  if (options.vet) await dialog.getByLabel('Vet').selectOption({ label: options.vet });
  const proposal = dialog.getByTestId('free-slot');
  const vetPattern = options.vet ? escape(options.vet) : '.+';
  await expect(proposal).toHaveText(new RegExp(`^Next free slot:\\s.+, .+ with ${vetPattern}\\.$`));
  const text = (await proposal.textContent()) ?? '';
  const [, vet = ''] = / with (.+)\.$/.exec(text) ?? [];
  // The fields hold the slot proposed, the vet filled in.
  const date = await dialog.getByLabel('Day').inputValue();
  const time = await dialog.getByLabel('Time').inputValue();
  await expect(dialog.getByLabel('Vet').locator('option:checked')).toHaveText(vet);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const ofDay = hours * 60 + minutes;
  expect(ofDay % BOOKING_HOURS.stepMinutes).toBe(0);
  expect(ofDay).toBeGreaterThanOrEqual(BOOKING_HOURS.startMinutes);
  expect(ofDay + 15).toBeLessThanOrEqual(BOOKING_HOURS.endMinutes);
  // Never in the past: no earlier than the moment the dialog was asked for.
  expect(zonedInstant(date, time, CLINIC_TIMEZONE).getTime()).toBeGreaterThanOrEqual(asked - 60_000);
  await options.shoot?.();
  if (options.reason) await dialog.getByLabel('Reason').fill(options.reason);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();
  return { date, time, vet };
}

/** The patient's booking on the day grid (a button named "<time> <patient> · <owner>, <status>, …"). */
export function bookingOnGrid(page: Page, patient: string): Locator {
  return page
    .getByRole('region', { name: 'Appointments by vet' })
    .getByRole('button', { name: new RegExp(`${escape(patient)} · [^,]+, `) });
}

/** Opens the day of `date` and the patient's booking popup there; returns the popup. */
export async function openAppointment(page: Page, booking: { date: string; patient: string }): Promise<Locator> {
  await page.goto(routeUrl(page, `#/today/${booking.date}`));
  await bookingOnGrid(page, booking.patient).click();
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  await expect(dialog.getByRole('heading', { name: new RegExp(escape(booking.patient)) })).toBeVisible();
  return dialog;
}

/** Confirm in the booking popup: the popup closes and the booking reads Confirmed. */
export async function confirmAppointment(page: Page, booking: { date: string; patient: string }): Promise<void> {
  const dialog = await openAppointment(page, booking);
  await expect(dialog.locator('.badge').first()).toHaveText('Scheduled');
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(bookingOnGrid(page, booking.patient)).toHaveAccessibleName(/, Confirmed/);
}

/**
 * One visit step from the booking popup. Check-in and start close it; completing keeps it open
 * on the completed visit, offering its bill.
 */
export async function advanceVisit(
  page: Page,
  booking: { date: string; patient: string },
  step: VisitStep,
): Promise<void> {
  const dialog = await openAppointment(page, booking);
  await dialog.getByRole('button', { name: STEP_BUTTON[step], exact: true }).click();
  if (step === 'complete') {
    await expect(dialog.locator('.badge').first()).toHaveText('Completed');
    await expect(dialog.getByRole('button', { name: 'Open bill' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  await expect(dialog).toBeHidden();
  await expect(bookingOnGrid(page, booking.patient)).toHaveAccessibleName(new RegExp(`, ${STEP_STATUS[step]}`));
}

/** Edits reason and notes in the booking popup and sees them there. */
export async function editAppointmentNotes(
  page: Page,
  booking: { date: string; patient: string },
  values: { reason: string; notes: string },
): Promise<void> {
  const dialog = await openAppointment(page, booking);
  await dialog.getByRole('button', { name: 'Edit reason/notes…' }).click();
  await dialog.getByLabel('Reason').fill(values.reason);
  await dialog.getByLabel('Notes').fill(values.notes);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByTestId('appointment-reason')).toHaveText(values.reason);
  await expect(dialog.getByTestId('appointment-notes')).toHaveText(values.notes);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Open bill from the completed visit's popup: the draft bill of the owner and patient (a new one
 * when they have none) opens. Returns the bill's id from the address.
 */
export async function openBillFromCompletedVisit(
  page: Page,
  booking: { date: string; patient: string },
): Promise<string> {
  const dialog = await openAppointment(page, booking);
  await expect(dialog.locator('.badge').first()).toHaveText('Completed');
  await dialog.getByRole('button', { name: 'Open bill' }).click();
  await expect(page).toHaveURL(/#\/bill\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('draft-mark')).toBeVisible();
  await expect(page.locator('.bill-meta')).toContainText(booking.patient);
  return /#\/bill\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
}
