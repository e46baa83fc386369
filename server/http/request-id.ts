import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { newRequestId, REQUEST_ID_HEADER, requestIdSchema } from '../../core/sync/request-id.js';

/**
 * The id a request is logged under: the caller's `x-request-id` when it is a sane token
 * (core/sync/request-id.ts), so a workstation's request and the server's log lines about it
 * share one id; a fresh one otherwise (absent, repeated, too long or odd characters), never a
 * refusal: a bad id must not cost a push.
 */
export function requestIdFor(request: IncomingMessage): string {
  const parsed = requestIdSchema.safeParse(request.headers[REQUEST_ID_HEADER]);
  return parsed.success ? parsed.data : newRequestId();
}

/**
 * Fastify constructor options for request ids: ours instead of fastify's counter (which
 * restarts at 1 in every process, so ids from several instances would collide) and instead of
 * its `requestIdHeader`, which takes the header unchecked into every log line.
 */
export function requestIdOptions(): { genReqId: (request: IncomingMessage) => string; requestIdHeader: false } {
  return { genReqId: requestIdFor, requestIdHeader: false };
}

/**
 * Echoes the request id on every response, errors included, so a caller that sent none (a
 * script, curl) can still quote it.
 */
export function registerRequestIdEcho(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
