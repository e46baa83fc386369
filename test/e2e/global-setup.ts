import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATE_ROOT_VARIABLE } from './demo-template.js';

/**
 * Makes the folder where the run's demo template (demo-template.ts) is built on first use, for
 * every worker (Playwright hands the environment set here to them), and removes it after the
 * run. A run whose tests need no demo VetDesk builds nothing. With VETDESK_E2E_TEMPLATE_ROOT
 * already set, that folder is used and kept, so runs in a row share one template while working
 * on the tests (its demo day is the day it was made: start again from a new folder each day).
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[TEMPLATE_ROOT_VARIABLE]) return undefined;
  const root = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-template-'));
  process.env[TEMPLATE_ROOT_VARIABLE] = root;
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
