import type { FieldValue } from './row-ops.js';
import type { ColumnType } from './tables.js';

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
      return canonicalDecimal(String(value));
    case 'integer':
    case 'bigint': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return value === 'true' || value === 't' ? true : value === 'false' || value === 'f' ? false : String(value);
    case 'timestamptz': {
      const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
      return Number.isNaN(time) ? String(value) : new Date(time).toISOString();
    }
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'uuid':
      return String(value).toLowerCase();
    case 'jsonb':
      return JSON.stringify(value);
    case 'text':
      return String(value);
  }
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
