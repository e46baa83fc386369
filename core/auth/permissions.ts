import type { ApiName } from '../api/contract.js';
import type { StaffRole } from '../domain/enums.js';
import { MUTATIONS, type MutationName } from '../mutations/registry.js';

/**
 * The permission matrix (architecture §5): who may run each mutation, each workstation
 * operation and each central server route. The server enforces it (it is the guard); the
 * workstation and the UI use the same table to refuse early and to hide what a role cannot do.
 */

/** Who may call a central server route. */
export type RouteAccess =
  /** Anyone who can reach the server (rate limited): enrolment with a code, health. */
  | 'public'
  /** An enrolled, unrevoked device (device token): sync reads and pushes, sign-in. */
  | 'device'
  /** A device plus a valid session of any active staff member of the device's clinic. */
  | 'session'
  /** A device plus a session of an active staff member with one of these roles. */
  | readonly StaffRole[];

/** Every central server route, as `METHOD /path` with fastify's `:param` syntax. */
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
  'GET /v1/audit/:table/:id': ['admin'],
  'POST /v1/admin/staff': ['admin'],
  'PATCH /v1/admin/staff/:id': ['admin'],
  'POST /v1/admin/staff/:id/password': ['admin'],
  'POST /v1/admin/enrolment-codes': ['admin'],
  'POST /v1/admin/devices/:id/revoke': ['admin'],
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;

const ADMIN: readonly StaffRole[] = ['admin'];

/**
 * Workstation operations open to nobody signed in: what the first-run, sign-in, lock and
 * revoked screens need. Every other operation needs a signed-in, unlocked session.
 */
export const OPERATIONS_WITHOUT_SESSION: ReadonlySet<ApiName> = new Set<ApiName>([
  'identity.state',
  'setup.enrol',
  'session.signIn',
  'sync.status',
]);

/** Workstation operations limited to some roles; the others are open to any signed-in person. */
export const OPERATION_ROLES: Partial<Record<ApiName, readonly StaffRole[]>> = {
  'admin.staff': ADMIN,
  'admin.devices': ADMIN,
  'admin.createStaff': ADMIN,
  'admin.updateStaff': ADMIN,
  'admin.resetPassword': ADMIN,
  'admin.createEnrolmentCode': ADMIN,
  'admin.revokeDevice': ADMIN,
  'audit.history': ADMIN,
};

/** The roles that may run `mutation`, from its definition (the one place they are stated). */
export function mutationRoles(mutation: MutationName): readonly StaffRole[] {
  return MUTATIONS[mutation].roles;
}

/** Something a person may or may not do: a mutation or a workstation operation. */
export type Action = { mutation: MutationName } | { operation: ApiName };

/** Whether a signed-in person with `role` may do `action`. Pure; never throws. */
export function can(role: StaffRole, action: Action): boolean {
  if ('mutation' in action) return mutationRoles(action.mutation).includes(role);
  return OPERATION_ROLES[action.operation]?.includes(role) ?? true;
}

/** Whether `role` may call `route` (a session route); device and public routes need no role. */
export function routeAllows(route: RouteKey, role: StaffRole): boolean {
  const access: RouteAccess = ROUTE_PERMISSIONS[route];
  return typeof access === 'string' ? true : access.includes(role);
}
