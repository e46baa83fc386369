import type { Page } from '@playwright/test';

/**
 * A user flow written once against the UI and run both in the desktop app (here) and in a
 * browser over the web bridge. The page is the app's window, already loaded.
 */
export interface SharedFlow {
  name: string;
  run(page: Page): Promise<void>;
}

/**
 * The flows the desktop app runs. The front-desk flow (search an owner, book an appointment,
 * issue a bill) is added here when it is written, e.g. `import { frontDeskFlow } from
 * '../e2e/flows/front-desk.js'`.
 */
export const sharedFlows: readonly SharedFlow[] = [];
