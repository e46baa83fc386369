import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import {
  PROTOCOL_HEADER,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type PushResponse,
} from '../../../core/sync/protocol.js';
import { EPOCH_HEADER } from '../../../core/sync/restore-epoch.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { applyBatch } from '../../../sync/server/apply-batch.js';
import { readRestoreEpoch } from '../../../sync/server/shape-epoch.js';
import type { ClockBounds } from '../../../sync/server/server-time.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';
import type { PushMetrics } from '../sync-metrics.js';

export interface MutationRoutesOptions {
  db: CentralDb;
  auth: DeviceAuthenticator;
  /** Bounds on the instants a push writes (sync/server/server-time.ts); the defaults when absent. */
  clock?: ClockBounds;
  /** Where pushes are counted and timed (server/http/sync-metrics.ts); nowhere when absent. */
  metrics?: PushMetrics;
  /** How long the ledger keeps a mutation (its retention schedule), if it is pruned at all. */
  ledgerRetainMs?: number | undefined;
}

/** A push of 100 mutations with long clinical notes can exceed fastify's 1 MiB default. */
const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * @throws AppError PROTOCOL_MISMATCH (426) when the header or the body names another version:
 *   the workstation must update rather than be misunderstood.
 */
function checkProtocol(request: FastifyRequest): void {
  const header = request.headers[PROTOCOL_HEADER];
  const body = request.body as { protocolVersion?: unknown } | null | undefined;
  const bodyVersion = typeof body === 'object' && body !== null ? body.protocolVersion : undefined;
  if (
    header !== String(SYNC_PROTOCOL_VERSION) ||
    (bodyVersion !== undefined && bodyVersion !== SYNC_PROTOCOL_VERSION)
  ) {
    throw new AppError(
      ErrorCode.ProtocolMismatch,
      `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION}; update the workstation`,
      { serverVersion: SYNC_PROTOCOL_VERSION, header: header ?? null },
    );
  }
}

/**
 * `POST /v1/mutations`: a device's ordered batch of mutations (core/sync/protocol.ts). Answers
 * 200 with one result per mutation, in request order, whatever each result; 400 for a malformed
 * body, 401 for missing or revoked device credentials, 426 for another protocol version, 409
 * SERVER_RESTORED (nothing applied; details: the current epoch and how far back the ledger
 * reaches) when the request's EPOCH_HEADER names an epoch other than the database's, i.e. the
 * database was restored since the workstation last synced; 5xx only for the server's own
 * failures, after which the workstation retries the whole batch (safe: mutations are idempotent
 * by id). Every answer past authentication names the current epoch in EPOCH_HEADER.
 */
export const mutationRoutes: FastifyPluginAsync<MutationRoutesOptions> = (
  app,
  { db, auth, clock, metrics, ledgerRetainMs },
) => {
  app.post('/v1/mutations', { bodyLimit: BODY_LIMIT }, async (request, reply): Promise<PushResponse> => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      checkProtocol(request);
      const device = await auth.authenticate(request);
      const current = await readRestoreEpoch(db, ledgerRetainMs);
      void reply.header(EPOCH_HEADER, current.epoch);
      const known = request.headers[EPOCH_HEADER];
      if (known !== undefined && known !== current.epoch) {
        throw new AppError(
          ErrorCode.ServerRestored,
          'The central database was restored from a backup; resend what was settled since',
          current,
        );
      }
      const parsed = pushRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        throw validationError(parsed.error, 'Malformed push request');
      }
      const results = await applyBatch(db, device, parsed.data.mutations, clock);
      metrics?.observePush(parsed.data.mutations, results, seconds());
      return { results };
    } catch (error) {
      metrics?.observeFailedPush(seconds());
      throw error;
    }
  });
  return Promise.resolve();
};
