import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

// The day grid's geometry (renderer/src/features/today/day-layout.ts): 08:00-19:00 in 5-minute tracks.
const DAY_START_MINUTES = 8 * 60;
const TRACK_MINUTES = 5;
const TRACK_COUNT = 132;

/** The page's own clock format for a time of day, as the grid prints it (formatClock). */
function clockText(page: Page, minutes: number): Promise<string> {
  return page.evaluate(
    (at) =>
      new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2000, 0, 1, 0, at)),
      ),
    minutes,
  );
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element is not visible');
  return found;
}

/** Saves `<name>-light.png` and `<name>-dark.png` once the theme's tokens took effect. */
async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveCSS('color-scheme', scheme);
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const movable = /, (Scheduled|Confirmed)/;

/** Opens the app on Today, switches to the week with `w`, and returns the week's grid. */
async function openWeek(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.keyboard.press('w');
  await expect(page.getByRole('heading', { name: /^Week of / })).toBeVisible();
  return page.getByRole('region', { name: 'Appointments by day' });
}

// Tall enough for the whole 08:00-19:00 grid: the mouse can only reach what is on screen.
// One VetDesk per role for the file's tests that pick a booking that can move from what the grid
// shows now and check where it lands, so that a booking an earlier test moved changes nothing.
test.use({ viewport: { width: 1440, height: 1800 }, vetdeskSharing: 'file' });

test('dragging a booking in the day view moves it to another vet and time, and it stays there', async ({
  page,
  vetdesk,
}) => {
  await page.goto(vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const grid = page.getByRole('region', { name: 'Appointments by vet' });
  const columns = grid.locator('section.day-column');
  await expect(columns.nth(1)).toBeVisible();
  await shootBothThemes(page, 'calendar-day');

  // A booking that can move, in the first vet's column, goes to the second vet's.
  const source = columns.nth(0);
  const target = columns.nth(1);
  const targetVet = (await target.getAttribute('aria-label')) ?? '';
  const block = source.getByRole('button', { name: movable }).first();
  const id = (await block.getAttribute('data-appointment-id')) ?? '';
  expect(id).not.toBe('');
  // A press without a move is still a click: it opens the booking.
  await block.click();
  await expect(page.getByRole('dialog', { name: 'Appointment' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Appointment' })).toBeHidden();

  const slots = await box(source.getByTestId('day-slots'));
  const track = slots.height / TRACK_COUNT;
  const start = await box(block);
  // The block's top edge (1px margin) sits on its starting track.
  const startMinutes = DAY_START_MINUTES + Math.round((start.y - 1 - slots.y) / track) * TRACK_MINUTES;
  // After the demo day's last bookings (they end by 18:00).
  const newMinutes = 18 * 60 + 30;
  const grab = { x: start.x + 12, y: start.y + 4 };
  const drop = {
    x: (await box(target.getByTestId('day-slots'))).x + 20,
    y: grab.y + ((newMinutes - startMinutes) / TRACK_MINUTES) * track,
  };
  const newTime = await clockText(page, newMinutes);

  // Over another booking of the target vet, the preview warns of the overlap; Escape cancels:
  // nothing moves and no dialog opens.
  const occupied = target.getByTestId('appointment').first();
  const occupiedName = (await occupied.locator('.appt-patient').textContent()) ?? '';
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(drop.x, grab.y + (await box(occupied)).y - start.y, { steps: 12 });
  await expect(target.getByTestId('drag-ghost')).toContainText('overlaps');
  await expect(target.getByTestId('drag-ghost')).toContainText(occupiedName);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('drag-ghost')).toHaveCount(0);
  await page.mouse.up();
  await expect(page.getByRole('dialog', { name: 'Appointment' })).toBeHidden();
  await expect(source.locator(`[data-appointment-id="${id}"]`)).toBeVisible();

  // The real drag: a preview with the new time in the target column, then the move.
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(drop.x, drop.y, { steps: 12 });
  const ghost = target.getByTestId('drag-ghost');
  await expect(ghost).toContainText(newTime);
  await expect(ghost).toContainText(targetVet);
  await screenshot(page, 'calendar-day-dragging');
  await page.mouse.up();

  const moved = target.locator(`[data-appointment-id="${id}"]`);
  await expect(moved).toBeVisible();
  await expect(moved).toContainText(newTime);
  await expect(source.locator(`[data-appointment-id="${id}"]`)).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Appointment' })).toBeHidden();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const afterReload = page
    .getByRole('region', { name: 'Appointments by vet' })
    .locator(`section.day-column[aria-label="${targetVet}"] [data-appointment-id="${id}"]`);
  await expect(afterReload).toContainText(newTime);

  // The keyboard way: R on the focused booking opens the reschedule dialog.
  await afterReload.focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('dialog', { name: 'Reschedule appointment' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Reschedule appointment' })).toBeHidden();

  // Dropped on another booking's time, both are flagged as overlapping once it is saved.
  const other = page.locator(`section.day-column[aria-label="${targetVet}"] [data-testid="appointment"]`).first();
  await expect(other).not.toHaveAttribute('aria-label', /overlaps another booking/);
  const from = await box(afterReload);
  await page.mouse.move(from.x + 12, from.y + 4);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 4 + (await box(other)).y - from.y, { steps: 12 });
  await expect(page.getByTestId('drag-ghost')).toContainText('overlaps');
  await page.mouse.up();
  await expect(afterReload).toHaveAttribute('aria-label', /overlaps another booking/);
  await expect(other).toHaveAttribute('aria-label', /overlaps another booking/);
  // Released over free space of the same column: the click that ends a drag books nothing.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await screenshot(page, 'calendar-day-overlap');
});

test('the week view shows the week by day, filters by vet, and a drag to another day keeps the time', async ({
  page,
  vetdesk,
}) => {
  const week = await openWeek(page, vetdesk.url);
  expect(new URL(page.url()).hash).toBe('#/week');

  const days = week.locator('[data-week-day]');
  await expect(days).toHaveCount(7);
  const today = week.locator('[data-week-day][aria-current="date"]');
  await expect(today).toHaveCount(1);
  await expect(today.getByTestId('week-appointment').first()).toBeVisible();
  await shootBothThemes(page, 'calendar-week');

  // One vet at a time: every card left is that vet's (the previous answer stays on screen
  // until the filtered one arrives).
  const vetSelect = page.getByLabel('Vet', { exact: true });
  const vetId = (await vetSelect.locator('option').nth(1).getAttribute('value')) ?? '';
  await vetSelect.selectOption(vetId);
  await expect(week.locator(`[data-testid="week-appointment"]:not([data-vet-id="${vetId}"])`)).toHaveCount(0);
  await expect(week.locator(`[data-testid="week-appointment"][data-vet-id="${vetId}"]`).first()).toBeVisible();
  await shootBothThemes(page, 'calendar-week-one-vet');

  // The demo's busy day is today: move one of its bookings to a neighbour day of the same week.
  let todayIndex = 0;
  for (let index = 0; index < 7; index++) {
    if ((await days.nth(index).getAttribute('aria-current')) === 'date') todayIndex = index;
  }
  const targetDay = days.nth(todayIndex > 0 ? todayIndex - 1 : 1);
  const targetDate = (await targetDay.getAttribute('data-week-day')) ?? '';
  const card = today.getByRole('button', { name: movable }).first();
  const id = (await card.getAttribute('data-appointment-id')) ?? '';
  const time = (await card.locator('.appt-time').textContent()) ?? '';
  expect(time).not.toBe('');
  const cardBox = await box(card);
  const targetBox = await box(targetDay);

  await page.mouse.move(cardBox.x + 10, cardBox.y + 6);
  await page.mouse.down();
  // Days are columns as tall as the longest: the drop point is beside the card.
  await page.mouse.move(targetBox.x + targetBox.width / 2, cardBox.y + 6, { steps: 12 });
  await expect(targetDay.getByTestId('drag-ghost')).toContainText(time);
  await shootBothThemes(page, 'calendar-week-dragging');
  await page.mouse.up();

  const moved = targetDay.locator(`[data-appointment-id="${id}"]`);
  await expect(moved).toBeVisible();
  await expect(moved).toContainText(time);
  await expect(today.locator(`[data-appointment-id="${id}"]`)).toHaveCount(0);
  // Bookings on several days now, each day in time order.
  expect(await days.filter({ has: page.getByTestId('week-appointment') }).count()).toBeGreaterThanOrEqual(2);
  const dayTimes: string[] = [];
  for (const item of await targetDay.getByTestId('week-appointment').all()) {
    dayTimes.push((await item.getAttribute('data-starts-at')) ?? '');
  }
  expect(dayTimes).toContain(await moved.getAttribute('data-starts-at'));
  expect(dayTimes).toEqual([...dayTimes].sort());

  // The address keeps the view and the window keeps the vet filter: a reload shows the same
  // week for the same vet, the move saved.
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Week of / })).toBeVisible();
  await expect(vetSelect).toHaveValue(vetId);
  await expect(page.locator(`[data-week-day="${targetDate}"] [data-appointment-id="${id}"]`)).toContainText(time);

  // Next and previous week, and `d` back to the day view.
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page).toHaveURL(/#\/week\/\d{4}-\d{2}-\d{2}$/);
  await expect(week.locator('[aria-current="date"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(week.locator('[aria-current="date"]')).toHaveCount(1);
  await page.keyboard.press('d');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

test("a drag held at the week's right edge turns to a later week, and the booking lands there at its time", async ({
  page,
  vetdesk,
}) => {
  const week = await openWeek(page, vetdesk.url);
  const heading = page.getByRole('heading', { name: /^Week of / });
  const firstWeek = (await heading.textContent()) ?? '';
  const today = week.locator('[data-week-day][aria-current="date"]');
  const card = today.getByRole('button', { name: movable }).first();
  const id = (await card.getAttribute('data-appointment-id')) ?? '';
  const time = (await card.locator('.appt-time').textContent()) ?? '';
  const startsAt = (await card.getAttribute('data-starts-at')) ?? '';
  expect(time).not.toBe('');
  const cardBox = await box(card);
  const gridBox = await box(week);

  await page.mouse.move(cardBox.x + 10, cardBox.y + 6);
  await page.mouse.down();
  await page.mouse.move(gridBox.x + gridBox.width - 8, cardBox.y + 6, { steps: 12 });
  // The band at the edge says what holding there does, then the week turns.
  await expect(week).toHaveAttribute('data-edge', 'next');
  await expect(week.getByRole('status').filter({ hasText: 'Hold for the next week' })).toBeVisible();
  await screenshot(page, 'calendar-week-edge-hold');
  await expect(heading).not.toHaveText(firstWeek);
  await expect(page).toHaveURL(/#\/week\/\d{4}-\d{2}-\d{2}$/);
  // Away from the edge: the drag goes on over the new week's days.
  const days = week.locator('[data-week-day]');
  await page.mouse.move(gridBox.x + gridBox.width / 2, cardBox.y + 6, { steps: 6 });
  await expect(week).not.toHaveAttribute('data-edge');
  const target = days.nth(2);
  const targetDate = (await target.getAttribute('data-week-day')) ?? '';
  const targetBox = await box(target);
  await page.mouse.move(targetBox.x + targetBox.width / 2, cardBox.y + 6, { steps: 6 });
  await expect(target.getByTestId('drag-ghost')).toContainText(time);
  await page.mouse.up();

  // A later week than today's, a Wednesday, the same time of day.
  expect(targetDate > startsAt.slice(0, 10)).toBe(true);
  const moved = target.locator(`[data-appointment-id="${id}"]`);
  await expect(moved).toContainText(time);
  await page.reload();
  await expect(page.locator(`[data-week-day="${targetDate}"] [data-appointment-id="${id}"]`)).toContainText(time);
});

test.describe('on a screen shorter than the day', () => {
  // A practice of its own: it drags the column's first movable booking down by 200 px or more,
  // which needs that booking early in the day, as the demo seeds it (the day view's test above
  // moves the first one away).
  test.use({ viewport: { width: 1440, height: 800 }, vetdeskSharing: 'test' });

  test('holding a dragged booking at the bottom edge scrolls the day, and it lands where shown', async ({
    page,
    vetdesk,
  }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    const column = page.getByRole('region', { name: 'Appointments by vet' }).locator('section.day-column').first();
    const block = column.getByRole('button', { name: movable }).first();
    const id = (await block.getAttribute('data-appointment-id')) ?? '';
    await block.scrollIntoViewIfNeeded();
    const from = await box(block);
    const scrolledBefore = Number(await page.evaluate('window.scrollY'));

    await page.mouse.move(from.x + 12, from.y + 4);
    await page.mouse.down();
    await page.mouse.move(from.x + 12, 795, { steps: 10 });
    const ghost = column.getByTestId('drag-ghost');
    await expect(ghost).toBeVisible();
    await expect.poll(async () => Number(await page.evaluate('window.scrollY'))).toBeGreaterThan(scrolledBefore + 200);
    // Out of the edge band: the scrolling stops, and the preview says where the booking goes.
    await page.mouse.move(from.x + 12, 700, { steps: 4 });
    // Read the preview once the page has come to rest (a slow machine may still be drawing the
    // last scroll step) and a frame has been drawn after it.
    let settled = -1;
    await expect
      .poll(async () => {
        const now = Number(await page.evaluate('window.scrollY'));
        const still = now === settled;
        settled = now;
        return still;
      })
      .toBe(true);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
    const shown = (await ghost.locator('.appt-time').textContent()) ?? '';
    expect(shown).not.toBe('');
    await page.mouse.up();

    await expect(column.locator(`[data-appointment-id="${id}"]`)).toContainText(shown);
  });
});

test.describe('signed in as a vet', () => {
  test.use({ vetdeskRole: 'vet' });

  test("the week opens on the vet's own diary, and every vet is one choice away", async ({ page, vetdesk }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByTestId('appointment').first()).toBeVisible();
    await page.keyboard.press('w');
    await expect(page.getByRole('heading', { name: /^Week of / })).toBeVisible();
    const vetName = (await page.getByTestId('signed-in-name').textContent()) ?? '';
    expect(vetName).not.toBe('');
    const vetSelect = page.getByLabel('Vet', { exact: true });
    await expect(vetSelect.locator('option:checked')).toHaveText(vetName);
    const own = (await vetSelect.inputValue()) || 'none';
    const week = page.getByRole('region', { name: 'Appointments by day' });
    await expect(week.locator(`[data-testid="week-appointment"]:not([data-vet-id="${own}"])`)).toHaveCount(0);
    await vetSelect.selectOption('');
    await expect(week.locator(`[data-testid="week-appointment"]:not([data-vet-id="${own}"])`).first()).toBeVisible();
  });
});
