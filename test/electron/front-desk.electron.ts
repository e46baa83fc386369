import { expect, test } from '@playwright/test';
import { API } from '../../core/api/contract.js';
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

test('the window exposes exactly the contract as window.vetdesk and no Node to the page', async () => {
  const { page } = desktopApp();
  const seen = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return {
      vetdeskKeys: Object.keys(scope['vetdesk'] as object).sort(),
      require: typeof scope['require'],
      process: typeof scope['process'],
      module: typeof scope['module'],
    };
  });
  expect(seen.vetdeskKeys).toEqual([...Object.keys(API), 'on'].sort());
  expect(seen).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('the page reaches the backend through window.vetdesk', async () => {
  const status = await desktopApp().page.evaluate(async () => {
    const vetdesk = (globalThis as unknown as { vetdesk: { 'sync.status': (input: object) => Promise<unknown> } })
      .vetdesk;
    return vetdesk['sync.status']({});
  });
  expect(status).toMatchObject({ pending: 0, rejected: 0 });
});

for (const flow of sharedFlows) {
  test(flow.name, async () => {
    // A whole working day in one test, waiting on real syncs: longer than the config's default.
    test.setTimeout(300_000);
    await flow.run(desktopApp().page, { screenshotPrefix: 'desktop-' });
  });
}
