import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueryResult, Row, SqlExecutor } from '../../../../db/central/connection.js';
import { ChangeSequencer } from '../../../../sync/server/change-sequencer.js';

/** A database whose `sync.sequence_changes()` reports whatever `head` is, counting the calls. */
function fakeLog(): { db: SqlExecutor; calls: () => number; setHead: (seq: number) => void; hold: () => () => void } {
  let head = 0;
  let calls = 0;
  let gate: Promise<void> | undefined;
  const db = {
    query: async <R extends object = Row>(): Promise<QueryResult<R>> => {
      calls++;
      if (gate) await gate;
      return { rows: [{ seq: head } as unknown as R], rowCount: 1 };
    },
    exec: () => Promise.resolve(),
    orm: undefined as never,
  } satisfies SqlExecutor;
  return {
    db,
    calls: () => calls,
    setHead: (seq) => {
      head = seq;
    },
    /** Makes runs wait until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe('ChangeSequencer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing at all while no live reader waits', async () => {
    const log = fakeLog();
    const sequencer = new ChangeSequencer(log.db, { intervalMs: 40 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.calls()).toBe(0);
    await sequencer.close();
  });

  it('sequences every interval while a reader waits, wakes it when the head passes it, then goes idle', async () => {
    const log = fakeLog();
    const sequencer = new ChangeSequencer(log.db, { intervalMs: 40 });
    const woken = sequencer.waitForChange(0, 60_000);
    await vi.advanceTimersByTimeAsync(400);
    expect(log.calls()).toBe(10);
    log.setHead(7);
    await vi.advanceTimersByTimeAsync(40);
    expect(await woken).toBe(true);
    expect(sequencer.lastSeq).toBe(7);
    expect(sequencer.waiting).toBe(0);
    const calls = log.calls();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.calls()).toBe(calls);
    await sequencer.close();
  });

  it('answers a waiter already passed at once, and one that times out or is aborted with false', async () => {
    const log = fakeLog();
    const sequencer = new ChangeSequencer(log.db, { intervalMs: 40 });
    log.setHead(3);
    await sequencer.sequence();
    expect(await sequencer.waitForChange(2, 1_000)).toBe(true);
    const timedOut = sequencer.waitForChange(3, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await timedOut).toBe(false);
    const controller = new AbortController();
    const aborted = sequencer.waitForChange(3, 60_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe(false);
    expect(sequencer.waiting).toBe(0);
    await sequencer.close();
  });

  it('never overlaps runs: callers during a run share the one run that starts after it', async () => {
    const log = fakeLog();
    const sequencer = new ChangeSequencer(log.db);
    const release = log.hold();
    const first = sequencer.sequence();
    log.setHead(5);
    const during = [sequencer.sequence(), sequencer.sequence(), sequencer.sequence()];
    expect(log.calls()).toBe(1);
    release();
    expect(await first).toBe(5);
    expect(await Promise.all(during)).toEqual([5, 5, 5]);
    expect(log.calls()).toBe(2);
    await sequencer.close();
  });

  it('releases every waiter when stopped and accepts no new wait, while still sequencing on demand', async () => {
    const log = fakeLog();
    const sequencer = new ChangeSequencer(log.db, { intervalMs: 40 });
    const waiting = [sequencer.waitForChange(0, 60_000), sequencer.waitForChange(0, 60_000)];
    sequencer.stop();
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(await sequencer.waitForChange(0, 60_000)).toBe(false);
    const calls = log.calls();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.calls()).toBe(calls);
    log.setHead(2);
    expect(await sequencer.sequence()).toBe(2);
    await sequencer.close();
  });
});
