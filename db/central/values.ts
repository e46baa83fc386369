import { AppError, ErrorCode } from '../../core/errors.js';

/** PostgreSQL type oids whose parsing VetDesk fixes so both drivers agree. */
export const PgOid = { int8: 20, date: 1082 } as const;

/**
 * `int8` as a JS number. Counts, versions and audit ids stay far below 2^53; a value beyond
 * that would be silently rounded, so it fails loudly instead.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new AppError(ErrorCode.Internal, `int8 value ${text} does not fit a JavaScript number`);
  }
  return value;
}

/** `date` as its ISO text ('YYYY-MM-DD'): a calendar day has no time zone to get wrong. */
export function parseDate(text: string): string {
  return text;
}
