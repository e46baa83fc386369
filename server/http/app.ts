import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, ErrorCode, isRetryable, validationError, type ValidationIssue } from '../../core/errors.js';
import type { CentralDb } from '../../db/central/connection.js';
import { pingDatabase } from '../../db/central/queries/health.js';
import { toAppError } from '../../db/central/pg-error.js';
import { AuditSealer, type AuditSealerOptions } from '../../sync/server/audit-sealer-schedule.js';
import { ChangeLogCompactor, type ChangeLogCompactorOptions } from '../../sync/server/change-log-compactor.js';
import type { DeviceAuthenticator } from '../auth/device-auth.js';
import { developmentDeviceAuth } from '../auth/development-device-auth.js';
import { sendError } from './limits/error-reply.js';
import { frameworkClientError } from './limits/framework-errors.js';
import type { LimitsConfig } from './limits/limits-config.js';
import { fastifyLimitOptions, registerLimits, type LimitsOptions } from './limits/register-limits.js';
import { createMetrics } from './metrics.js';
import { auditRoutes } from './routes/audit.js';
import { mutationRoutes } from './routes/mutations.js';
import { shapeRoutes, type ShapeRouteOptions } from './routes/shape.js';
import { syncCountsRoutes } from './routes/sync-counts.js';

/** What the HTTP app needs from the running server. */
export interface AppDependencies {
  db: CentralDb;
  version: string;
  logLevel?: string;
  /** How sync requests identify their device; the development scheme when absent. */
  deviceAuth?: DeviceAuthenticator;
  /** Tuning of `GET /v1/shape` (long-poll timeout, chunk size); its defaults when absent. */
  shape?: ShapeRouteOptions;
  /**
   * Compacts the change log on a schedule while the app is listening (from `onReady` to
   * `onClose`); none when absent, as in tests that build an app for one route.
   */
  compaction?: Omit<ChangeLogCompactorOptions, 'onCompacted' | 'onError'>;
  /**
   * Seals new audit rows into the hash chain on a schedule while the app is listening; none
   * when absent. Only one sealer is needed per database, but several are safe (they take turns).
   */
  sealing?: Omit<AuditSealerOptions, 'onSealed' | 'onError'>;
  /** Rate limits and the metrics token (server/http/limits); off when absent. */
  limits?: LimitsConfig;
  /** The server's own TLS certificate and key (PEM); plain HTTP when absent. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Prunes the mutation ledger on a schedule while the app listens; none when absent. */
  retention?: LimitsOptions['retention'];
}

const HEALTH_TIMEOUT_MS = 2_000;

/** HTTP status for an error code: people's mistakes are 4xx, the server's troubles 5xx. */
function statusFor(error: AppError): number {
  switch (error.code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.CheckViolation:
    case ErrorCode.NotNullViolation:
    case ErrorCode.InvalidInput:
    case ErrorCode.UnknownMutation:
      return 400;
    case ErrorCode.ValueTooLarge:
      return 413;
    case ErrorCode.Unauthenticated:
    case ErrorCode.DeviceRevoked:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.ProtocolMismatch:
      return 426;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.ConflictAlreadyResolved:
    case ErrorCode.MutationIdReused:
    case ErrorCode.UniqueViolation:
    case ErrorCode.ForeignKeyViolation:
    case ErrorCode.RecordFinal:
    case ErrorCode.BillLocked:
    case ErrorCode.BillNotDeletable:
    case ErrorCode.BillNumberImmutable:
    case ErrorCode.BillNotDraft:
    case ErrorCode.PaymentImmutable:
    case ErrorCode.InvalidAddendum:
      return 409;
    default:
      return isRetryable(error.code) ? 503 : 500;
  }
}

/** Fastify's schema validation errors (`{ instancePath: '/a/0', message }`) as issues. */
function schemaIssues(validation: unknown): ValidationIssue[] {
  if (!Array.isArray(validation)) return [];
  return (validation as { instancePath?: unknown; message?: unknown }[]).map((item) => ({
    path:
      typeof item.instancePath === 'string'
        ? item.instancePath
            .split('/')
            .filter((part) => part !== '')
            .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
        : [],
    message: typeof item.message === 'string' ? item.message : 'is invalid',
  }));
}

/**
 * Builds the central server's HTTP app (not listening yet). Errors leave as
 * `{ code, message, details }`; every request is timed into `/metrics`.
 */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info' },
    ...fastifyLimitOptions(deps.limits),
    // With `https`, fastify's instance type is https.Server's; every use here is the same.
    ...(deps.tls ? { https: deps.tls } : {}),
  }) as FastifyInstance;
  registerLimits(app, { db: deps.db, limits: deps.limits, tls: deps.tls !== undefined, retention: deps.retention });
  const metrics = createMetrics(deps.db);

  // Graceful close: requests in flight finish, and every response sent from then on closes its
  // socket. Otherwise a keep-alive socket that goes idle after close began (a long-poll just
  // answered, a push just applied) would hold the shutdown for the whole keep-alive timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) metrics.httpErrors.inc(labels);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { validation } = error as { validation?: unknown };
    const appError =
      validation !== undefined
        ? validationError(schemaIssues(validation), (error as Error).message)
        : (frameworkClientError(error) ?? toAppError(error));
    const status = statusFor(appError);
    if (status >= 500) request.log.error({ err: error, code: appError.code }, 'request failed');
    return sendError(reply, appError, status);
  });

  app.setNotFoundHandler(async (request, reply) =>
    reply.status(404).send(new AppError(ErrorCode.NotFound, `No route ${request.method} ${request.url}`).toWire()),
  );

  app.get('/', () => Promise.resolve({ name: 'VetDesk central server', version: deps.version }));

  // One authenticator for every sync route, so they agree on (and share what they know of) devices.
  const auth = deps.deviceAuth ?? developmentDeviceAuth(deps.db);
  void app.register(mutationRoutes, { db: deps.db, auth });
  void app.register(syncCountsRoutes, { db: deps.db, auth });
  void app.register(auditRoutes, { db: deps.db, auth });
  void app.register(shapeRoutes, {
    ...deps.shape,
    db: deps.db,
    auth,
  });

  if (deps.compaction) {
    const compactor = new ChangeLogCompactor(deps.db, {
      ...deps.compaction,
      onCompacted: (outcome) => {
        metrics.changeLogCompacted.inc(outcome.removed);
        app.log.info(outcome, 'change log compacted');
      },
      onError: (error) => {
        app.log.error({ err: error }, 'change log compaction failed; trying again at the next pass');
      },
    });
    app.addHook('onReady', (done) => {
      compactor.start();
      done();
    });
    app.addHook('onClose', async () => {
      await compactor.close();
    });
  }

  if (deps.sealing) {
    const sealer = new AuditSealer(deps.db, {
      ...deps.sealing,
      onSealed: (outcome) => {
        metrics.auditSealed.inc(outcome.sealed);
        metrics.auditSealLag.set(outcome.lagMs / 1000);
        app.log.info(outcome, 'audit rows sealed');
      },
      onError: (error) => {
        app.log.error({ err: error }, 'audit sealing failed; trying again at the next pass');
      },
    });
    app.addHook('onReady', (done) => {
      sealer.start();
      done();
    });
    app.addHook('onClose', async () => {
      await sealer.close();
    });
  }

  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    try {
      await Promise.race([
        pingDatabase(deps.db),
        new Promise((_, reject) =>
          setTimeout(() => {
            reject(new AppError(ErrorCode.DatabaseUnavailable, 'database check timed out'));
          }, HEALTH_TIMEOUT_MS).unref(),
        ),
      ]);
      return { status: 'ok', database: deps.db.kind, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const appError = toAppError(error);
      return reply.status(503).send({ status: 'unavailable', database: deps.db.kind, error: appError.toWire() });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  return app;
}
