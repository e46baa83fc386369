import type { Locator, Page } from '@playwright/test';
import { CLINIC_TIMEZONE } from '../../db/central/seed/time.js';
import { expect, screenshot, test } from './fixtures.js';

// The day grid's geometry (renderer/src/features/today/day-layout.ts): 08:00-19:00 in 5-minute tracks.
const DAY_START_MINUTES = 8 * 60;
const DAY_END_MINUTES = 19 * 60;
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

/** Whether the element's content is wider than its box (cut off, or ellipsised). */
function overflows(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    // This file is compiled without the DOM's types: the two properties read, as a shape.
    const sizes = element as unknown as { scrollWidth: number; clientWidth: number };
    return sizes.scrollWidth > sizes.clientWidth;
  });
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

test('blocks show status by glyph, bar and name, and the owner; the time line is on today only', async ({
  page,
  vetdesk,
}) => {
  await page.goto(vetdesk.url);
  const grid = page.getByRole('region', { name: 'Appointments by vet' });
  const first = grid.getByTestId('appointment').first();
  await expect(first).toBeVisible();

  // Patient · owner on the block, and in its accessible name.
  const owned = grid.locator('[data-testid="appointment"]:has(.appt-owner)').first();
  const patient = (await owned.locator('.appt-patient').textContent()) ?? '';
  const owner = ((await owned.locator('.appt-owner').textContent()) ?? '').replace(/^ · /, '');
  expect(owner).toMatch(/\S+ \S+/);
  await expect(owned).toHaveAttribute('aria-label', new RegExp(`${patient} · ${owner}, `));

  // The current-time line, with the clock stopped at a booking's start on today: one line per
  // vet column at that booking's top edge, and the time on the axis.
  const startsAt = (await first.getAttribute('data-starts-at')) ?? '';
  await page.clock.setFixedTime(new Date(startsAt));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const columns = grid.locator('section.day-column');
  await expect(grid.getByTestId('appointment').first()).toBeVisible();
  await expect(grid.getByTestId('now-line')).toHaveCount(await columns.count());
  await expect(grid.getByTestId('now-marker')).toHaveCount(1);
  await expect(grid.getByTestId('now-marker')).toHaveAttribute('aria-hidden', 'true');
  const block = grid.locator(`[data-appointment-id="${(await first.getAttribute('data-appointment-id')) ?? ''}"]`);
  const line = grid.locator(
    `section.day-column:has([data-appointment-id="${(await block.getAttribute('data-appointment-id')) ?? ''}"]) [data-testid="now-line"]`,
  );
  expect(Math.abs((await box(line)).y - ((await box(block)).y - 1))).toBeLessThanOrEqual(3);
  await expect(grid.getByTestId('now-marker')).toContainText((await block.locator('.appt-time').textContent()) ?? '');
  // Another day has none.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByRole('heading', { name: 'Day view' })).toBeVisible();
  await expect(grid.getByTestId('appointment').first()).toBeVisible();
  await expect(page.getByTestId('now-line')).toHaveCount(0);
  await expect(page.getByTestId('now-marker')).toHaveCount(0);

  // Scheduled and confirmed differ by glyph, by the bar's style and by name, not by colour only,
  // in the week of every vet: today's bookings ahead are either, else next week's. (A week shows
  // only its own days' bookings, so none of the week before linger while the next one loads.)
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.keyboard.press('w');
  await page.getByLabel('Vet', { exact: true }).selectOption('');
  const week = page.getByRole('region', { name: 'Appointments by day' });
  await expect(week.getByTestId('week-appointment').first()).toBeVisible();
  const scheduled = week.locator('[data-testid="week-appointment"][data-status="scheduled"]').first();
  const confirmed = week.locator('[data-testid="week-appointment"][data-status="confirmed"]').first();
  const both = async () => (await scheduled.count()) > 0 && (await confirmed.count()) > 0;
  if (!(await both())) {
    await page.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(both).toBe(true);
  }
  await expect(scheduled.locator('.appt-status-mark')).toHaveText('○');
  await expect(confirmed.locator('.appt-status-mark')).toHaveText('✓');
  await expect(scheduled).toHaveAttribute('aria-label', /, Scheduled, \d+ min/);
  await expect(confirmed).toHaveAttribute('aria-label', /, Confirmed, \d+ min/);
  await expect(scheduled).toHaveCSS('border-left-style', 'double');
  await expect(confirmed).toHaveCSS('border-left-style', 'solid');
  const legend = page.getByRole('list', { name: 'Status key' });
  await expect(legend.getByRole('listitem').filter({ hasText: 'Scheduled' })).toContainText('○');
  await expect(legend.getByRole('listitem').filter({ hasText: 'Confirmed' })).toContainText('✓');
});

test('the week is a time grid: a booking sits at its time and length, and free time books that slot', async ({
  page,
  vetdesk,
}) => {
  const week = await openWeek(page, vetdesk.url);
  const vetSelect = page.getByLabel('Vet', { exact: true });
  await vetSelect.selectOption((await vetSelect.locator('option').nth(1).getAttribute('value')) ?? '');
  const today = week.locator('[data-week-day][aria-current="date"]');
  const slots = today.getByTestId('week-slots');
  const blocks = slots.getByTestId('week-appointment');
  await expect(blocks.first()).toBeVisible();
  const column = await box(slots);
  const span = DAY_END_MINUTES - DAY_START_MINUTES;
  const minutesAtY = (y: number) => DAY_START_MINUTES + ((y - column.y) / column.height) * span;

  // Each block's top edge is at its start time and its height is its length (15 min at least).
  const taken: [number, number][] = [];
  for (const block of await blocks.all()) {
    const at = await box(block);
    const top = minutesAtY(at.y - 1);
    const shown = (await block.locator('.appt-time').textContent()) ?? '';
    expect(shown).toBe(await clockText(page, Math.round(top / TRACK_MINUTES) * TRACK_MINUTES));
    const length = Number(/, (\d+) min/.exec((await block.getAttribute('aria-label')) ?? '')?.[1]);
    expect(Math.abs(minutesAtY(at.y + at.height + 1) - top - Math.max(length, 15))).toBeLessThan(3);
    taken.push([top, top + Math.max(length, 15)]);
  }

  // Free time is free space: the first gap of a quarter hour or more (the demo has lunch).
  taken.sort((a, b) => a[0] - b[0]);
  let free: number | null = null;
  let end = DAY_START_MINUTES;
  for (const [from, to] of taken) {
    if (from - end >= 15) {
      free = end;
      break;
    }
    end = Math.max(end, to);
  }
  if (free === null && DAY_END_MINUTES - end >= 15) free = end;
  expect(free).not.toBeNull();
  const quarter = Math.ceil((free ?? 0) / 15) * 15;
  const y = ((quarter + 7 - DAY_START_MINUTES) / span) * column.height;
  await slots.click({ position: { x: column.width / 2, y } });
  const dialog = page.getByRole('dialog', { name: 'Book appointment' });
  // The slot's fields come with a patient.
  await dialog.getByRole('combobox', { name: 'Patient' }).fill('a');
  await dialog.getByRole('option').first().click();
  await expect(dialog.getByLabel('Day')).toHaveValue((await today.getAttribute('data-week-day')) ?? '');
  await expect(dialog.getByLabel('Time')).toHaveValue(
    `${String(Math.floor(quarter / 60)).padStart(2, '0')}:${String(quarter % 60).padStart(2, '0')}`,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The day's heading opens that day.
  await today.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

/** The next Monday-to-Friday after today on the demo clinic's clock, as `YYYY-MM-DD`. */
function nextWorkingDay(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIMEZONE }).format(new Date());
  let day = Date.parse(`${today}T12:00:00Z`);
  do day += 86_400_000;
  while ([0, 6].includes(new Date(day).getUTCDay()));
  return new Date(day).toISOString().slice(0, 10);
}

test.describe('on a screen shorter than the day', () => {
  // A practice of its own: it drags the day's earliest movable booking down by 200 px or more,
  // which needs room below it. Today's bookings before the clock are done, so late in the day
  // none would have that room: the test works on the next working day, all of it still ahead.
  test.use({ viewport: { width: 1440, height: 800 }, vetdeskSharing: 'test' });

  test('holding a dragged booking at the bottom edge scrolls the day, and it lands where shown', async ({
    page,
    vetdesk,
  }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await page.goto(`${page.url().replace(/#.*$/, '')}#/today/${nextWorkingDay()}`);
    const grid = page.getByRole('region', { name: 'Appointments by vet' });
    const blocks = grid.getByRole('button', { name: movable });
    await expect(blocks.first()).toBeVisible();
    // The day opens scrolled to the clock's hour; from the top, the earliest booking has the
    // whole day below it.
    await page.evaluate('window.scrollTo(0, 0)');
    const tops = await Promise.all((await blocks.all()).map(async (found) => (await box(found)).y));
    const block = blocks.nth(tops.indexOf(Math.min(...tops)));
    const id = (await block.getAttribute('data-appointment-id')) ?? '';
    // Pinned by its vet's column: while dragged, the block leaves the list of movable ones.
    const column = grid.locator('section.day-column').filter({ has: page.locator(`[data-appointment-id="${id}"]`) });
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

test.describe('four vets at 1280x720', () => {
  // A practice of its own: an admin adds a fourth vet, and books a long-named patient.
  test.use({ vetdeskRole: 'admin', vetdeskSharing: 'test', viewport: { width: 1280, height: 720 } });

  const VET = 'Dr Genevieve Montgomery-Ashworth';
  const OWNER_FIRST = 'Maximiliana';
  const OWNER_LAST = 'Featherstonehaugh-Worthington';
  const PATIENT = 'Sir Reginald Wigglesworth Fluffington the Third';

  test('the day fits four vet columns, and a 15-minute block with long names keeps its time', async ({
    page,
    vetdesk,
  }) => {
    test.setTimeout(300_000);
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    const grid = page.getByRole('region', { name: 'Appointments by vet' });
    await expect(grid.locator('section.day-column')).toHaveCount(3);

    // The fourth vet, the real way: Admin, New staff member.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('button', { name: 'New staff member' }).click();
    const staff = page.getByRole('dialog', { name: 'New staff member' });
    await staff.getByLabel('Username').fill('gmontgomery');
    await staff.getByLabel('Name', { exact: true }).fill(VET);
    await staff.getByLabel('Role').selectOption('vet');
    await staff.getByLabel('First password').fill('a long first password 4 Genevieve');
    await staff.getByRole('button', { name: 'Create account' }).click();
    await expect(staff).toBeHidden();

    // An owner and patient with long names, from search.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`${OWNER_FIRST} ${OWNER_LAST}`);
    const search = page.getByRole('dialog', { name: 'Search owners and patients' });
    await search.getByRole('button', { name: /as a new owner$/ }).click();
    await search.getByLabel('Phone').fill('0611 987 654');
    await search.getByRole('button', { name: 'Register owner' }).click();
    await expect(search.getByRole('heading', { name: /^Add a patient for / })).toBeVisible();
    await search.getByLabel('Name').fill(PATIENT);
    await search.getByLabel('Species').selectOption('cat');
    await search.getByRole('button', { name: 'Register patient' }).click();
    await expect(page.getByRole('heading', { level: 1, name: PATIENT })).toBeVisible();

    // Four vet columns side by side, nothing past the window's right edge.
    await page.goto(page.url().replace(/#\/.*$/, '#/today'));
    const columns = grid.locator('section.day-column');
    await expect(columns).toHaveCount(4, { timeout: 30_000 });
    const newVet = grid.getByRole('region', { name: VET });
    await expect(newVet).toBeVisible();
    const gridBox = await box(grid);
    expect(gridBox.x + gridBox.width).toBeLessThanOrEqual(1280);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(1280);
    for (const column of await columns.all()) {
      const at = await box(column);
      expect(at.x).toBeGreaterThanOrEqual(gridBox.x);
      expect(at.x + at.width).toBeLessThanOrEqual(gridBox.x + gridBox.width + 0.5);
      expect(at.width).toBeGreaterThanOrEqual(150);
    }

    // A quarter hour with the new vet at 18:30, booked from the free slot.
    const slots = newVet.getByTestId('day-slots');
    const height = (await box(slots)).height;
    await slots.click({
      position: { x: 30, y: ((18 * 60 + 37 - DAY_START_MINUTES) / (TRACK_COUNT * TRACK_MINUTES)) * height },
    });
    const booking = page.getByRole('dialog', { name: 'Book appointment' });
    await booking.getByRole('combobox', { name: 'Patient' }).fill('Wigglesworth');
    await booking.getByRole('option').filter({ hasText: PATIENT }).click();
    await expect(booking.getByLabel('Time')).toHaveValue('18:30');
    await booking.getByRole('button', { name: 'Book', exact: true }).click();
    await expect(booking).toBeHidden();

    const block = newVet.getByTestId('appointment').filter({ hasText: 'Wigglesworth' });
    await expect(block).toBeVisible();
    const owner = `${OWNER_FIRST} ${OWNER_LAST}`;
    await expect(block).toHaveAttribute('aria-label', new RegExp(`${PATIENT} · ${owner}, Scheduled, 15 min`));
    await expect(block).toHaveAttribute('title', new RegExp(`${PATIENT} · ${owner}`));
    // A quarter hour tall; the time whole and inside the block; the names cut with an ellipsis.
    const blockBox = await box(block);
    expect(Math.abs(blockBox.height - (height / TRACK_COUNT) * 3 + 2)).toBeLessThan(2);
    const time = block.locator('.appt-time');
    await expect(time).toHaveText(await clockText(page, 18 * 60 + 30));
    const timeBox = await box(time);
    expect(timeBox.x).toBeGreaterThanOrEqual(blockBox.x);
    expect(timeBox.y).toBeGreaterThanOrEqual(blockBox.y);
    expect(timeBox.x + timeBox.width).toBeLessThanOrEqual(blockBox.x + blockBox.width);
    expect(timeBox.y + timeBox.height).toBeLessThanOrEqual(blockBox.y + blockBox.height);
    expect(await overflows(time)).toBe(false);
    const who = block.locator('.appt-who');
    await expect(who).toHaveCSS('text-overflow', 'ellipsis');
    expect(await overflows(who)).toBe(true);
    await block.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'calendar-day-four-vets-1280');
  });
});
