import type { Page } from '@playwright/test';
import { exited } from '../helpers/server-process.js';
import {
  clusterTest,
  expectConnection,
  expectMorePending,
  openRoute,
  openUi,
  pendingShown,
  RECONNECT_MS,
} from './cluster-fixtures.js';
import { expect, screenshot } from './fixtures.js';

const test = clusterTest({ workstations: ['front_desk', 'vet'] });

/** The status badge of the bill open on `page` ("Issued", "Paid"). */
function billStatus(page: Page) {
  return page.getByRole('article', { name: 'Invoice' }).locator('.bill-header .badge');
}

/** The "N rejected" link of the status element on every screen. */
function refusedLink(page: Page) {
  return page.getByTestId('sync-status').locator('.sync-attention');
}

/** Saves `name` in the light theme and `name-dark` in the dark one, leaving the page light. */
async function lightAndDark(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a payment the server refuses shows in Sync review with its reason; edit, retry and discard it', async ({
  page,
  cluster,
}) => {
  test.setTimeout(300_000);
  const [frontDesk, vet] = cluster.workstations;
  if (!frontDesk || !vet) throw new Error('two workstations expected');
  // A draft bill of the demo practice with items on it, and its payments so far (none expected).
  const { rows } = await cluster.central.query<{ id: string; balance: string }>(
    `select b.id, t.balance::text as balance
       from bills b join bill_totals t on t.bill_id = b.id
      where b.status = 'draft' and t.balance > 20
      order by b.created_at, b.id limit 1`,
  );
  const bill = rows[0];
  if (!bill) throw new Error('the demo practice has no draft bill with items');
  const paymentsBefore = (
    await cluster.central.query<{ id: string }>(`select id from payments where bill_id = $1`, [bill.id])
  ).rows.map((row) => row.id);

  // The bill is open on both workstations, the front desk (A) and the vet's (B); A sends it and
  // B sees it sent.
  const desk = page;
  const clinic = await page.context().newPage();
  await openUi(desk, frontDesk);
  await openUi(clinic, vet);
  await expectConnection(desk, 'online');
  await expectConnection(clinic, 'online');
  for (const screen of [desk, clinic]) {
    await openRoute(screen, `#/bill/${bill.id}`);
    // A draft has no number yet: it is marked as no invoice.
    await expect(screen.getByTestId('draft-mark')).toBeVisible();
    await expect(billStatus(screen)).toHaveText('Draft');
  }
  await desk.getByRole('button', { name: 'Issue…' }).click();
  await desk
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  await expect(billStatus(desk)).toHaveText('Issued');
  await expect(billStatus(clinic)).toHaveText('Issued', { timeout: RECONNECT_MS });
  await expect.poll(() => pendingShown(desk), { timeout: RECONNECT_MS }).toBe(0);
  // Issuing gave it its number, in the central database; both workstations show it.
  const billNumber = (
    await cluster.central.query<{ bill_number: string }>(`select bill_number from bills where id = $1`, [bill.id])
  ).rows[0]?.bill_number;
  if (!billNumber) throw new Error('the issued bill has no number');
  for (const screen of [desk, clinic]) {
    await expect(screen.getByTestId('bill-number')).toHaveText(billNumber, { timeout: RECONNECT_MS });
  }

  // The server goes; the vet takes 10.00 in cash at B, which queues it.
  await cluster.stopServer('SIGKILL');
  await expectConnection(clinic, 'offline');
  expect(await pendingShown(clinic)).toBe(0);
  await clinic.getByRole('button', { name: 'Record payment' }).click();
  const partial = clinic.getByRole('dialog', { name: 'Record payment' });
  await partial.getByLabel('Amount').fill('10.00');
  await partial.getByLabel('Method').selectOption('cash');
  await partial.getByRole('button', { name: 'Record payment' }).click();
  await expect(partial).toBeHidden();
  expect(await expectMorePending(clinic, 0)).toBe(1);

  // B is closed with the payment still queued (its outbox stays on disk).
  vet.vetdesk.child.kill('SIGTERM');
  await exited(vet.vetdesk.child);

  // The server is back and A takes the whole balance: the bill is paid, hence locked.
  await cluster.startServer();
  await expectConnection(desk, 'online');
  await desk.getByRole('button', { name: 'Record payment' }).click();
  const full = desk.getByRole('dialog', { name: 'Record payment' });
  await expect(full.getByLabel('Amount')).toHaveValue(bill.balance);
  await full.getByRole('button', { name: 'Record payment' }).click();
  await expect(full).toBeHidden();
  await expect(billStatus(desk)).toHaveText('Paid', { timeout: RECONNECT_MS });

  // B is opened again: its queued payment is sent and refused, and the status says so.
  await cluster.restartWorkstation(vet);
  await openUi(clinic, vet);
  await expect(refusedLink(clinic)).toHaveText('1 rejected', { timeout: RECONNECT_MS });
  await expect.poll(() => pendingShown(clinic), { timeout: RECONNECT_MS }).toBe(0);
  await refusedLink(clinic).click();
  await expect(clinic.getByRole('heading', { name: 'Sync review', level: 1 })).toBeVisible();
  const card = clinic.getByTestId('rejection');
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('heading', { name: 'Payment' })).toBeVisible();
  const reason = `bill ${billNumber} is paid and takes no payment`;
  await expect(card.locator('.alert-banner')).toHaveText(reason);
  await expect(card).toContainText('BILL_LOCKED');
  // The card names the bill it concerns and links to it.
  const billLink = card.getByTestId('conflict-record');
  await expect(billLink).toHaveText(billNumber);
  await expect(billLink).toHaveAttribute('href', `#/bill/${bill.id}`);
  await expect(clinic.getByRole('heading', { name: /^Refused changes/ }).locator('.badge')).toHaveText('1');
  await expect(clinic.locator('.toast')).toHaveCount(0);
  await lightAndDark(clinic, 'sync-review-refused');

  // What B sent, as the server refused it: the payment's own id, for the database check.
  const { rows: refused } = await cluster.central.query<{ args: { id: string; amount: string } }>(
    `select args from sync.mutations where staff_id = $1 and name = 'payment.record' and status = 'rejected'`,
    [vet.staff.id],
  );
  expect(refused).toHaveLength(1);
  const paymentId = refused[0]?.args.id ?? '';
  expect(refused[0]?.args.amount).toBe('10.00');

  // Edit…: a wrong amount is named under its field by the shared schema; nothing is sent or lost.
  await card.getByRole('button', { name: 'Edit…' }).click();
  let edit = clinic.getByRole('dialog', { name: 'Edit and send again' });
  await expect(edit.locator('.alert-banner')).toHaveText(reason);
  const amount = edit.getByLabel('Amount');
  await expect(amount).toHaveValue('10.00');
  await expect(edit.getByLabel('Method')).toHaveValue('cash');
  await amount.fill('-5');
  await edit.getByRole('button', { name: 'Send again' }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toHaveAccessibleDescription(/Amount/);
  const amountError = edit.locator(`#${await amount.getAttribute('id')}-error`);
  await expect(amountError).toBeVisible();
  // Under its own field: below the amount box, above the next one.
  const [amountBox, errorBox, methodBox] = await Promise.all([
    amount.boundingBox(),
    amountError.boundingBox(),
    edit.getByLabel('Method').boundingBox(),
  ]);
  if (!amountBox || !errorBox || !methodBox) throw new Error('the edit form is not laid out');
  expect(errorBox.y).toBeGreaterThanOrEqual(amountBox.y + amountBox.height);
  expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(methodBox.y);
  await expect(edit.getByLabel('Method')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(clinic.locator('.toast')).toHaveCount(0);
  await lightAndDark(clinic, 'sync-review-refused-edit');

  // Cancel drops the edit: the change is still refused, unchanged, and opens as it was.
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();
  await expect(card).toHaveCount(1);
  await expect(refusedLink(clinic)).toHaveText('1 rejected');
  await card.getByRole('button', { name: 'Edit…' }).click();
  edit = clinic.getByRole('dialog', { name: 'Edit and send again' });
  await expect(edit.getByLabel('Amount')).toHaveValue('10.00');
  await expect(edit.locator('.field-error')).toHaveCount(0);
  await clinic.keyboard.press('Escape');
  await expect(edit).toBeHidden();

  // Retry sends it as it was: the bill is still paid, so the server refuses it again.
  await card.getByRole('button', { name: 'Retry' }).click();
  await expect(clinic.locator('.toast').filter({ hasText: 'Sent again' })).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await cluster.central.query(
            `select 1 from sync.mutations where staff_id = $1 and name = 'payment.record' and status = 'rejected'`,
            [vet.staff.id],
          )
        ).rows.length,
      { timeout: RECONNECT_MS },
    )
    .toBe(2);
  await expect(card).toHaveCount(1, { timeout: RECONNECT_MS });
  await expect(card.locator('.alert-banner')).toHaveText(reason);
  await expect(refusedLink(clinic)).toHaveText('1 rejected');

  // Discard… asks first; keeping it changes nothing.
  await card.getByRole('button', { name: 'Discard…' }).click();
  const confirm = clinic.getByRole('dialog', { name: 'Discard this change?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(card).toHaveCount(1);
  await card.getByRole('button', { name: 'Discard…' }).click();
  await confirm.getByRole('button', { name: 'Discard change' }).click();
  await expect(confirm).toBeHidden();
  await expect(card).toHaveCount(0);
  await expect(clinic.getByText('Nothing refused')).toBeVisible();
  await expect(refusedLink(clinic)).toHaveCount(0);
  await expect(clinic.getByRole('heading', { name: /^Refused changes/ }).locator('.badge')).toHaveText('0');

  // B shows the server's truth: paid in full by A's payment alone.
  await openRoute(clinic, `#/bill/${bill.id}`);
  await expect(billStatus(clinic)).toHaveText('Paid');
  await expect(clinic.getByTestId('bill-balance')).toHaveText(/^0\.00/);

  // The refused payment never reached the database: A's is the only new payment on the bill.
  const { rows: payments } = await cluster.central.query<{ id: string; amount: string; received_by: string }>(
    `select id, amount::text as amount, received_by from payments where bill_id = $1 and not (id = any($2::uuid[]))`,
    [bill.id, paymentsBefore],
  );
  expect(payments.map(({ amount, received_by }) => ({ amount, received_by }))).toEqual([
    { amount: bill.balance, received_by: frontDesk.staff.id },
  ]);
  expect((await cluster.central.query(`select 1 from payments where id = $1`, [paymentId])).rows).toHaveLength(0);
  const { rows: after } = await cluster.central.query<{ status: string }>(`select status from bills where id = $1`, [
    bill.id,
  ]);
  expect(after).toEqual([{ status: 'paid' }]);
  const { rows: ledger } = await cluster.central.query<{ status: string }>(
    `select status from sync.mutations where staff_id = $1 and name = 'payment.record'`,
    [vet.staff.id],
  );
  expect(ledger.map((row) => row.status)).toEqual(['rejected', 'rejected']);
});
