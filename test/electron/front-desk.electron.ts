import { expect, test } from '@playwright/test';
import { type DesktopApp, launchDesktopApp } from './desktop-app.js';
import { sharedFlows } from './flows.js';

// Needs the Electron binary: run with `npm run test:electron`, never part of `npm test`.

let running: DesktopApp | undefined;

test.beforeEach(async () => {
  running = await launchDesktopApp();
});
test.afterEach(async () => {
  // Unset when start-up failed: launchDesktopApp has cleaned up after itself then.
  await running?.close();
  running = undefined;
});

/** The app the current test started (its beforeEach threw otherwise, so the test never runs). */
function desktopApp(): DesktopApp {
  if (!running) throw new Error('the desktop app did not start');
  return running;
}

test('the window exposes only a frame relay as window.vetdeskPort and no Node to the page', async () => {
  const { page } = desktopApp();
  const seen = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const relay = scope['vetdeskPort'] as Record<string, unknown>;
    return {
      relayKeys: Object.keys(relay).sort(),
      relayTypes: Object.values(relay).map((value) => typeof value),
      vetdesk: typeof scope['vetdesk'],
      require: typeof scope['require'],
      process: typeof scope['process'],
      module: typeof scope['module'],
    };
  });
  expect(seen.relayKeys).toEqual(['close', 'connect', 'onFrame', 'send']);
  expect(seen.relayTypes).toEqual(['function', 'function', 'function', 'function']);
  expect(seen).toMatchObject({ vetdesk: 'undefined', require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('the page reaches the backend through the relay: the header shows the workstation’s sync status', async () => {
  const status = desktopApp().page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-connection', 'online');
  await expect(status.locator('.sync-meta')).toContainText('All saved');
});

for (const flow of sharedFlows) {
  test(flow.name, async () => {
    // A whole working day in one test, waiting on real syncs: longer than the config's default.
    test.setTimeout(300_000);
    await flow.run(desktopApp().page, { screenshotPrefix: 'desktop-' });
  });
}
