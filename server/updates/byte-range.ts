/**
 * The `Range` header of a download (RFC 9110 §14): one range is served (206); several, or a
 * header that is not a byte range, are ignored and the whole file is sent (200), as the RFC
 * allows. electron-updater downloads whole files, and asks for ranges only to resume or for a
 * differential download (which falls back to a whole download when refused).
 */
export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  /** A byte range that starts past the end of the file: 416. */
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/** Reads `header` against a file of `size` bytes. Never throws. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0) return { kind: 'unsatisfiable' };
    return size === 0 ? { kind: 'unsatisfiable' } : { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const requestedEnd = last === '' ? Infinity : Number(last);
  // A last byte before the first is not a valid range at all: ignored, like any bad header.
  if (requestedEnd < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(requestedEnd, size - 1) };
}
