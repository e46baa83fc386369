/**
 * PostgreSQL's jsonb cannot hold U+0000 nor an unpaired surrogate: writing either fails the
 * whole statement. The ledger must still record a rejection of arguments that carry them (that
 * rejection is what keeps a replay from retrying for ever), so what it stores is a copy where
 * each such code unit, in keys and values, is replaced by U+FFFD (the replacement character).
 */

// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

function sanitise(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(sanitise);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), sanitise(item)]));
  }
  return value;
}

/**
 * `value` as JSON text that jsonb accepts; equal to `JSON.stringify(value)` whenever the value
 * holds no NUL and no unpaired surrogate. Never throws for JSON-compatible values.
 */
export function ledgerJson(value: unknown): string {
  return JSON.stringify(sanitise(value) ?? null);
}

/** `value` as the ledger will give it back (see `ledgerJson`). */
export function asStored<T>(value: T): T {
  return sanitise(value) as T;
}
