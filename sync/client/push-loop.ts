import type { AppError } from '../../core/errors.js';
import { MAX_PUSH_BATCH, type MutationEnvelope, type MutationResult } from '../../core/sync/protocol.js';
import type { LocalReplica } from '../../db/local/replica.js';
import { backoffDelay, sleep } from './backoff.js';
import { pushBatch, type PushOutcome, type PushTransportOptions } from './push-transport.js';

/**
 * Default retry delays: full jitter up to 5 s. A clinic's server is on its own network and
 * serves a handful of workstations, so once it is back every queued change should be through
 * within seconds; the former 30 s cap left staff looking at "waiting" for half a minute.
 */
export const PUSH_BACKOFF = { baseMs: 250, maxMs: 5_000 } as const;

/** What the push loop reports after each attempt. */
export type PushEvent =
  { kind: 'pushed'; at: Date } | { kind: 'offline'; reason: string } | { kind: 'blocked'; error: AppError };

export interface PushLoopOptions extends PushTransportOptions {
  batchSize?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** How long to wait for a local change before looking at the outbox again anyway. */
  idleMs?: number;
}

/**
 * Pushes the outbox to the server in order, in batches, forever until stopped. Never drops a
 * mutation: a batch is only ever answered by results the replica records, and anything else
 * (network errors, 5xx, timeouts) is retried with exponential backoff and jitter. A request
 * the server refuses as a whole (4xx) is retried one mutation at a time, so the refusal lands
 * on the mutation that caused it as that mutation's rejection. Resumes from the outbox on
 * disk after a restart.
 */
export class PushLoop {
  private abort = new AbortController();
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private killed = false;

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
    return pushBatch(this.options, batch);
  }

  private async handle(outcome: PushOutcome, batch: readonly MutationEnvelope[]): Promise<void> {
    switch (outcome.kind) {
      case 'results':
        this.replica.recordResults(outcome.results);
        this.failures = 0;
        this.onEvent({ kind: 'pushed', at: new Date() });
        return;
      case 'retry':
        this.onEvent({ kind: 'offline', reason: outcome.reason });
        await this.backoff();
        return;
      case 'blocked':
        this.onEvent({ kind: 'blocked', error: outcome.error });
        await this.backoff();
        return;
      case 'refused':
        await this.pushOneByOne(batch, outcome);
        return;
    }
  }

  /** Isolates the mutation a whole-batch refusal was about. */
  private async pushOneByOne(
    batch: readonly MutationEnvelope[],
    refusal: PushOutcome & { kind: 'refused' },
  ): Promise<void> {
    if (batch.length === 1) {
      const only = batch[0]!;
      const rejected: MutationResult = {
        id: only.id,
        status: 'rejected',
        txid: null,
        tables: [],
        error: { code: refusal.error.code, message: refusal.error.message },
      };
      this.replica.recordResults([rejected]);
      return;
    }
    for (const mutation of batch) {
      const outcome = await this.send([mutation]);
      if (outcome.kind !== 'results' && outcome.kind !== 'refused') {
        await this.handle(outcome, [mutation]);
        return;
      }
      await this.handle(outcome, [mutation]);
    }
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
