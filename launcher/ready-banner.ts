/** What the last lines of `npm start` tell a person. */
export interface ReadyBanner {
  /** The page to open, with its per-launch secret. */
  url: string;
  /** Who works here: signed in as whom, or what the first screen asks for. */
  who: string;
  /** Why the UI is served through the web bridge rather than a desktop window. */
  why: string;
}

/**
 * Prints the UI address set apart from the migration, seeding and sync lines above it: a blank
 * line, why it is a browser page, the `VetDesk UI: <url>` line (tests and scripts match that
 * prefix), then how to stop.
 */
export function printReadyBanner(print: (line: string) => void, banner: ReadyBanner): void {
  print('');
  print(banner.why);
  print(banner.who);
  print('Open this address in Chromium or Chrome:');
  print('');
  print(`    VetDesk UI: ${banner.url}`);
  print('');
  print('Ctrl+C stops everything.');
}
