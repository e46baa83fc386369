import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { LimitsConfig } from './limits-config.js';
import { TokenBuckets } from './token-bucket.js';

const MINUTE_MS = 60_000;

/** Routes that trade a secret for a credential: guessing them is what the tight limit stops. */
const AUTH_ROUTE = /^\/v1\/(auth\/sign-in|enrol)(?:[/?]|$)/;

/** Routes never limited: load balancers and monitors poll them. */
const UNLIMITED = new Set(['/healthz']);

function refuse(reply: FastifyReply, scope: string, retryAfterSeconds: number): FastifyReply {
  const error = new AppError(ErrorCode.RateLimited, `Too many requests from this ${scope}; try again later`, {
    scope,
    retryAfterSeconds,
  });
  return reply.status(429).header('retry-after', String(retryAfterSeconds)).send(error.toWire());
}

/**
 * Per-IP and per-device token buckets, checked before anything else runs (no database work
 * for a refused request): 429 RATE_LIMITED with Retry-After and `details.retryAfterSeconds`.
 * The device is keyed by a hash of its Authorization header, so a flood of made-up tokens is
 * also held by the per-IP bucket before any of them reaches the database.
 */
export function registerRateLimits(app: FastifyInstance, config: LimitsConfig): void {
  const perIp = new TokenBuckets({ capacity: config.ipPerMinute, perMs: MINUTE_MS });
  const authPerIp = new TokenBuckets({ capacity: config.authPerMinute, perMs: MINUTE_MS });
  const perDevice = new TokenBuckets({ capacity: config.devicePerMinute, perMs: MINUTE_MS });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    if (UNLIMITED.has(path)) return;
    const ip = perIp.take(request.ip);
    if (!ip.allowed) return refuse(reply, 'address', ip.retryAfterSeconds);
    if (AUTH_ROUTE.test(path)) {
      const auth = authPerIp.take(request.ip);
      if (!auth.allowed) return refuse(reply, 'address', auth.retryAfterSeconds);
    }
    const credential = request.headers.authorization;
    if (typeof credential === 'string' && credential !== '') {
      const key = createHash('sha256').update(credential).digest('base64url');
      const device = perDevice.take(key);
      if (!device.allowed) return refuse(reply, 'device', device.retryAfterSeconds);
    }
    return undefined;
  });
}
