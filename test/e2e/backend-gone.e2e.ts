import { clusterTest, expectConnection, openUi } from './cluster-fixtures.js';
import { expect, screenshot } from './fixtures.js';

const test = clusterTest({ workstations: ['front_desk'] });

/** How soon the page must say its workstation is gone: the heartbeat's 4 s, plus a margin. */
const NOTICE_MS = 6_000;

test('when the workstation backend hangs or dies, the page says so within seconds and search fails fast', async ({
  page,
  cluster,
}) => {
  const [frontDesk] = cluster.workstations;
  if (!frontDesk) throw new Error('no workstation');
  const backend = frontDesk.vetdesk.child;
  const status = page.getByTestId('sync-status');
  await openUi(page, frontDesk);
  await expectConnection(page, 'online');

  // Hung: the process is there and its socket open, but nothing answers (only the heartbeat can tell).
  let started = Date.now();
  backend.kill('SIGSTOP');
  try {
    await expect(status).toHaveAttribute('data-connection', 'backend-unreachable', { timeout: NOTICE_MS });
    test.info().annotations.push({ type: 'hung backend noticed after', description: `${Date.now() - started} ms` });
    await expect(status.locator('.sync-connection')).toHaveText('Workstation unreachable');

    // A search typed now fails at once with a sentence, instead of spinning.
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search owners and patients' });
    await expect(search).toBeFocused();
    started = Date.now();
    await search.fill('a');
    const error = page.getByRole('alert').filter({ hasText: 'workstation backend' });
    await expect(error).toBeVisible({ timeout: 4_000 });
    test.info().annotations.push({ type: 'search failed after', description: `${Date.now() - started} ms` });
    // For people to look at: the header and the search's sentence, at a small and a large screen, light and dark.
    for (const [width, height, scheme] of [
      [1280, 720, 'light'],
      [1920, 1080, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `backend-unreachable-${width}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  } finally {
    backend.kill('SIGCONT');
  }

  // Back: the page reconnects by itself and the search answers.
  await expectConnection(page, 'online', 15_000);
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Dead: the socket closes, which the page notices at once.
  started = Date.now();
  backend.kill('SIGKILL');
  await expect(status).toHaveAttribute('data-connection', 'backend-unreachable', { timeout: NOTICE_MS });
  test.info().annotations.push({ type: 'killed backend noticed after', description: `${Date.now() - started} ms` });
  await expect(status).toContainText('Workstation unreachable');
});
