import type { FastifyInstance } from 'fastify';

/**
 * Headers that make every response inert in a browser: the API serves JSON to workstations and
 * scripts, never pages, so nothing may be sniffed, framed, leak a referrer or load anything.
 * Responses are never cached (they carry practice data), unless a route says otherwise: the
 * update feed's artifacts (server/http/routes/updates.ts) are public and immutable. No Access-Control-Allow-* header is
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

/** The headers every response carries; Strict-Transport-Security only when the server speaks TLS. */
export function securityHeaders(options: { tls: boolean }): Record<string, string> {
  return options.tls ? { ...ALWAYS, 'strict-transport-security': HSTS } : { ...ALWAYS };
}

/**
 * Adds the security headers to every response, errors and 404s included; Strict-Transport-Security
 * only when the server itself speaks TLS (behind a reverse proxy, the proxy sends it). Requests
 * fastify refuses before routing skip the hooks: their handler sets `securityHeaders` itself.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { tls: boolean }): void {
  const { 'cache-control': noStore, ...headers } = securityHeaders(options);
  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.headers(headers);
    // Only a route that decided its own caching keeps it; everything else is never stored.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', noStore);
    done(null, payload);
  });
}
