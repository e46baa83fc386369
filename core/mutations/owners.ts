import { z } from 'zod';
import { ownerFields } from '../domain/entities.js';
import { uuidSchema } from '../domain/values.js';
import { ALL_ROLES, defineMutation, editArgs, softDeleteArgs, softDeleteOp, updateOp } from './define.js';

export const ownerCreate = defineMutation({
  name: 'owner.create',
  args: ownerFields.extend({ id: uuidSchema }),
  roles: ALL_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'owners', row: { ...args } }],
});

export const ownerUpdate = defineMutation({
  name: 'owner.update',
  args: editArgs(ownerFields),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('owners', args.id, args.changes, args.base)],
});

/** Staff "delete": the owner disappears from lists; patients, records and bills stay. */
export const ownerDelete = defineMutation({
  name: 'owner.delete',
  args: softDeleteArgs,
  roles: ALL_ROLES,
  ops: (args, context) => [softDeleteOp('owners', args.id, args.baseVersion, context.now)],
});

/**
 * Admin erasure (a client's right to be forgotten): the owner row is removed; the database
 * keeps their patients (owner cleared) and bills (billed name kept).
 */
export const ownerErase = defineMutation({
  name: 'owner.erase',
  args: z.object({ id: uuidSchema }),
  roles: ['admin'],
  ops: (args) => [{ kind: 'delete', table: 'owners', id: args.id }],
});
