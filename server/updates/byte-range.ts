/**
 * The `Range` header of a download (RFC 9110 §14). One range is served as such (206 with
 * `Content-Range`); several as `multipart/byteranges` (multipart-ranges.ts), which
 * electron-updater's differential download asks for unless told to use single ranges. A header
 * that is not a byte range, or that asks for ranges out of order, overlapping, or more than
 * `MAX_RANGES` at once, is ignored and the whole file is sent (200), as the RFC allows: one
 * request must not make the server send a file many times over.
 */
export type RangeRequest =
  | { kind: 'whole' }
  | ({ kind: 'part' } & ByteRange)
  /** Several ranges asked for: in ascending order, none overlapping, at least one. */
  | { kind: 'parts'; parts: ByteRange[] }
  /** No range asked for starts inside the file: 416. */
  | { kind: 'unsatisfiable' };

/** Bytes `start` to `end` of a file, both inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** electron-updater asks for at most 1000 ranges in one request. */
export const MAX_RANGES = 1000;

const RANGE_SPEC = /^(\d*)-(\d*)$/;

/** One `first-last` of the header against a file of `size` bytes. */
function rangeOf(spec: string, size: number): ByteRange | 'unsatisfiable' | 'invalid' {
  const match = RANGE_SPEC.exec(spec.trim());
  if (!match) return 'invalid';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'invalid';
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const requestedEnd = last === '' ? Infinity : Number(last);
  // A last byte before the first is not a valid range at all: ignored, like any bad header.
  if (requestedEnd < start) return 'invalid';
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(requestedEnd, size - 1) };
}

/** Reads `header` against a file of `size` bytes. Never throws. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const trimmed = header.trim();
  if (!trimmed.startsWith('bytes=')) return { kind: 'whole' };
  const specs = trimmed.slice('bytes='.length).split(',');
  if (specs.length > MAX_RANGES) return { kind: 'whole' };
  const parts: ByteRange[] = [];
  for (const spec of specs) {
    const range = rangeOf(spec, size);
    if (range === 'invalid') return { kind: 'whole' };
    // Ranges past the end are left out; the others are still served (RFC 9110 §14.1.1).
    if (range !== 'unsatisfiable') parts.push(range);
  }
  if (parts.length === 0) return { kind: 'unsatisfiable' };
  if (specs.length === 1) return { kind: 'part', ...parts[0]! };
  for (let index = 1; index < parts.length; index++) {
    if (parts[index]!.start <= parts[index - 1]!.end) return { kind: 'whole' };
  }
  // Several asked for: multipart even if one is left, since the client expects that form.
  return { kind: 'parts', parts };
}
