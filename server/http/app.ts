import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, ErrorCode, isRetryable, validationError, type ValidationIssue } from '../../core/errors.js';
import type { CentralDb } from '../../db/central/connection.js';
import { pingDatabaseWithin } from '../../db/central/queries/health.js';
import { toAppError } from '../../db/central/pg-error.js';
import { AuditSealer, type AuditSealerOptions } from '../../sync/server/audit-sealer-schedule.js';
import { ChangeLogCompactor, type ChangeLogCompactorOptions } from '../../sync/server/change-log-compactor.js';
import { DEFAULT_CLOCK_BOUNDS } from '../../sync/server/server-time.js';
import { deviceAuthenticator } from '../auth/device-authenticator.js';
import { sendError } from './limits/error-reply.js';
import { frameworkClientError } from './limits/framework-errors.js';
import type { LimitsConfig } from './limits/limits-config.js';
import { fastifyLimitOptions, registerLimits, type LimitsOptions } from './limits/register-limits.js';
import { securityHeaders } from './limits/security-headers.js';
import { registerDbPing, type DbPingOptions } from './db-ping.js';
import { createMetrics } from './metrics.js';
import type { BackupScheduler } from '../backup/backup-scheduler.js';
import { registerScheduledBackups } from './backup-hooks.js';
import { registerRequestIdEcho, requestIdOptions } from './request-id.js';
import { adminDeviceRoutes, type RequireAdmin } from './routes/admin-devices.js';
import { adminUpdateRoutes } from './routes/admin-updates.js';
import { adminSyncRoutes } from './routes/admin-sync.js';
import { auditRoutes } from './routes/audit.js';
import { updateFeedRoutes } from './routes/updates.js';
import { ArtifactStore } from '../updates/artifact-store.js';
import { enrolRoutes } from './routes/enrol.js';
import { CredentialPruner, type CredentialPrunerOptions } from '../auth/credential-pruning.js';
import { PasswordChecker } from '../auth/password-checker.js';
import { sessionAuthenticator, type SessionAuthenticator } from '../auth/session-auth.js';
import { DEFAULT_STAFF_AUTH_SETTINGS, type StaffAuthSettings } from '../auth/staff-auth-settings.js';
import { adminStaffRoutes } from './routes/admin-staff.js';
import { authRoutes } from './routes/auth.js';
import { mutationRoutes } from './routes/mutations.js';
import { shapeRoutes, type ShapeRouteOptions } from './routes/shape.js';
import { syncCountsRoutes } from './routes/sync-counts.js';
import { syncEpochRoutes } from './routes/sync-epoch.js';

/** What the HTTP app needs from the running server. */
export interface AppDependencies {
  db: CentralDb;
  version: string;
  logLevel?: string;
  /** Where the JSON log lines go; standard output when absent (tests pass a stream to read them). */
  logStream?: { write(line: string): unknown };
  /**
   * DEVELOPMENT ONLY: also accept `Bearer dev-device:<uuid>` (no secret; the device is created
   * on first use) beside enrolled devices' tokens. Off unless set; server/start.ts allows it only
   * on a loopback address. Tests of the sync machinery use it; security tests use tokens.
   */
  developmentAuth?: boolean;
  /** Staff sign-in settings (session hours, offline days, scrypt cost); production defaults when absent. */
  staffAuth?: Partial<StaffAuthSettings>;
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
  /** How often the database is pinged for `/metrics` (db-ping.ts); its defaults when absent. */
  dbPing?: DbPingOptions;
  /** Rate limits and the metrics token (server/http/limits); off when absent. */
  limits?: LimitsConfig;
  /** The server's own TLS certificate and key (PEM); plain HTTP when absent. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Prunes the mutation ledger on a schedule while the app listens; none when absent. */
  retention?: LimitsOptions['retention'];
  /**
   * Deletes dead staff sessions and spent signing keys on a schedule while the app listens
   * (server/auth/credential-pruning.ts, with the offline window of `staffAuth`); none when absent.
   */
  credentialPruning?: Omit<CredentialPrunerOptions, 'offlineWindowMs' | 'onPruned' | 'onError'>;
  /** Scheduled backups (VETDESK_BACKUP_DIR), run while the app listens, outcomes in /metrics; none when absent. */
  backups?: BackupScheduler;
  /**
   * The update feed's artifact folder (docs/updates.md): `GET /updates/...` is served only when
   * set (the admin update routes always are).
   */
  updatesDir?: string;
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
    case ErrorCode.SignInFailed:
    case ErrorCode.SessionRequired:
    case ErrorCode.EnrolmentCodeInvalid:
      return 401;
    case ErrorCode.SignInLocked:
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.ProtocolMismatch:
      return 426;
    case ErrorCode.ConflictAlreadyResolved:
    case ErrorCode.MutationIdReused:
    case ErrorCode.ServerRestored:
    case ErrorCode.UniqueViolation:
    case ErrorCode.ForeignKeyViolation:
    case ErrorCode.RecordFinal:
    case ErrorCode.BillLocked:
    case ErrorCode.BillNotDeletable:
    case ErrorCode.BillNumberImmutable:
    case ErrorCode.BillNotDraft:
    case ErrorCode.PaymentImmutable:
    case ErrorCode.InvalidAddendum:
    case ErrorCode.PatientDeceased:
    case ErrorCode.InsufficientCredit:
    case ErrorCode.NotEnrolled:
    case ErrorCode.StaffChangeRefused:
    case ErrorCode.ChannelHeld:
      return 409;
    case ErrorCode.ReleaseInvalid:
      return 422;
    case ErrorCode.RangeNotSatisfiable:
      return 416;
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
 * The admin routes' guard: a session of someone ROUTE_PERMISSIONS lets call the route (admins),
 * with a clinic, on an enrolled device.
 */
function adminOf(sessions: SessionAuthenticator): RequireAdmin {
  return async (request, route) => {
    const session = await sessions.requireRoles(request, route);
    if (session.clinicId === null) {
      throw new AppError(ErrorCode.Forbidden, 'This admin belongs to no clinic', { reason: 'other_clinic' });
    }
    return { staffId: session.staffId, clinicId: session.clinicId, deviceId: session.deviceId };
  };
}

/**
 * Builds the central server's HTTP app (not listening yet). Errors leave as
 * `{ code, message, details }`; every request is timed into `/metrics`.
 */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', ...(deps.logStream ? { stream: deps.logStream } : {}) },
    ...requestIdOptions(),
    ...fastifyLimitOptions(deps.limits),
    // Fastify refuses a path parameter over its length limit or with broken percent-encoding
    // before routing, so neither the error handler nor the hooks see it: without this it answers
    // in its own shape, not `{ code, message, details }`, and without the security headers.
    frameworkErrors: (error, _request, reply) => {
      const appError = frameworkClientError(error) ?? toAppError(error);
      void sendError(reply.headers(securityHeaders({ tls: deps.tls !== undefined })), appError, statusFor(appError));
    },
    // With `https`, fastify's instance type is https.Server's; every use here is the same.
    ...(deps.tls ? { https: deps.tls } : {}),
  }) as FastifyInstance;
  registerRequestIdEcho(app);
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

  // One authenticator for every route, so they agree on (and share what they know of) devices.
  const auth = deviceAuthenticator(deps.db, { development: deps.developmentAuth ?? false });
  const sessions = sessionAuthenticator(deps.db, auth);
  const staffAuth = { ...DEFAULT_STAFF_AUTH_SETTINGS, ...deps.staffAuth };
  // The instants a push writes stay within the offline window a signing key allows.
  const clock = { ...DEFAULT_CLOCK_BOUNDS, offlineWindowMs: staffAuth.offlineDays * 24 * 60 * 60 * 1000 };
  void app.register(enrolRoutes, { db: deps.db });
  const requireAdmin = adminOf(sessions);
  void app.register(adminDeviceRoutes, { db: deps.db, requireAdmin });
  void app.register(adminSyncRoutes, { db: deps.db, requireAdmin });
  const ledgerRetainMs = deps.retention?.retainMs;
  void app.register(mutationRoutes, { db: deps.db, auth, clock, metrics: metrics.sync, ledgerRetainMs });
  void app.register(syncCountsRoutes, { db: deps.db, auth });
  void app.register(syncEpochRoutes, { db: deps.db, auth, ledgerRetainMs });
  const passwords = new PasswordChecker(staffAuth.scryptCost);
  void app.register(authRoutes, { db: deps.db, auth, sessions, passwords, settings: staffAuth });
  void app.register(adminStaffRoutes, { db: deps.db, sessions, passwords });
  void app.register(auditRoutes, { db: deps.db, sessions });
  void app.register(adminUpdateRoutes, { db: deps.db, requireAdmin });
  if (deps.updatesDir !== undefined) {
    void app.register(updateFeedRoutes, { db: deps.db, store: new ArtifactStore(deps.updatesDir) });
  }
  void app.register(shapeRoutes, {
    ...deps.shape,
    db: deps.db,
    auth,
    metrics: metrics.sync,
  });
  registerDbPing(app, deps.db, metrics.sync, deps.dbPing);

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

  if (deps.credentialPruning) {
    const pruner = new CredentialPruner(deps.db, {
      ...deps.credentialPruning,
      offlineWindowMs: clock.offlineWindowMs,
      onPruned: (outcome) => {
        app.log.info(outcome, 'spent staff credentials deleted');
      },
      onError: (error) => {
        app.log.error({ err: error }, 'pruning staff credentials failed; trying again at the next pass');
      },
    });
    app.addHook('onReady', (done) => {
      pruner.start();
      done();
    });
    app.addHook('onClose', async () => {
      await pruner.close();
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

  if (deps.backups) registerScheduledBackups(app, metrics.registry, deps.backups);

  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    try {
      await pingDatabaseWithin(deps.db, HEALTH_TIMEOUT_MS);
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
