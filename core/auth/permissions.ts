import type { ApiName } from '../api/contract.js';
import { STAFF_ROLES, type StaffRole } from '../domain/enums.js';
import { MUTATIONS, type MutationName } from '../mutations/registry.js';
import type { ReplicatedTableName } from '../sync/tables.js';

/**
 * The permission matrix (architecture §5): who may run each mutation, each workstation
 * operation and each central server route. The server enforces it (it is the guard); the
 * workstation and the UI use the same table to refuse early and to hide what a role cannot do.
 * Mutation roles are stated once, on each mutation's definition (core/mutations/*); this module
 * reads them from there and adds what a definition cannot say (operations, routes, conflicts).
 * docs/security.md "Permissions" shows the whole matrix; a test keeps it equal to this code.
 */

/** Who may call a central server route. */
export type RouteAccess =
  /** Anyone who can reach the server (rate limited): enrolment with a code, health, the update feed. */
  | 'public'
  /** An enrolled, unrevoked device (device token): sync reads and pushes, sign-in. */
  | 'device'
  /** A device plus a valid session of any active staff member of the device's clinic. */
  | 'session'
  /** A device plus a session of an active staff member with one of these roles. */
  | readonly StaffRole[];

/**
 * Every central server route, as `METHOD /path` with fastify's `:param` syntax. `POST
 * /v1/mutations` is a device route: each mutation in it is checked on its own, against its
 * definition's roles, for the staff member its signature proves.
 */
export const ROUTE_PERMISSIONS = {
  'GET /': 'public',
  'GET /healthz': 'public',
  'POST /v1/enrol': 'public',
  'POST /v1/auth/sign-in': 'device',
  'POST /v1/auth/sign-out': 'session',
  'POST /v1/auth/password': 'session',
  'GET /v1/shape': 'device',
  'POST /v1/mutations': 'device',
  'GET /v1/sync/counts': 'device',
  'GET /v1/sync/epoch': 'device',
  'GET /v1/audit/:table/:id': ['admin'],
  'POST /v1/admin/staff': ['admin'],
  'PATCH /v1/admin/staff/:id': ['admin'],
  'POST /v1/admin/staff/:id/password': ['admin'],
  'POST /v1/admin/enrolment-codes': ['admin'],
  'POST /v1/admin/devices/:id/revoke': ['admin'],
  'GET /updates/:channel/:file': 'public',
  'GET /v1/admin/updates': ['admin'],
  'POST /v1/admin/updates/:channel/hold': ['admin'],
  'POST /v1/admin/updates/:channel/rollback': ['admin'],
  'POST /v1/admin/updates/:channel/rollout': ['admin'],
  'GET /v1/admin/sync/restore-gaps': ['admin'],
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;

/** Who may call a workstation operation (core/api/contract.ts). */
export type OperationAccess =
  /** Nobody needs to be signed in: the first-run, sign-in, lock and revoked screens. */
  | 'open'
  /** Any signed-in person whose screen is not locked. */
  | 'session'
  /** A signed-in, unlocked person with one of these roles. */
  | readonly StaffRole[];

const ADMIN: readonly StaffRole[] = ['admin'];

/**
 * Every workstation operation and who may call it: a total map, so a new operation does not
 * compile until someone decides. `mutate` is open to any session because each mutation is then
 * checked against its own roles (`can(role, { mutation })`), on the workstation and the server.
 */
export const OPERATION_ACCESS = {
  'sync.status': 'open',
  'update.status': 'open',
  // Restarting ends everyone's work on this workstation: only for a signed-in person.
  'update.check': 'session',
  'update.install': 'session',
  'identity.state': 'open',
  'setup.enrol': 'open',
  'session.signIn': 'open',
  'session.signOut': 'session',
  'session.lock': 'session',
  'session.changePassword': 'session',
  // Unsynced clinical and financial changes leave the workstation only for a signed-in person.
  'outbox.export': 'session',
  'session.current': 'session',
  'clinic.current': 'session',
  'search.ownersAndPatients': 'session',
  'search.bookablePatients': 'session',
  'owner.duplicates': 'session',
  'owner.account': 'session',
  'owner.detail': 'session',
  'patient.chart': 'session',
  'appointments.day': 'session',
  'appointments.range': 'session',
  'appointments.deceasedPatients': 'session',
  'bill.detail': 'session',
  'staff.list': 'session',
  'priceList.list': 'session',
  'conflicts.list': 'session',
  'admin.staff': ADMIN,
  'admin.devices': ADMIN,
  'admin.createStaff': ADMIN,
  'admin.updateStaff': ADMIN,
  'admin.resetPassword': ADMIN,
  'admin.createEnrolmentCode': ADMIN,
  'admin.revokeDevice': ADMIN,
  'admin.updates': ADMIN,
  'admin.holdChannel': ADMIN,
  'admin.rollbackChannel': ADMIN,
  'admin.setRollout': ADMIN,
  'admin.restoreGaps': ADMIN,
  'audit.history': ADMIN,
  'rejections.list': 'session',
  'rejections.discard': 'session',
  'rejections.retry': 'session',
  mutate: 'session',
} as const satisfies Record<ApiName, OperationAccess>;

const OPERATION_ENTRIES = Object.entries(OPERATION_ACCESS) as [ApiName, OperationAccess][];

/**
 * Workstation operations open to nobody signed in: what the first-run, sign-in, lock and
 * revoked screens need. Every other operation needs a signed-in, unlocked session.
 */
export const OPERATIONS_WITHOUT_SESSION: ReadonlySet<ApiName> = new Set(
  OPERATION_ENTRIES.filter(([, access]) => access === 'open').map(([name]) => name),
);

/** Workstation operations limited to some roles; the others are open to any signed-in person. */
export const OPERATION_ROLES: Partial<Record<ApiName, readonly StaffRole[]>> = Object.fromEntries(
  OPERATION_ENTRIES.flatMap(([name, access]) => (typeof access === 'string' ? [] : [[name, access] as const])),
);

/** The roles that may run `mutation`, from its definition (the one place they are stated). */
export function mutationRoles(mutation: MutationName): readonly StaffRole[] {
  return MUTATIONS[mutation].roles;
}

/**
 * The mutations that edit rows of each table (their operations update it), other than
 * `conflict.resolve`, whose own rights are derived from these. A unit test runs every
 * mutation's operations and fails when this map and the operations disagree.
 */
export const TABLE_EDITORS: Readonly<Record<ReplicatedTableName, readonly MutationName[]>> = {
  clinics: ['clinic.update'],
  staff: [],
  devices: [],
  owners: ['owner.update', 'owner.delete'],
  patients: ['patient.update', 'patient.setStatus', 'patient.delete'],
  medical_records: ['medicalRecord.update', 'medicalRecord.finalize'],
  appointments: ['appointment.reschedule', 'appointment.update', 'appointment.setStatus', 'appointment.cancel'],
  price_list_items: [],
  bills: ['bill.issue', 'bill.send', 'bill.cancel'],
  bill_items: ['bill.updateItem', 'bill.removeItem'],
  bill_medical_records: [],
  payments: ['payment.void'],
  conflicts: [],
};

/**
 * Who may resolve (keep, restore or dismiss) a conflict on a row of `table`: the roles that may
 * run every mutation editing that table, i.e. the strictest of them. Deciding which of two
 * competing values stands is an edit of the record, so it needs the strictest edit right: only
 * a vet resolves a clinical record's conflict (a nurse edits drafts but cannot finalise), only
 * admins and the front desk a bill's (the others issue bills but cannot cancel them). A table
 * no mutation edits (staff, devices: admin routes), or a name that is no replicated table, is
 * for admins (clinics: only admins edit them, clinic.update). Pure; never throws.
 */
export function conflictResolveRoles(table: string): readonly StaffRole[] {
  const editors = Object.hasOwn(TABLE_EDITORS, table) ? TABLE_EDITORS[table as ReplicatedTableName] : [];
  if (editors.length === 0) return ADMIN;
  return STAFF_ROLES.filter((role) => editors.every((name) => mutationRoles(name).includes(role)));
}

/** Something a person may or may not do: a mutation, a workstation operation, a conflict. */
export type Action =
  | { mutation: MutationName }
  | { operation: ApiName }
  /** Resolving a conflict recorded on a row of `table` (`conflict.resolve`). */
  | { resolveConflictOn: ReplicatedTableName };

/** Whether a signed-in person with `role` may do `action`. Pure; never throws. */
export function can(role: StaffRole, action: Action): boolean {
  if ('mutation' in action) return mutationRoles(action.mutation).includes(role);
  if ('resolveConflictOn' in action) {
    return can(role, { mutation: 'conflict.resolve' }) && conflictResolveRoles(action.resolveConflictOn).includes(role);
  }
  const access: OperationAccess = OPERATION_ACCESS[action.operation];
  return typeof access === 'string' ? true : access.includes(role);
}

/** Whether `role` may call `route` (a session route); device and public routes need no role. */
export function routeAllows(route: RouteKey, role: StaffRole): boolean {
  const access: RouteAccess = ROUTE_PERMISSIONS[route];
  return typeof access === 'string' ? true : access.includes(role);
}
