import type { SyncEngine } from '../sync/client/sync-engine.js';

/**
 * Prints initial-sync progress in 10 % steps, then one line when the replica is up to date
 * (`VetDesk workstation: up to date (N rows)`: tests wait for that line). A replica that was
 * already up to date when the workstation opened prints it at once, even with the central
 * server unreachable: its data is there to work with.
 */
export function reportSync(sync: SyncEngine, print: (line: string) => void): void {
  let lastTenth = -1;
  let done = false;
  const check = () => {
    const { initialSync } = sync.status();
    if (done) return;
    if (initialSync.done && initialSync.rowsExpected !== null) {
      done = true;
      print(`VetDesk workstation: up to date (${initialSync.rowsReceived} rows)`);
      return;
    }
    if (initialSync.rowsExpected) {
      const tenth = Math.floor((10 * initialSync.rowsReceived) / initialSync.rowsExpected);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        print(
          `VetDesk workstation: initial sync ${tenth * 10}% (${initialSync.rowsReceived}/${initialSync.rowsExpected} rows)`,
        );
      }
    }
  };
  sync.onStatus(check);
  check();
}

/**
 * Resolves once the first sync is done (at once when it already was), or after `maxMs`,
 * whichever comes first: a workstation whose server does not answer still starts.
 */
export function firstSyncSettled(sync: SyncEngine, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => undefined;
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    const check = () => {
      if (sync.status().initialSync.done) done();
    };
    unsubscribe = sync.onStatus(check);
    check();
  });
}
