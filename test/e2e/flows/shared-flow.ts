import type { Page } from '@playwright/test';

/** How one run of a shared flow differs between the browser and the desktop app. */
export interface SharedFlowOptions {
  /** Put before every screenshot name, so that the two runs keep separate pictures. */
  screenshotPrefix?: string;
}

/**
 * A user flow written once against the UI and run both in the desktop app (test/electron) and
 * in a browser over the web bridge (test/e2e). The page is the app's window, already showing
 * the app. A flow drives the UI only: no `window.vetdesk` calls, no bridge or launcher
 * internals, so that it runs the same on both. It throws (an `expect` failure) at the first
 * step that does not show staff what it should.
 */
export interface SharedFlow {
  name: string;
  run(page: Page, options?: SharedFlowOptions): Promise<void>;
}
