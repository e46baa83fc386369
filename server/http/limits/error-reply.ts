import type { FastifyReply } from 'fastify';
import type { AppError } from '../../../core/errors.js';
import { publicWire } from './framework-errors.js';

/**
 * Sends an error in the wire shape with its status: Retry-After when the error says when to
 * come back (429s), and only a generic message for 5xx (see `publicWire`).
 */
export function sendError(reply: FastifyReply, error: AppError, status: number): FastifyReply {
  const retryAfter = (error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) {
    void reply.header('retry-after', String(Math.ceil(retryAfter)));
  }
  return reply.status(status).send(publicWire(error, status));
}
