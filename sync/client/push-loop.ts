import { ErrorCode, type AppError, type WireError } from '../../core/errors.js';
import { MAX_PUSH_BATCH, type MutationEnvelope, type MutationResult } from '../../core/sync/protocol.js';
import type { LocalReplica } from '../../db/local/replica.js';
import { backoffDelay, sleep } from './backoff.js';
import { pushBatch, type PushOutcome, type PushTransportOptions } from './push-transport.js';
import { fetchRestoreEpoch } from './server-epoch.js';

/**
 * Default retry delays: full jitter up to 5 s. A clinic's server is on its own network and
 * serves a handful of workstations, so once it is back every queued change should be through
 * within seconds; the former 30 s cap left staff looking at "waiting" for half a minute.
 */
export const PUSH_BACKOFF = { baseMs: 250, maxMs: 5_000 } as const;

/** What the push loop reports after each attempt. */
export type PushEvent =
  { kind: 'pushed'; at: Date } | { kind: 'offline'; reason: string } | { kind: 'blocked'; error: AppError };

export interface PushLoopOptions extends Omit<PushTransportOptions, 'epoch'> {
  batchSize?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** How long to wait for a local change before looking at the outbox again anyway. */
  idleMs?: number;
  /**
   * How many times a mutation pushed alone may get a 500 before it is set aside as rejected
   * (see `PushLoop`); `QUARANTINE_AFTER` when absent.
   */
  quarantineAfter?: number;
}

/** Default number of lone 500 answers before a mutation is quarantined. */
export const QUARANTINE_AFTER = 5;

/** The reason a quarantined mutation shows in the inbox. */
export const QUARANTINE_MESSAGE = 'The server kept failing on this change';

type RetryOutcome = PushOutcome & { kind: 'retry' };

/**
 * A 500 is the server's own failure on what it was sent (its code is not retryable: a database
 * outage answers 503, a proxy with the server down 502/504); only those can be a poisoned
 * mutation. Network failures, timeouts, 503 and 429 say nothing about the mutation.
 */
function isServerFault(outcome: RetryOutcome): boolean {
  return outcome.status === 500;
}

/**
 * Pushes the outbox to the server in order, in batches, forever until stopped. Never drops a
 * mutation: a batch is only ever answered by results the replica records, and anything else
 * (network errors, 5xx, timeouts) is retried with exponential backoff and jitter. A request
 * the server refuses as a whole (4xx) is retried one mutation at a time, so the refusal lands
 * on the mutation that caused it as that mutation's rejection. A batch the server fails on
 * with a 500 is likewise resent one by one; a mutation that, pushed alone, still gets a 500
 * `quarantineAfter` times in a row is recorded as rejected (QUARANTINE_MESSAGE, so it waits in
 * the inbox for Retry/Edit/Discard) and the queue moves on. Network failures, timeouts and
 * other 5xx never count: offline, nothing is ever set aside. The count lives in memory, so a
 * restart grants a poisoned mutation another round of tries, which is harmless. Resumes from
 * the outbox on disk after a restart.
 *
 * Every push names the server epoch last synced with; a server restored from a backup since
 * answers SERVER_RESTORED and the loop marks what the restored ledger may lack for replay
 * (db/local/outbox-replay.ts) before pushing again, replays first. `checkEpoch` does the same
 * when a shape answer named a new epoch, so a workstation with nothing pending replays too.
 */
export class PushLoop {
  private abort = new AbortController();
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private killed = false;
  /** A shape answer named a new epoch: ask the server what it is before the next push. */
  private epochCheckDue = false;
  /** Lone 500 answers per mutation id, towards quarantine. */
  private readonly serverFaults = new Map<string, number>();

  constructor(
    private readonly replica: LocalReplica,
    private readonly options: PushLoopOptions,
    private readonly onEvent: (event: PushEvent) => void,
  ) {}

  /** Starts the loop (again, after a stop); does nothing while it runs. */
  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.run();
  }

  /** Looks at the outbox now (call after a local change). */
  kick(): void {
    this.wake?.();
  }

  /**
   * A server answer named an epoch other than the stored one (the server was restored): learn the
   * restore's facts (`GET /v1/sync/epoch`) and mark the replay before pushing anything else.
   */
  checkEpoch(): void {
    this.epochCheckDue = true;
    this.wake?.();
  }

  /**
   * Stops at once and forgets the request in flight, as a crash would: its answer is never
   * recorded, so the outbox still holds those mutations when the workstation restarts.
   */
  kill(): void {
    this.killed = true;
    this.abort.abort();
    this.wake?.();
  }

  /** Stops after the request in flight, if any, has been answered and recorded. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async run(): Promise<void> {
    // A function, not a narrowed property: the flag changes while we await.
    const stopped = () => this.abort.signal.aborted;
    while (!stopped()) {
      if (this.epochCheckDue) await this.learnEpoch();
      if (stopped()) return;
      const batch = this.replica.pendingBatch(this.options.batchSize ?? MAX_PUSH_BATCH);
      if (batch.length === 0) {
        await this.idle();
        continue;
      }
      const outcome = await this.send(batch);
      if (this.killed) return;
      if (stopped() && outcome.kind !== 'results') return;
      await this.handle(outcome, batch);
    }
  }

  private async send(batch: readonly MutationEnvelope[]): Promise<PushOutcome> {
    this.replica.markAttempt(batch.map((mutation) => mutation.id));
    return pushBatch({ ...this.options, epoch: () => this.replica.serverEpoch() }, batch);
  }

  /** Asks the server for its epoch after a shape answer named a new one; begins the replay. */
  private async learnEpoch(): Promise<void> {
    const restore = await fetchRestoreEpoch(this.options.serverUrl, this.options.authorization(), this.options.fetch);
    if (this.killed || restore === null || !this.replica.isOpen) return;
    this.epochCheckDue = false;
    this.replica.beginReplay(restore);
  }

  /** Acts on an outcome; true when every mutation of `batch` got a final answer. */
  private async handle(outcome: PushOutcome, batch: readonly MutationEnvelope[]): Promise<boolean> {
    switch (outcome.kind) {
      case 'results':
        if (outcome.epoch !== undefined && this.replica.sightEpoch(outcome.epoch) === 'changed') {
          this.epochCheckDue = true;
        }
        this.replica.recordResults(outcome.results);
        for (const mutation of batch) this.serverFaults.delete(mutation.id);
        this.failures = 0;
        this.onEvent({ kind: 'pushed', at: new Date() });
        return true;
      case 'retry':
        if (isServerFault(outcome)) return this.isolate(batch, outcome);
        this.onEvent({ kind: 'offline', reason: outcome.reason });
        await this.backoff();
        return false;
      case 'blocked':
        this.onEvent({ kind: 'blocked', error: outcome.error });
        await this.backoff();
        return false;
      case 'refused':
        return this.isolate(batch, outcome);
      case 'restored': {
        // Nothing was applied. The next batch starts with the replay; an answer naming the epoch
        // already stored would loop, so that one waits like any failure.
        const stale = this.replica.serverEpoch() === outcome.restore.epoch;
        this.replica.beginReplay(outcome.restore);
        if (stale) await this.backoff();
        return false;
      }
    }
  }

  /**
   * Isolates the mutation a whole-batch refusal or server failure was about: a lone mutation
   * takes the refusal as its rejection (or, for a 500, a step towards quarantine); a larger
   * batch is resent one by one, in order, stopping at the first that gets no final answer.
   */
  private async isolate(
    batch: readonly MutationEnvelope[],
    failure: (PushOutcome & { kind: 'refused' }) | RetryOutcome,
  ): Promise<boolean> {
    if (batch.length === 1) {
      const only = batch[0]!;
      if (failure.kind === 'refused') {
        this.reject(only, { code: failure.error.code, message: failure.error.message });
        return true;
      }
      const faults = (this.serverFaults.get(only.id) ?? 0) + 1;
      if (faults >= (this.options.quarantineAfter ?? QUARANTINE_AFTER)) {
        this.serverFaults.delete(only.id);
        this.reject(only, {
          code: ErrorCode.Internal,
          message: QUARANTINE_MESSAGE,
          details: { quarantined: true, serverAnswers: faults, serverMessage: failure.error.message },
        });
        return true;
      }
      this.serverFaults.set(only.id, faults);
      this.onEvent({ kind: 'offline', reason: failure.reason });
      await this.backoff();
      return false;
    }
    for (const mutation of batch) {
      if (this.abort.signal.aborted) return false;
      const outcome = await this.send([mutation]);
      if (this.killed) return false;
      if (!(await this.handle(outcome, [mutation]))) return false;
    }
    return true;
  }

  private reject(mutation: MutationEnvelope, error: WireError): void {
    const rejected: MutationResult = { id: mutation.id, status: 'rejected', txid: null, tables: [], error };
    this.replica.recordResults([rejected]);
  }

  private async backoff(): Promise<void> {
    const delay = backoffDelay(this.failures++, this.options.backoff ?? PUSH_BACKOFF);
    await sleep(Math.max(delay, 50), this.abort.signal);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.idleMs ?? 5_000);
      const unsubscribe = this.replica.onChange(done);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }
}
