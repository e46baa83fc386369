import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

/** Saves the page at 1280x720 and 1920x1080, light and dark, as `<name>-<width>[-dark]`. */
async function screenshotsAtSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Opens the Admin area and one of its sections from the navigation, as an admin would. */
async function openAdminSection(page: Page, section: 'Updates' | 'Restore gaps'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: section }).click();
}

test.describe('with releases published on the server', () => {
  test.use({
    vetdeskRole: 'admin',
    vetdeskCentral: {
      releases: [
        { channel: 'stable', version: '1.0.0', notes: 'First release of the practice.' },
        { channel: 'stable', version: '1.1.0', notes: 'Faster search.\nBills print the clinic’s payment terms.' },
        { channel: 'beta', version: '1.2.0-beta.1', notes: 'Week view for vets.', rolloutPercent: 20 },
      ],
    },
  });

  test('an admin stages a rollout, holds and resumes a channel, and rolls back after confirming', async ({
    page,
    vetdesk,
  }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await openAdminSection(page, 'Updates');

    const stable = page.getByTestId('channel-stable');
    const beta = page.getByTestId('channel-beta');
    await expect(stable.getByTestId('channel-current')).toHaveText('1.1.0');
    await expect(stable.getByTestId('channel-previous')).toHaveText('1.0.0');
    await expect(stable.getByTestId('channel-rollout')).toHaveText('100% of devices');
    await expect(beta.getByTestId('channel-current')).toHaveText('1.2.0-beta.1');
    await expect(beta.getByTestId('channel-rollout')).toHaveText('20% of devices');
    // Every release, newest first, with what it is on its channel.
    const rows = page.getByTestId('release-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('1.2.0-beta.1');
    await expect(rows.nth(1)).toContainText(/1\.1\.0\s*Current/);
    await expect(rows.nth(1)).toContainText('Bills print the clinic’s payment terms.');
    await expect(rows.nth(2)).toContainText(/1\.0\.0\s*Previous/);
    await expect(rows.nth(2)).toContainText('practice-admin (server command)');
    await screenshotsAtSizes(page, 'admin-updates');

    // Rollout from the keyboard: type, Enter saves.
    const rollout = stable.getByLabel('Rollout, % of devices');
    await rollout.fill('150');
    await rollout.press('Enter');
    await expect(stable.getByText('Give a whole percent from 0 to 100.')).toBeVisible();
    await rollout.fill('25');
    await rollout.press('Enter');
    await expect(stable.getByTestId('channel-rollout')).toHaveText('25% of devices');

    // Hold: the server refuses a rollout change, and the form says why.
    await stable.getByRole('button', { name: 'Hold Stable' }).click();
    await expect(stable.getByText('Held', { exact: true })).toBeVisible();
    await stable.getByLabel('Rollout, % of devices').fill('50');
    await stable.getByRole('button', { name: 'Save Stable rollout' }).click();
    await expect(stable.getByText('Stable is held: resume it before changing the rollout.')).toBeVisible();
    await expect(stable.getByTestId('channel-rollout')).toHaveText('25% of devices');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'admin-updates-held-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await stable.getByRole('button', { name: 'Resume Stable' }).click();
    await expect(stable.getByText('Serving', { exact: true })).toBeVisible();

    // Roll back: choose the release, then confirm; the safe choice has the focus.
    await stable.getByLabel('Roll back to').selectOption('1.0.0');
    await stable.getByRole('button', { name: 'Roll back…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll stable back to 1.0.0?' });
    await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await screenshot(page, 'admin-updates-rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
    await expect(dialog).toBeHidden();
    await expect(stable.getByTestId('channel-current')).toHaveText('1.0.0');
    await expect(stable.getByTestId('channel-previous')).toHaveText('—');

    // Nothing was lost by a restore here.
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Restore gaps' }).click();
    await expect(page.getByText('Nothing is missing since the last restore.')).toBeVisible();
    await screenshot(page, 'admin-restore-gaps-empty');
  });
});

test.describe('after a restore that could not bring everything back', () => {
  test.use({
    vetdeskRole: 'admin',
    vetdeskCentral: {
      restoreGaps: [
        {
          name: 'owner.create',
          args: { id: '0193a9f4-4c1e-7000-8000-000000000001', first_name: 'Maud', last_name: 'Lindqvist' },
          receivedAt: '2026-11-30T09:12:00.000Z',
        },
        {
          name: 'appointment.cancel',
          args: { id: '0193a9f4-4c1e-7000-8000-000000000002', reason: 'Owner called' },
          receivedAt: '2026-11-30T10:40:00.000Z',
        },
      ],
    },
  });

  test('an admin reads what the restore lost, and that no release is published yet', async ({ page, vetdesk }) => {
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await openAdminSection(page, 'Updates');
    await expect(page.getByText('No release published yet')).toBeVisible();
    await expect(page.getByText('npm run publish-update -- <folder> --channel stable')).toBeVisible();
    await expect(page.getByTestId('channel-stable').getByText('Nothing published')).toBeVisible();
    await screenshot(page, 'admin-updates-empty');

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Restore gaps' }).click();
    const gaps = page.getByTestId('restore-gap');
    await expect(gaps).toHaveCount(2);
    await expect(gaps.nth(0)).toContainText('New owner');
    await expect(gaps.nth(0)).toContainText('Demo workstation');
    await expect(gaps.nth(1)).toContainText('Appointment cancellation');
    // The person is named from the workstation's staff list, not by id.
    await expect(gaps.nth(0).locator('td').nth(1)).not.toHaveText(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await gaps.nth(0).getByText('What was sent').click();
    await expect(gaps.nth(0)).toContainText('Lindqvist');
    await screenshotsAtSizes(page, 'admin-restore-gaps');
  });
});
