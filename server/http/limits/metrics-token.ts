import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../../core/errors.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Puts `GET /metrics` behind `Authorization: Bearer <token>` (401 UNAUTHENTICATED otherwise).
 * Compared in constant time over digests, so neither the token nor its length leaks by timing.
 */
export function registerMetricsToken(app: FastifyInstance, token: string): void {
  const expected = digest(`Bearer ${token}`);
  app.addHook('onRequest', async (request, reply) => {
    if ((request.url.split('?', 1)[0] ?? '') !== '/metrics') return undefined;
    const given = request.headers.authorization;
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return undefined;
    const error = new AppError(ErrorCode.Unauthenticated, 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
    return reply.status(401).header('www-authenticate', 'Bearer').send(error.toWire());
  });
}
