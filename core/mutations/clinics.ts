import { clinicFields } from '../domain/clinic.js';
import { defineMutation, editArgs, updateOp } from './define.js';

/**
 * Edits the clinic's own details (name, address, phone, e-mail, tax registration number,
 * payment terms, default days until due): what every invoice prints. Admins only. A mutation
 * like any other, so an admin can make it offline and every workstation receives the row.
 */
export const clinicUpdate = defineMutation({
  name: 'clinic.update',
  args: editArgs(clinicFields),
  roles: ['admin'],
  ops: (args) => [updateOp('clinics', args.id, args.changes, args.base)],
});
