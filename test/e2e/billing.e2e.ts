import { expect, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';

test('register a patient, book it, bill it, issue the invoice and take payment', async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  // Find an owner with Ctrl+K.
  await openFirstOwner(page);

  // Register a patient: the shared schema's errors first, then a valid form.
  await page.getByRole('button', { name: 'Add patient' }).click();
  const patientDialog = page.getByRole('dialog', { name: 'Add patient' });
  await expect(patientDialog).toBeVisible();
  await patientDialog.getByLabel('Microchip').fill('123');
  await patientDialog.getByRole('button', { name: 'Register patient' }).click();
  await expect(patientDialog.getByText('Name is required')).toBeVisible();
  await expect(patientDialog.getByText('A microchip number has 9 to 15 letters or digits')).toBeVisible();
  await patientDialog.getByLabel('Name').fill('Biscuit');
  await patientDialog.getByLabel('Species').selectOption('cat');
  await patientDialog.getByLabel('Sex').selectOption('female');
  await patientDialog.getByLabel('Neutered').check();
  await patientDialog.getByLabel('Birth date').fill('2021-04-02');
  await patientDialog.getByLabel('Weight (kg)').fill('4.25');
  await patientDialog.getByLabel('Microchip').fill('985112003456789');
  await screenshot(page, 'patient-new');
  await patientDialog.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: /Biscuit/, level: 1 })).toBeVisible();
  await expect(page.getByText('Microchip 985112003456789')).toBeVisible();

  // Book an appointment for it; a second booking at the same time warns of the overlap.
  await page.getByRole('button', { name: 'Book appointment' }).click();
  let booking = page.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByLabel('Time').fill('10:00');
  await booking.getByLabel('Length (minutes)').fill('30');
  await booking.getByLabel('Vet').selectOption({ index: 1 });
  await booking.getByLabel('Reason').fill('Vaccination');
  await booking.getByLabel('Reason').press('Enter');
  await expect(booking).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Vaccination' })).toBeVisible();

  await page.getByRole('button', { name: 'Book appointment' }).click();
  booking = page.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByLabel('Time').fill('10:15');
  await booking.getByLabel('Vet').selectOption({ index: 1 });
  await booking.getByLabel('Reason').fill('Nail clipping');
  await expect(booking.getByTestId('overlap-warning')).toContainText('Biscuit');
  await screenshot(page, 'booking');
  await page.keyboard.press('Escape');
  await expect(booking).toBeHidden();

  // A new bill for the patient, with two price-list items.
  await page.getByRole('button', { name: 'New bill' }).click();
  const invoice = page.getByRole('article', { name: 'Invoice' });
  await expect(invoice).toBeVisible();
  await expect(invoice.getByRole('link', { name: 'Biscuit' })).toBeVisible();
  const items = page.getByTestId('bill-item');
  await page.getByLabel('Price list item').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(items).toHaveCount(1);
  await page.getByLabel('Price list item').selectOption({ index: 2 });
  const second = await page.getByLabel('Description').inputValue();
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(items).toHaveCount(2);
  // Quantities edit in place; Enter saves. Edited at once, while the new line (and the one
  // before it) may still be syncing: the lines keep their places and the edit is kept.
  const quantity = page.getByRole('textbox', { name: `Quantity of ${second}` });
  await quantity.fill('2');
  await quantity.press('Enter');
  await expect(quantity).toHaveValue('2');
  await expect(items.nth(1)).toContainText(second);
  await expect(invoice.locator('.pending-mark')).toHaveCount(0, { timeout: 30_000 });
  // Synced: the server's '2.000' reads '2', without needless decimals.
  await expect(quantity).toHaveValue('2');
  // A wrong quantity says why and is not saved; Esc puts the saved one back.
  await quantity.fill('two');
  await quantity.press('Enter');
  await expect(invoice.getByRole('alert')).toHaveText('Quantity must be a number with at most 3 decimals');
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await quantity.press('Escape');
  await expect(quantity).toHaveValue('2');
  await expect(invoice.getByRole('alert')).toHaveCount(0);

  // Issue it (asks first); the number arrives from the central database once synced.
  await page.getByRole('button', { name: 'Issue…' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  const status = invoice.locator('.bill-header .badge');
  await expect(status).toHaveText('Issued');
  await expect(page.getByTestId('bill-number')).toContainText('BILL-', { timeout: 60_000 });
  // The central database's copy has the edited quantity: it was not lost on the way.
  await expect(items.filter({ hasText: second }).getByRole('cell').nth(1)).toHaveText('2');

  // Record a payment covering the balance; the bill becomes paid.
  await page.getByRole('button', { name: 'Record payment' }).click();
  const payment = page.getByRole('dialog', { name: 'Record payment' });
  await expect(payment.getByLabel('Amount')).not.toHaveValue('');
  await payment.getByLabel('Method').selectOption('cash');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment).toBeHidden();
  await expect(page.getByTestId('bill-balance')).toHaveText(/^0\.00/);
  await expect(status).toHaveText('Paid', { timeout: 60_000 });
  // Let the toasts fade so they do not cover the totals in the screenshot.
  await expect(page.locator('.toast')).toHaveCount(0);
  await screenshot(page, 'bill');

  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'bill-print');
  await page.emulateMedia({ media: 'screen' });

  // A bill made on the owner's screen is for no patient: it says where records can be linked.
  await invoice.locator('a[href^="#/owner/"]').click();
  await expect(page.getByRole('heading', { name: /^Patients/ })).toBeVisible();
  await page.getByRole('button', { name: 'New bill' }).click();
  await expect(invoice.getByTestId('bill-number')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Medical records/ })).toContainText(
    "To link a visit's records, make the bill from the patient's chart.",
  );

  // On Today: book from a free slot with the patient picker, then reschedule from the dialog.
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const slots = page.getByTestId('day-slots').first();
  const box = await slots.boundingBox();
  if (!box) throw new Error('no day grid');
  // Near the bottom of the column: 18:30-18:45, usually free.
  await slots.click({ position: { x: 4, y: box.height - box.height / 44 / 2 - box.height / 44 } });
  booking = page.getByRole('dialog', { name: 'Book appointment' });
  await expect(booking).toBeVisible();
  await booking.getByRole('combobox').fill('Biscuit');
  await expect(booking.getByRole('option').first()).toContainText('Biscuit');
  await booking.getByRole('combobox').press('Enter');
  await expect(booking.getByLabel('Time')).toHaveValue('18:30');
  await booking.getByLabel('Reason').fill('Evening check');
  await booking.getByRole('button', { name: 'Book' }).click();
  await expect(booking).toBeHidden();
  const evening = page.getByTestId('appointment').filter({ hasText: 'Biscuit' }).last();
  await expect(evening).toBeVisible();
  await evening.click();
  await page.getByRole('dialog', { name: 'Appointment' }).getByRole('button', { name: 'Reschedule…' }).click();
  const move = page.getByRole('dialog', { name: 'Reschedule appointment' });
  await move.getByLabel('Time').fill('17:00');
  await move.getByRole('button', { name: 'Move booking' }).click();
  await expect(move).toBeHidden();
  await expect(page.getByText('Appointment moved')).toBeVisible();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('a toast on the bill screen covers no control, at 1280x720', async ({ page, vetdesk }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  await page.locator('table a[href^="#/patient/"]').first().click();
  await page.getByRole('button', { name: 'New bill' }).click();
  await expect(page.getByRole('article', { name: 'Invoice' })).toBeVisible();
  await page.getByLabel('Price list item').selectOption({ index: 1 });
  const addItem = page.getByRole('button', { name: 'Add item' });
  await addItem.click();
  await expect(page.getByTestId('bill-item')).toHaveCount(1);
  // The toast is showing; the controls at the bottom of the window, "Add item" among them, stay clear of it.
  const toast = page.locator('.toast').first();
  await expect(toast).toBeVisible();
  await page.getByLabel('Price list item').selectOption({ index: 2 });
  // A string, not a function: this project's type-check has no DOM types for the page's world.
  await page.evaluate(
    `[...document.querySelectorAll('main button')].find((b) => b.textContent.trim() === 'Add item').scrollIntoView({ block: 'end' })`,
  );
  await expect(toast).toBeVisible();
  const toastBox = await toast.boundingBox();
  if (!toastBox) throw new Error('no toast');
  // The page's own area ends where the status bar starts (the window's bottom without one).
  const statusBar = page.getByTestId('status-bar');
  const bar = (await statusBar.count()) > 0 ? await statusBar.boundingBox() : null;
  const pageBottom = bar ? bar.y : 720;
  const addBox = await addItem.boundingBox();
  if (!addBox) throw new Error('no Add item button');
  expect(addBox.y + addBox.height).toBeLessThanOrEqual(pageBottom);
  expect(overlaps(addBox, toastBox)).toBe(false);
  await screenshot(page, 'bill-toast-1280');
  let checked = 0;
  for (const control of await page.locator('main').locator('button, input, select, textarea, a[href]').all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    if (!box) continue;
    // The part of the control on screen, above the status bar (what the bar hides, it hides with or without a toast).
    const top = Math.max(box.y, 0);
    const bottom = Math.min(box.y + box.height, pageBottom);
    if (bottom <= top) continue;
    checked++;
    const shown = { x: box.x, y: top, width: box.width, height: bottom - top };
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? '';
    expect(overlaps(shown, toastBox), `the toast covers "${name.trim().slice(0, 60)}"`).toBe(false);
  }
  expect(checked).toBeGreaterThan(5);
});
