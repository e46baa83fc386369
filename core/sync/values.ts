import type { FieldValue } from './row-ops.js';
import type { ColumnType } from './tables.js';

/** Text of a scalar; objects become JSON (never '[object Object]'). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  // JSON.stringify gives undefined for undefined and functions, whatever its declared type says.
  const json = JSON.stringify(value) as string | undefined;
  return json ?? '';
}

/**
 * Canonical form of a column value, so that the same value written by different drivers
 * compares equal: PostgreSQL's JSON gives numerics as numbers and timestamps with `+00:00`,
 * a workstation sends strings and `Z`. Used by the per-field conflict check.
 * @returns a string, number, boolean or null; never throws on malformed input (it is returned
 *   as given, so it simply compares unequal).
 */
export function canonicalValue(type: ColumnType, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'numeric':
      return canonicalDecimal(asText(value));
    case 'integer':
    case 'bigint': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : asText(value);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return value === 'true' || value === 't' ? true : value === 'false' || value === 'f' ? false : asText(value);
    case 'timestamptz':
      return canonicalInstant(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : asText(value).slice(0, 10);
    case 'uuid':
      return asText(value).toLowerCase();
    case 'jsonb':
      return JSON.stringify(value);
    case 'text':
      return asText(value);
  }
}

const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An instant as ISO 8601 UTC with milliseconds. Accepts Dates, ISO strings and PostgreSQL's
 * text form ('2026-11-22 10:00:00.123+01'), which JavaScript's Date.parse does not read.
 * Text that is no instant is returned unchanged.
 */
export function canonicalInstant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = asText(value).trim();
  const fast = utcFastPath(text);
  if (fast !== null) return fast;
  const match = PG_TIMESTAMP.exec(text);
  if (!match) return text;
  let zone = match[3] ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = Date.parse(`${match[1]}T${match[2]}${zone}`);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

/**
 * The common case without regular expressions or Dates: UTC text as the server sends it
 * ('2026-11-22 10:00:00.12+00') or as ISO already ('2026-11-22T10:00:00.120Z').
 * Returns null for anything else, which the general path then handles.
 */
function utcFastPath(text: string): string | null {
  const zoneLength = text.endsWith('+00') ? 3 : text.endsWith('Z') ? 1 : 0;
  if (zoneLength === 0 || text.length < 19 + zoneLength) return null;
  const separator = text.charCodeAt(10);
  if (separator !== 32 && separator !== 84) return null; // ' ' or 'T'
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return null;
  }
  const fraction = text.slice(19, text.length - zoneLength);
  if (fraction !== '' && !/^\.\d+$/.test(fraction)) return null;
  const millis = `${fraction.slice(1)}000`.slice(0, 3);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millis}Z`;
}

/** '4.250' and 4.25 and '4.25' all become '4.25'; '10' and '10.00' become '10'. */
function canonicalDecimal(text: string): string {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  if (!trimmed.includes('.')) return trimmed.replace(/^(-?)0+(?=\d)/, '$1');
  return trimmed.replace(/^(-?)0+(?=\d)/, '$1').replace(/\.?0+$/, '');
}

/** Whether two values of a column are the same value. */
export function sameValue(type: ColumnType, a: unknown, b: unknown): boolean {
  return canonicalValue(type, a) === canonicalValue(type, b);
}
