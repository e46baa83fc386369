import { createHash, randomBytes } from 'node:crypto';
import type { ShapeTable } from './shape-table.js';

/**
 * Shape handles: `<table>-<generation>-<nonce>`.
 *
 * The generation digests the database's shape epoch (`sync.shape_epoch`), the table and the
 * projected columns, so a new epoch, a server version that replicates other columns, or another
 * column list each make earlier handles unservable (409 must-refetch). The nonce is fresh for
 * every handle issued: the official client records the handle of a 409 as expired and treats a
 * later response carrying that same handle as a stale cache, so a 409 must always name a handle
 * the client has not held; a new snapshot gets a new handle for the same reason.
 */

let issued = 0;

/** The generation of a table's shape under the current epoch. */
export function shapeGeneration(epoch: string, table: ShapeTable): string {
  return createHash('sha256')
    .update(`${epoch}\n${table.schema}.${table.name}\n${table.columns.join(',')}`)
    .digest('hex')
    .slice(0, 12);
}

/** A handle no client has seen yet, for the given generation. */
export function mintHandle(table: ShapeTable, generation: string): string {
  issued = (issued + 1) % Number.MAX_SAFE_INTEGER;
  // Counter: unique within this process; random part: across servers sharing one database.
  return `${table.key}-${generation}-${issued.toString(36)}${randomBytes(4).toString('hex')}`;
}

/** Whether a client's handle belongs to the current generation of this table's shape. */
export function isCurrentHandle(handle: string, table: ShapeTable, generation: string): boolean {
  return handle.startsWith(`${table.key}-${generation}-`);
}
