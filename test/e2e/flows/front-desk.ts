import { expect, type Page } from '@playwright/test';
import { billTheVisit } from './front-desk-billing.js';
import { saveScreenshot, toastsGone } from './screenshots.js';
import type { SharedFlow, SharedFlowOptions } from './shared-flow.js';

/** What one run of the flow created and learnt, passed from step to step. */
export interface FlowState {
  page: Page;
  /** Saves `front-desk-flow-<name>.png` and `…-<name>-dark.png` (with the run's prefix). */
  shot: (name: string) => Promise<void>;
  /** The owner as the owner screen names them: "First Last". */
  ownerName: string;
  patientName: string;
  vetName: string;
  recordTitle: string;
}

// A name no demo patient has, so that every assertion on it finds this run's patient only.
const PATIENT_NAME = 'Quillon';
const RECORD_TITLE = 'Vaccination and wellness exam';

/**
 * Ctrl+K, a letter, arrows down to the first owner among the results, Enter: the owner screen.
 * @returns the owner's name as the owner screen shows it.
 */
async function findAnOwner(page: Page): Promise<string> {
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search owners and patients' });
  await expect(search).toBeFocused();
  await page.keyboard.type('a');
  const active = page.getByRole('listbox', { name: 'Results' }).locator('[role="option"][aria-selected="true"]');
  await expect(active).toBeVisible();
  // Owners and patients are mixed, best match first: step down to the first owner.
  for (let step = 0; (await active.locator('.badge').textContent()) !== 'Owner'; step += 1) {
    if (step === 40) throw new Error('no owner among the first 40 results for "a"');
    await page.keyboard.press('ArrowDown');
  }
  // Search titles read "Last, First"; the owner screen says "First Last".
  const title = (await active.locator('.search-hit-title').textContent()) ?? '';
  const [last = '', first = ''] = title.split(', ');
  const ownerName = `${first} ${last}`.trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Search owners and patients' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: ownerName })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Patients/ })).toBeVisible();
  return ownerName;
}

/** Add patient on the owner screen; the form is typed and sent with Enter; the chart opens. */
async function registerPatient(state: FlowState): Promise<void> {
  const { page, patientName, ownerName } = state;
  await page.getByRole('button', { name: 'Add patient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add patient' });
  await expect(dialog).toContainText(`Owner: ${ownerName}`);
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type(patientName);
  await dialog.getByLabel('Species').selectOption('cat');
  await dialog.getByLabel('Sex').selectOption('female');
  await dialog.getByLabel('Neutered').check();
  await dialog.getByLabel('Birth date').fill('2022-05-14');
  await dialog.getByLabel('Weight (kg)').fill('4.2');
  await state.shot('patient');
  await dialog.getByLabel('Weight (kg)').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
  const header = page.locator('.patient-header');
  await expect(header).toContainText('Cat');
  await expect(header).toContainText('Female, neutered');
  // '4.2' as typed, '4.200' once the central database has normalised it.
  await expect(header).toContainText(/4\.2(00)? kg/);
  await expect(header.getByRole('link', { name: ownerName })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Appointments/ })).toContainText('No appointments');
}

/** Book appointment on the chart: today, with the signed-in vet, a reason, Enter. */
async function bookToday(state: FlowState): Promise<void> {
  const { page, patientName } = state;
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book appointment' });
  await expect(dialog.getByRole('heading', { name: `Book appointment for ${patientName}` })).toBeVisible();
  // The day starts at today; an early slot keeps the booking on today whatever the time now.
  const day = await dialog.getByLabel('Day').inputValue();
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await dialog.getByLabel('Time').fill('08:00');
  await dialog.getByLabel('Length (minutes)').fill('30');
  await dialog.getByLabel('Vet').selectOption({ label: state.vetName });
  await dialog.getByLabel('Reason').fill('Annual vaccination');
  await dialog.getByLabel('Reason').press('Enter');
  await expect(dialog).toBeHidden();
  const appointments = page.getByRole('region', { name: /^Appointments/ });
  const row = appointments.getByRole('row').filter({ hasText: 'Annual vaccination' });
  await expect(row).toContainText('Scheduled');
  // The booking's day links to that day's grid: it is today's.
  await expect(row.getByRole('link')).toHaveAttribute('href', `#/today/${day}`);
}

/** The flow's booking on the Today grid (a button named "<time> <patient> · <owner>, <status>, …"). */
function bookingOnGrid(state: FlowState, status: string) {
  return state.page.getByRole('button', { name: new RegExp(`${state.patientName} · ${state.ownerName}, ${status},`) });
}

/** g t, then check in from the booking's dialog: the patient joins the arrivals waiting. */
async function checkIn(state: FlowState): Promise<void> {
  const { page, patientName, ownerName, vetName } = state;
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await bookingOnGrid(state, 'Scheduled').click();
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  await expect(dialog.getByRole('heading', { name: new RegExp(patientName) })).toBeVisible();
  await expect(dialog).toContainText(ownerName);
  await expect(dialog).toContainText(vetName);
  await expect(dialog).toContainText('Annual vaccination');
  await dialog.getByRole('button', { name: 'Check in' }).click();
  await expect(dialog).toBeHidden();
  const arrival = page
    .getByRole('region', { name: /^Arrivals waiting/ })
    .getByRole('listitem')
    .filter({ hasText: patientName });
  await expect(arrival).toContainText(ownerName);
  await expect(arrival).toContainText(`with ${vetName}`);
  await expect(arrival).toContainText('arrived');
  await expect(bookingOnGrid(state, 'Checked in')).toBeVisible();
  await toastsGone(page);
  await state.shot('arrivals');
}

/** Start from the arrivals list, then Complete from the booking's dialog (which then offers the bill). */
async function treat(state: FlowState): Promise<void> {
  const { page, patientName } = state;
  const arrivals = page.getByRole('region', { name: /^Arrivals waiting/ });
  await arrivals.getByRole('listitem').filter({ hasText: patientName }).getByRole('button', { name: 'Start' }).click();
  // In the consulting room now: no longer waiting.
  await expect(arrivals.getByRole('listitem').filter({ hasText: patientName })).toHaveCount(0);
  await bookingOnGrid(state, 'In progress').click();
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  await expect(dialog.getByRole('button', { name: 'Check in' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Complete' }).click();
  // The popup stays on the completed visit, offering its bill; this flow bills from the chart.
  await expect(dialog.getByRole('button', { name: 'Open bill' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(bookingOnGrid(state, 'Completed')).toBeVisible();
}

/** Back to the chart by Ctrl+K; a SOAP record typed with Tab, saved with Ctrl+Enter, finalized. */
async function writeAndFinalizeRecord(state: FlowState): Promise<void> {
  const { page, patientName, vetName, recordTitle } = state;
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: 'Search owners and patients' })).toBeFocused();
  await page.keyboard.type(patientName);
  const active = page.getByRole('listbox', { name: 'Results' }).locator('[role="option"][aria-selected="true"]');
  await expect(active).toContainText(patientName);
  await expect(active).toContainText('Patient');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Appointments/ })).toContainText('Completed');

  await page.getByRole('button', { name: /^New record/ }).click();
  const editor = page.getByRole('dialog', { name: `New record for ${patientName}` });
  // The signed-in vet writes it.
  await expect(editor.getByLabel('Vet').locator('option:checked')).toHaveText(vetName);
  await editor.getByLabel('Type').selectOption('vaccine');
  await editor.getByLabel('Weight (kg)').fill('4.3');
  await editor.getByLabel('Title').focus();
  await page.keyboard.type(recordTitle);
  for (const note of [
    'Owner reports she is well; due for boosters.',
    'Bright, alert. T 38.4 °C, heart and lungs normal.',
    'Healthy adult cat.',
    'Feline core vaccines given, next booster in 12 months.',
  ]) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(note);
  }
  await expect(editor.getByLabel('Plan')).toBeFocused();
  await state.shot('record');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  const record = page.getByTestId('medical-record').filter({ hasText: recordTitle });
  await expect(record).toHaveAttribute('data-status', 'draft');
  await expect(record).toContainText('Healthy adult cat.');
  await expect(record).toContainText(vetName);

  await record.getByRole('button', { name: 'Finalize…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalize this record?' });
  await expect(confirm).toContainText('can no longer be changed');
  await confirm.getByRole('button', { name: 'Finalize' }).click();
  await expect(confirm).toBeHidden();
  await expect(record).toHaveAttribute('data-status', 'final');
  await expect(record).toContainText(`Signed by ${vetName}`);
  await expect(record.getByRole('button', { name: 'Edit' })).toHaveCount(0);
}

/**
 * A day at the front desk, signed in as a vet (finalizing records is theirs; vets may also
 * bill): find an owner with Ctrl+K, register a new patient for them, book it today with a
 * vet, check it in (it waits among the arrivals), start and complete the visit, write and
 * finalize a SOAP record, bill the owner from the price list with the record linked, send the
 * bill, wait for its number from the central database, take payment and see it paid.
 */
export const frontDeskFlow: SharedFlow = {
  name: 'front desk: owner, new patient, booking, check-in, visit, record, bill, number and payment',
  async run(page: Page, options: SharedFlowOptions = {}): Promise<void> {
    const prefix = options.screenshotPrefix ?? '';
    const shot = async (name: string) => {
      // From the top, as staff first see the screen: a full-page picture taken scrolled down
      // draws the sticky header over the middle of the page.
      await page.mouse.move(1, 1);
      await page.mouse.wheel(0, -100_000);
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
      await saveScreenshot(page, `${prefix}front-desk-flow-${name}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await saveScreenshot(page, `${prefix}front-desk-flow-${name}-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
    };
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    // The vet signed in on this workstation (named in the header) sees the patient.
    const signedIn = page.getByTestId('signed-in-name');
    await expect(signedIn).toHaveText(/\S/);
    const vetName = ((await signedIn.textContent()) ?? '').trim();
    const ownerName = await findAnOwner(page);
    const state: FlowState = { page, shot, ownerName, patientName: PATIENT_NAME, vetName, recordTitle: RECORD_TITLE };
    await registerPatient(state);
    await bookToday(state);
    await checkIn(state);
    await treat(state);
    await writeAndFinalizeRecord(state);
    await billTheVisit(state);
  },
};
