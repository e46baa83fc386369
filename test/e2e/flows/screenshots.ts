import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Where end-to-end runs, in the browser or the desktop app, keep screenshots for people. */
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

/** Saves a full-page screenshot of `page` as `<SCREENSHOTS>/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the toasts have faded, so that they cover nothing in the next screenshot. */
export async function toastsGone(page: Page): Promise<void> {
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 30_000 });
}
