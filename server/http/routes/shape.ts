import { EPOCH_HEADER } from '../../../core/sync/restore-epoch.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CentralDb } from '../../../db/central/connection.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';
import { ChangeSequencer } from '../../../sync/server/change-sequencer.js';
import { readShapeChunk, type ShapeReadResult } from '../../../sync/server/shape-log.js';
import { MUST_REFETCH, ShapeHeader } from '../../../sync/server/shape-messages.js';
import { ShapeSchemaCatalog } from '../../../sync/server/shape-schema.js';
import { DEFAULT_LIVE_SHAPES_PER_DEVICE } from '../limits/limits-config.js';
import { LiveShapeCap } from '../limits/live-shape-cap.js';
import type { ShapeMetrics } from '../sync-metrics.js';
import { LiveCursor } from './shape-cursor.js';
import { parseShapeQuery, type ShapeQuery } from './shape-query.js';

/** Tuning of the shape endpoint. */
export interface ShapeRouteOptions {
  /** How long a live request waits for a change before answering up-to-date (default 20 s). */
  longPollTimeoutMs?: number;
  /** Most rows in one response (default 1000). */
  chunkSize?: number;
  /** How often changes are sequenced while live requests wait (default 40 ms). */
  sequencerIntervalMs?: number;
  /** Live (long-poll) requests one device may hold open at once; more answer 429 (default: see limits-config). */
  liveShapesPerDevice?: number;
}

export interface ShapeRoutePluginOptions extends ShapeRouteOptions {
  db: CentralDb;
  /** Shapes carry the practice's data: only enrolled workstations read them. */
  auth: DeviceAuthenticator;
  /** Where shape requests are timed and live ones counted (server/http/sync-metrics.ts); nowhere when absent. */
  metrics?: ShapeMetrics;
}

const DEFAULTS = { longPollTimeoutMs: 20_000, chunkSize: 5000 } as const;

/** Longest a non-live read waits for changes it saw committed but not yet sequenced. */
const PENDING_WAIT_MS = 1_000;

/**
 * `GET /v1/shape`: every replicated table as an ElectricSQL shape log (docs/sync-read-path.md),
 * read by the official `@electric-sql/client`. 200 with messages, 409 with a new handle and
 * `must-refetch` when the client's handle or offset can no longer be served, 400 in the
 * `{ code, message, details }` shape for a request it does not understand, 401 without valid
 * device credentials. Owns the change sequencer: stopped, and waiting live requests answered,
 * when the server closes.
 */
export const shapeRoutes: FastifyPluginAsync<ShapeRoutePluginOptions> = (app, options) => {
  const { db, auth } = options;
  const longPollTimeoutMs = options.longPollTimeoutMs ?? DEFAULTS.longPollTimeoutMs;
  const chunkSize = options.chunkSize ?? DEFAULTS.chunkSize;
  const sequencer = new ChangeSequencer(db, {
    ...(options.sequencerIntervalMs === undefined ? {} : { intervalMs: options.sequencerIntervalMs }),
    onError: (error) => {
      app.log.warn({ err: error }, 'sequencing the change log failed');
    },
  });
  const catalog = new ShapeSchemaCatalog(db);
  const cursors = new LiveCursor();
  const liveCap = new LiveShapeCap(options.liveShapesPerDevice ?? DEFAULT_LIVE_SHAPES_PER_DEVICE);
  let closing = false;

  // Before the HTTP server waits for requests in flight: a long poll answers at once.
  app.addHook('preClose', (done) => {
    closing = true;
    sequencer.stop();
    done();
  });
  app.addHook('onClose', async () => {
    await sequencer.close();
  });

  app.get('/v1/shape', async (request, reply) => {
    const { deviceId } = await auth.authenticate(request);
    const query = parseShapeQuery(request.query);
    const schema = await catalog.schemaFor(query.table);
    const gone = new AbortController();
    reply.raw.once('close', () => {
      gone.abort();
    });
    const release = query.live ? liveCap.acquire(deviceId) : undefined;
    const started = performance.now();
    if (release) options.metrics?.liveClients(1);
    let result: ShapeReadResult;
    try {
      result = await serve(query, gone.signal);
    } finally {
      if (release) options.metrics?.liveClients(-1);
      release?.();
    }
    options.metrics?.observeShape(query.table.key, query.live, (performance.now() - started) / 1000);
    // A long poll may have waited many seconds: a device revoked meanwhile gets its refusal,
    // not the changes that ended the wait.
    if (query.live) await auth.authenticate(request);
    reply.header('cache-control', 'no-store');
    // A keep-alive socket that goes idle after close() began would hold the server open for the
    // whole keep-alive timeout; the client simply reconnects (to the next server) anyway.
    if (closing) reply.header('connection', 'close');
    reply.header(ShapeHeader.handle, result.handle);
    reply.header(EPOCH_HEADER, result.epoch);
    reply.header(ShapeHeader.cursor, cursors.next(query.cursor));
    if (result.kind === 'must-refetch') {
      request.log.info({ table: query.table.key, reason: result.reason }, 'shape must be refetched');
      return sendJson(reply.status(409), [MUST_REFETCH]);
    }
    reply.header(ShapeHeader.offset, result.offset);
    reply.header(ShapeHeader.schema, JSON.stringify(schema));
    if (result.upToDate) reply.header(ShapeHeader.upToDate, 'true');
    return sendJson(reply.status(200), result.messages);
  });

  /**
   * One read, after sequencing what is committed. With nothing to send yet, a live request waits
   * for the sequencer to pass the head it saw, then reads again, until the long-poll timeout. A
   * read held back only by changes still waiting for their seq (no up-to-date possible) waits
   * the same way, live or not, rather than answering at once and having the client spin.
   */
  async function serve(query: ShapeQuery, gone: AbortSignal): Promise<ShapeReadResult> {
    const started = Date.now();
    const live = query.live && query.position.kind === 'log';
    const request = { table: query.table, position: query.position, handle: query.handle, chunkSize, live };
    for (;;) {
      await sequencer.sequence();
      const result = await readShapeChunk(db, request);
      if (result.kind === 'must-refetch' || result.changes > 0 || (result.upToDate && !live)) return result;
      const remaining = started + (live ? longPollTimeoutMs : PENDING_WAIT_MS) - Date.now();
      if (closing || gone.aborted || remaining <= 0) return result;
      await sequencer.waitForChange(result.headSeq, remaining, gone);
    }
  }

  return Promise.resolve();
};

function sendJson(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}
