import { expect, screenshot, test } from './fixtures.js';

test('a page opened with the key of an earlier launch says the link is out of date, and the new link works', async ({
  page,
  vetdesk,
}) => {
  const status = page.getByTestId('sync-status');
  await page.goto(`${vetdesk.origin}/#secret=${'x'.repeat(43)}`);
  await expect(status).toHaveAttribute('data-connection', 'backend-unreachable');
  await expect(status.locator('.sync-connection')).toHaveText('Link out of date');
  await expect(status).toContainText('open VetDesk again from the link');
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'stale-link');

  // The link `npm start` printed this time replaces the stale key, in the same tab.
  await page.goto(vetdesk.url);
  await page.reload();
  await expect(status).toHaveAttribute('data-connection', 'online');
});
