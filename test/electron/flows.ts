import { frontDeskFlow } from '../e2e/flows/front-desk.js';
import type { SharedFlow } from '../e2e/flows/shared-flow.js';

/**
 * The flows the desktop app runs, each also run in a browser over the web bridge by its own
 * test/e2e file. They need a workstation signed in as a vet (launchDesktopApp's default).
 */
export const sharedFlows: readonly SharedFlow[] = [frontDeskFlow];
