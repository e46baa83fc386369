import { newId } from '../../core/ids.js';
import { pushRequestSchema, type MutationEnvelope, type MutationResult } from '../../core/sync/protocol.js';
import type { LocalReplica } from '../../db/local/replica.js';

/** One request the fake network saw: the batch's mutation ids, in order, and when. */
export interface SeenRequest {
  ids: string[];
  at: number;
}

/** What the fake server does with one request: a Response, or a thrown network failure. */
export type Answer = (batch: readonly MutationEnvelope[], signal: AbortSignal | undefined) => Promise<Response>;

/**
 * A `fetch` at the network edge of the push transport: it parses each request as the real
 * server would and lets `answer` reply. Everything behind it (transport, loop, replica) is real.
 */
export function fakeNetwork(answer: Answer): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fakeFetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = pushRequestSchema.parse(JSON.parse(typeof init?.body === 'string' ? init.body : 'null'));
    seen.push({ ids: request.mutations.map((mutation) => mutation.id), at: Date.now() });
    return answer(request.mutations, init?.signal ?? undefined);
  };
  return { fetch: fakeFetch, seen };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A 200 answering every mutation of the batch as applied. */
export function appliedAll(batch: readonly MutationEnvelope[]): Response {
  const results: MutationResult[] = batch.map((mutation, index) => ({
    id: mutation.id,
    status: 'applied',
    txid: String(1000 + index),
    tables: ['owners'],
  }));
  return json(200, { results });
}

/** A request that never answers until its signal aborts (the transport's timeout). */
export function hang(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });
}

/** Polls `condition` every 10 ms until it holds; fails after `ms`. */
export async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Three owners created offline by `staffId`: one batch of three pending mutations, in order. */
export function queueThreeOwners(replica: LocalReplica, staffId: string): string[] {
  return ['Ada', 'Bea', 'Cy'].map(
    (first_name) =>
      replica.runMutation(
        'owner.create',
        {
          id: newId(),
          first_name,
          last_name: 'Test',
          email: null,
          phone: null,
          address: null,
          city: null,
          postcode: null,
          notes: null,
        },
        { id: staffId, role: 'front_desk' },
      ).id,
  );
}
