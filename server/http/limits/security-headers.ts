import type { FastifyInstance } from 'fastify';

/**
 * Headers that make every response inert in a browser: the API serves JSON to workstations and
 * scripts, never pages, so nothing may be sniffed, framed, leak a referrer or load anything.
 * Responses are never cached (they carry practice data). No Access-Control-Allow-* header is
 * ever sent: the API is closed to pages of other origins (CORS), and an OPTIONS preflight finds
 * no route (404).
 */
const ALWAYS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** Two years, subdomains included: the usual value for a host that only speaks HTTPS. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Adds the security headers to every response, errors and 404s included; Strict-Transport-Security
 * only when the server itself speaks TLS (behind a reverse proxy, the proxy sends it).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { tls: boolean }): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of Object.entries(ALWAYS)) void reply.header(name, value);
    if (options.tls) void reply.header('strict-transport-security', HSTS);
    done(null, payload);
  });
}
