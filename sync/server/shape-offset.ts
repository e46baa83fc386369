/**
 * Shape log offsets. Electric's client treats an offset as an opaque string of the form
 * `<number>_<number>` (plus `-1` and `now`) and sends back whichever one it was given last.
 *
 * - `S_0`: the log phase. The reader holds everything up to global change sequence `S`
 *   (`sync.change_log.seq`, shared by every table), and reads changes with seq > S next.
 * - `P_C` with C >= 1: the snapshot phase. The reader is paging through the snapshot at log
 *   position `P` and has received every row whose id is at most `C - 1`, read as a 128-bit
 *   unsigned integer (the uuid's bytes, which is also PostgreSQL's uuid order).
 *
 * Both parts are decimal; the second one can be long (up to 39 digits), which the client
 * neither checks nor minds.
 */

/** Where a reader stands in a shape log. */
export type ShapePosition =
  | { readonly kind: 'start' }
  | { readonly kind: 'now' }
  | { readonly kind: 'snapshot'; readonly seq: number; readonly after: string }
  | { readonly kind: 'log'; readonly seq: number };

/** What the zod boundary lets through before `parseOffset` checks ranges. */
export const OFFSET_PATTERN = /^(?:-1|now|\d{1,16}_\d{1,40})$/;

const UUID_SPACE = 1n << 128n;

/** The uuid as an unsigned 128-bit integer. */
function uuidToBigInt(uuid: string): bigint {
  return BigInt(`0x${uuid.replace(/-/g, '')}`);
}

function bigIntToUuid(value: bigint): string {
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Reads an offset sent by a client. Returns null for anything this server never issues
 * (malformed, a sequence beyond 2^53, a cursor outside the uuid space).
 */
export function parseOffset(text: string): ShapePosition | null {
  if (text === '-1') return { kind: 'start' };
  if (text === 'now') return { kind: 'now' };
  const match = /^(\d{1,16})_(\d{1,40})$/.exec(text);
  if (!match) return null;
  const seq = Number(match[1]);
  if (!Number.isSafeInteger(seq)) return null;
  const cursor = BigInt(match[2]!);
  if (cursor === 0n) return { kind: 'log', seq };
  if (cursor > UUID_SPACE) return null;
  return { kind: 'snapshot', seq, after: bigIntToUuid(cursor - 1n) };
}

/** The offset of a reader holding everything up to global sequence `seq`. */
export function logOffset(seq: number): string {
  return `${seq}_0`;
}

/** The offset of a reader paging the snapshot at `seq` that has received rows up to `lastId`. */
export function snapshotOffset(seq: number, lastId: string): string {
  return `${seq}_${uuidToBigInt(lastId) + 1n}`;
}
