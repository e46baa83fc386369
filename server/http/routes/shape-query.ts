import { z } from 'zod';
import { type AppError, validationError } from '../../../core/errors.js';
import { OFFSET_PATTERN, parseOffset, type ShapePosition } from '../../../sync/server/shape-offset.js';
import { parseColumnList, resolveShapeTable, type ShapeTable } from '../../../sync/server/shape-table.js';

/**
 * The query string of `GET /v1/shape` as Electric's client sends it. Parameters the client adds
 * that change nothing here (`cache-buster`, `expired_handle`, custom params) are let through.
 */
const shapeQuerySchema = z.looseObject({
  table: z.string().min(1).max(200),
  offset: z.string().regex(OFFSET_PATTERN, 'must be -1, now, or an offset this server issued'),
  handle: z.string().min(1).max(200).optional(),
  live: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(100).optional(),
  columns: z.string().min(1).max(4000).optional(),
  replica: z.enum(['default', 'full']).optional(),
  log: z.enum(['full', 'changes_only']).optional(),
  where: z.string().optional(),
  live_sse: z.enum(['true', 'false']).optional(),
  experimental_live_sse: z.enum(['true', 'false']).optional(),
});

/** A validated shape request. */
export interface ShapeQuery {
  table: ShapeTable;
  position: ShapePosition;
  handle: string | undefined;
  live: boolean;
  /** The `cursor` the client echoes from the last `electric-cursor`. */
  cursor: string | undefined;
}

function unsupported(param: string, why: string): AppError {
  const message = `Shape parameter ${param} is not supported: ${why}`;
  return validationError([{ path: [param], message }], message);
}

/**
 * Validates a `GET /v1/shape` query.
 * @throws AppError VALIDATION_FAILED (HTTP 400) for a malformed or unsupported request, an
 *   unknown table or column, or a non-initial offset without a handle.
 */
export function parseShapeQuery(query: unknown): ShapeQuery {
  const parsed = shapeQuerySchema.safeParse(query);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw validationError(
      parsed.error,
      `Invalid shape request${first ? `: ${first.path.map(String).join('.')} ${first.message}` : ''}`,
    );
  }
  const q = parsed.data;
  // Workstations hold whole tables; filtering rows would need a SQL parser at this boundary.
  if (q.where !== undefined || Object.keys(q).some((key) => key === 'params' || key.startsWith('params['))) {
    throw unsupported('where', 'shapes are whole tables');
  }
  if (Object.keys(q).some((key) => key.startsWith('subset__'))) {
    throw unsupported('subset__*', 'subset snapshots are not served');
  }
  // The change log keeps each row after the change, not before it, so there is no old_value.
  if (q.replica === 'full') throw unsupported('replica', 'full replica (old values) is not recorded');
  if (q.live_sse === 'true' || q.experimental_live_sse === 'true') {
    throw unsupported('live_sse', 'live updates are served by long polling');
  }
  const position = parseOffset(q.offset);
  if (!position) {
    const message = `Invalid shape request: offset ${q.offset} was never issued`;
    throw validationError([{ path: ['offset'], message }], message);
  }
  if ((position.kind === 'snapshot' || position.kind === 'log') && q.handle === undefined) {
    const message = 'Invalid shape request: an offset other than -1 needs its handle';
    throw validationError([{ path: ['handle'], message }], message);
  }
  const table = resolveShapeTable(q.table, q.columns === undefined ? undefined : parseColumnList(q.columns));
  return {
    table,
    // changes_only skips the snapshot: the log starts where it stands now.
    position: position.kind === 'start' && q.log === 'changes_only' ? { kind: 'now' } : position,
    handle: q.handle,
    live: q.live === 'true',
    cursor: q.cursor,
  };
}
