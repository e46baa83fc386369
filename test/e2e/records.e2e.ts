import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { openFirstOwner } from './flows/open-owner.js';

/** Like the shared fixture, but signed in as the practice's first vet. */
const vetTest = test.extend({ vetdeskRole: 'vet' });

/** Opens the chart of the first patient of the first owner search finds. */
async function openAPatient(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  await page.locator('table a[href^="#/patient/"]').first().click();
  await expect(page.getByRole('heading', { name: /Medical history/ })).toBeVisible();
}

vetTest('a vet writes a SOAP draft, finalizes it and corrects it with an addendum', async ({ page, vetdesk }) => {
  await openAPatient(page, vetdesk.url);
  const title = `Limping left hind ${Date.now() % 100_000}`;

  // `n` on the chart opens the editor, signed-in vet preselected, visit time now.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  const editor = page.getByRole('dialog', { name: /^New record for / });
  await expect(editor).toBeVisible();
  await expect(editor.getByLabel('Vet')).not.toHaveValue('');
  await expect(editor.getByLabel('Visit time')).not.toHaveValue('');

  await editor.getByLabel('Type').selectOption('exam');
  await editor.getByLabel('Title').fill(title);
  await editor.getByLabel('Subjective').fill('Owner reports limping on the left hind leg for three days.');
  await editor.getByLabel('Objective').fill('T 38.6 °C. Pain on flexion of the left stifle.\nNo swelling.');
  await editor.getByLabel('Assessment').fill('Suspected soft-tissue injury.');
  await editor.getByLabel('Plan').fill('Rest for 10 days, meloxicam, recheck in two weeks.');
  // The shared schema's own message for a bad weight.
  await editor.getByLabel('Weight (kg)').fill('twelve');
  await editor.getByRole('button', { name: 'Save as draft' }).click();
  await expect(editor.getByText('Weight must be a number with at most 3 decimals')).toBeVisible();
  await editor.getByLabel('Weight (kg)').fill('12.35');
  await expect(editor.getByText('Weight must be a number')).toBeHidden();
  await screenshot(page, 'record-editor');

  // Ctrl+Enter saves the draft.
  await editor.getByLabel('Plan').press('Control+Enter');
  await expect(editor).toBeHidden();
  const record = page.getByTestId('medical-record').filter({ hasText: title });
  await expect(record).toHaveAttribute('data-status', 'draft');
  await expect(record.getByText('Draft', { exact: true })).toBeVisible();
  await expect(record).toContainText('Suspected soft-tissue injury.');
  await expect(record).toContainText('12.35 kg');
  // The weight joins the chart's curve (a point with its value in the tooltip). The header's
  // weight is the curve's latest point (the demo may have a later visit today).
  await expect(
    page
      .getByTestId('weight-chart')
      .locator('circle title')
      .filter({ hasText: /: 12\.35 kg/ }),
  ).toHaveCount(1);
  const headerWeight = (await page.getByTestId('patient-weight').textContent()) ?? '';
  expect(headerWeight).toMatch(/^\d+(\.\d+)? (g|kg)$/);
  await expect(page.getByTestId('weight-latest')).toContainText(`Latest ${headerWeight} ·`);

  // Closing with unsaved changes asks; Esc on the question keeps writing.
  await record.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: /^Edit draft for / });
  await expect(edit.getByLabel('Title')).toHaveValue(title);
  await edit.getByLabel('Assessment').fill('Suspected cruciate ligament strain.');
  await edit.getByLabel('Assessment').press('Escape');
  const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Keep writing' }).click();
  await expect(discard).toBeHidden();
  await expect(edit).toBeVisible();
  await edit.getByRole('button', { name: 'Save draft' }).click();
  await expect(edit).toBeHidden();
  await expect(record).toContainText('Suspected cruciate ligament strain.');

  // Finalize asks and explains, then the record is final and has no Edit any more.
  await record.getByRole('button', { name: 'Finalize…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalize this record?' });
  await expect(confirm).toContainText('can no longer be changed');
  await expect(confirm).toContainText('addenda');
  await confirm.getByRole('button', { name: 'Finalize' }).click();
  await expect(confirm).toBeHidden();
  await expect(record).toHaveAttribute('data-status', 'final');
  await expect(record).toContainText(/Signed by Dr /);
  await expect(record.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(record.getByRole('button', { name: /Finalize/ })).toHaveCount(0);

  // An addendum corrects it, nested under it.
  await record.getByRole('button', { name: 'Add addendum' }).click();
  const addendum = page.getByRole('dialog', { name: /^Add addendum for / });
  await expect(addendum).toContainText('The original stays as written');
  await addendum.getByLabel('Plan').fill('Correction: meloxicam 0.1 mg/kg once daily, not twice.');
  await addendum.getByLabel('Plan').press('Control+Enter');
  await expect(addendum).toBeHidden();
  const nested = record.getByTestId('medical-record-addendum');
  await expect(nested).toHaveCount(1);
  await expect(nested).toContainText('Correction: meloxicam 0.1 mg/kg once daily');
  await expect(nested).toHaveAttribute('data-status', 'addendum');
  await record.scrollIntoViewIfNeeded();
  await screenshot(page, 'record-final');
});

/** Writes a record with a weight through the chart's editor (`n`), at `visitAt` when given. */
async function recordWeight(page: Page, title: string, kg: string, visitAt?: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  const editor = page.getByRole('dialog', { name: /^New record for / });
  await editor.getByLabel('Type').selectOption('exam');
  await editor.getByLabel('Title').fill(title);
  if (visitAt) await editor.getByLabel('Visit time').fill(visitAt);
  await editor.getByLabel('Weight (kg)').fill(kg);
  await editor.getByLabel('Weight (kg)').press('Control+Enter');
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('medical-record').filter({ hasText: title })).toBeVisible();
}

vetTest("a budgie's weight reads in grams, and the header and the curve agree", async ({ page, vetdesk }) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openFirstOwner(page);
  await page.getByRole('button', { name: 'Add patient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add patient' });
  await dialog.getByLabel('Name').fill('Kiwi');
  await dialog.getByLabel('Species').selectOption('bird');
  await dialog.getByLabel('Weight (kg)').fill('0.04');
  await dialog.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: /Kiwi/, level: 1 })).toBeVisible();
  // No visit weighed it yet: the header shows the weight on its details, and the chart says so.
  await expect(page.getByTestId('patient-weight')).toHaveText('40 g');
  await expect(page.getByText("No weights recorded at visits yet. On the patient's details: 40 g.")).toBeVisible();

  await recordWeight(page, 'Wellness check', '0.035');
  // An older visit entered afterwards joins the curve but is not the current weight.
  await recordWeight(page, 'First visit', '0.033', '2026-01-05T10:00');
  const chart = page.getByTestId('weight-chart');
  await expect(chart.locator('circle')).toHaveCount(2);
  await expect(page.getByTestId('patient-weight')).toHaveText('35 g');
  await expect(page.getByTestId('weight-latest')).toContainText('Latest 35 g');
  await expect(chart.locator('circle title').filter({ hasText: /: 33 g$/ })).toHaveCount(1);
  // The timeline speaks the same unit.
  await expect(page.getByTestId('medical-record').filter({ hasText: 'Wellness check' })).toContainText('35 g');
  // The axis is in grams, its tick labels distinct whole numbers around the data (not 0.0 / 0.0 / 0.1).
  const labels = await chart.locator('g text').allTextContents();
  expect(labels.length).toBeGreaterThanOrEqual(3);
  expect(new Set(labels).size).toBe(labels.length);
  for (const label of labels) expect(label).toMatch(/^\d+$/);
  const values = labels.map(Number);
  expect(Math.min(...values)).toBeLessThanOrEqual(33);
  expect(Math.max(...values)).toBeGreaterThanOrEqual(35);
  await expect(chart.getByText('g', { exact: true })).toBeVisible();
});

test('front desk cannot write clinical records: the buttons say why', async ({ page, vetdesk }) => {
  await openAPatient(page, vetdesk.url);
  const newRecord = page.getByRole('button', { name: 'New record' });
  await expect(newRecord).toBeDisabled();
  await expect(newRecord).toHaveAttribute('title', 'Only vets and nurses write clinical records');
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: /^New record/ })).toHaveCount(0);
  await expect(page.getByText('Only vets and nurses write clinical records').first()).toBeVisible();
  await screenshot(page, 'record-front-desk');
});
