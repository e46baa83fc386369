/**
 * How VetDesk's browser tests and benchmarks start Debian's Chromium: Playwright downloads no
 * browser here. The background-networking flags stop Chromium reaching for hosts this machine
 * cannot reach (its refused connections otherwise pile up at every start).
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
