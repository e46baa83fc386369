import type { Page } from '@playwright/test';
import {
  launchCluster,
  type ClusterWorkstation,
  type LaunchClusterOptions,
  type VetdeskCluster,
} from '../helpers/launch-cluster.js';
import { expect, signIn, test } from './fixtures.js';

/**
 * A test with its own practice in separate processes (`launchCluster`): a central server over
 * a fresh PostgreSQL database (a copy of the worker's seeded template) and the workstations
 * asked for, all removed afterwards, pass or fail.
 */
export function clusterTest(options: Pick<LaunchClusterOptions, 'workstations'>) {
  return test.extend<{ cluster: VetdeskCluster }>({
    cluster: async ({ clusterTemplate }, use) => {
      const cluster = await launchCluster({ ...options, template: clusterTemplate });
      try {
        await use(cluster);
      } finally {
        await cluster.close();
      }
    },
  });
}

/** How long a workstation may take to notice the server is back (backoff caps are 5 s). */
export const RECONNECT_MS = 30_000;

/**
 * Opens the workstation's UI, signs its person in on the sign-in screen (online, or offline
 * when the server is down and they signed in there before) and waits for the first screen.
 */
export async function openUi(page: Page, workstation: ClusterWorkstation): Promise<void> {
  await page.goto(workstation.vetdesk.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, workstation.staff.username, workstation.staff.password);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
}

/** Goes to a hash route (`#/owner/<id>`) in the open UI, as a link would. */
export async function openRoute(page: Page, hash: string): Promise<void> {
  // A string, as the test project's types have no DOM (`window`) to check a function against.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Waits until the status element on every screen shows `connection`. */
export async function expectConnection(
  page: Page,
  connection: 'online' | 'offline',
  timeout = RECONNECT_MS,
): Promise<void> {
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-connection', connection, { timeout });
  await expect(status.locator('.sync-connection')).toHaveText(connection === 'online' ? 'Online' : 'Offline');
}

/** The number of changes waiting to be sent, as the status element shows it ("3 waiting", "All saved"). */
export async function pendingShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('sync-status').locator('.sync-meta').textContent()) ?? '';
  const waiting = /(\d+) waiting/.exec(text);
  if (waiting) return Number(waiting[1]);
  if (/All saved/.test(text)) return 0;
  throw new Error(`the sync status shows no pending count: "${text}"`);
}

/** Waits until the status element shows more changes waiting than `before`; returns the new count. */
export async function expectMorePending(page: Page, before: number): Promise<number> {
  await expect.poll(() => pendingShown(page)).toBeGreaterThan(before);
  return pendingShown(page);
}

/** A day far enough ahead that the demo practice has no appointments on it (no overlaps). */
export function emptyDay(daysAhead = 400): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}
