import type { OwnerAccount } from '../domain/owner-account.js';
import { z } from 'zod';
import { dayRangeProblem } from '../domain/day-range.js';
import { isoDate, uuidSchema } from '../domain/values.js';
import { MUTATION_NAMES, type MutateRequest, type MutationName } from '../mutations/registry.js';
import type { SyncStatus } from '../sync/status.js';
import type { UpdateState } from '../update/update-state.js';
import { auditHistoryParamsSchema, type AuditHistory } from './audit.js';
import {
  createEnrolmentCodeRequestSchema,
  createStaffRequestSchema,
  deviceNameSchema,
  updateStaffRequestSchema,
  usernameSchema,
  type EnrolmentCodeResponse,
  type StaffAccount,
} from '../auth/wire.js';
import { newPasswordSchema, offeredPasswordSchema } from '../auth/password-policy.js';
import { serverAddressSchema } from '../auth/server-address.js';
import { enrolmentCodeSchema } from '../auth/wire.js';
import {
  holdChannelRequestSchema,
  rollbackChannelRequestSchema,
  rolloutChannelRequestSchema,
  updateChannelSchema,
  type UpdateChannelState,
  type UpdatesOverview,
} from '../release/update-admin-wire.js';
import type { IdentityState, OutboxExport } from './identity-views.js';
import type {
  BillDetail,
  ClinicRow,
  ConflictRow,
  DayAppointment,
  DeviceView,
  OwnerDetail,
  OwnerDuplicateView,
  PatientChart,
  PatientHitView,
  PriceListItemRow,
  RejectionView,
  RestoreGapView,
  SearchHitView,
  StaffRow,
} from './views.js';

/**
 * The one API the UI calls, as operation name -> argument schema -> result type. The
 * dispatcher (`core/api/rpc/serve-contract.ts`), the backend handlers and the page's client
 * (`core/api/rpc/contract-client.ts`, over the web bridge or the desktop app's MessagePort) are
 * all typed from this map; the backend validates arguments against it before any handler runs.
 */
// The type parameter is a phantom: it carries the operation's result type into `API`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function operation<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

const empty = z.object({});

/**
 * The `mutate` input. At runtime this boundary checks the name and that `args` is an object;
 * the arguments proper are validated against the mutation's own schema once the backend has
 * filled in `base` and `baseVersion` (db/local/outbox.ts), which a schema here could not
 * express. The static type is that per-mutation contract, so callers are checked by the
 * compiler against the mutation they name.
 */
const mutateInput = z.object({
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  args: z.record(z.string(), z.unknown()),
}) as z.ZodType as z.ZodType<MutateRequest, MutateRequest>;

export const API = {
  'sync.status': operation<SyncStatus>()(empty),
  /** The desktop app's updater (`unavailable` in the web bridge): what the status bar shows. */
  'update.status': operation<UpdateState>()(empty),
  /** Looks for a new version now (and downloads it); returns at once. Throws UPDATE_UNAVAILABLE without an updater. */
  'update.check': operation<null>()(empty),
  /**
   * Quits and installs the verified version that is `ready`. The page asks first
   * (core/update/restart-decision.ts). Throws UPDATE_UNAVAILABLE when no version is ready.
   */
  'update.install': operation<null>()(empty),
  /** Enrolment, who is signed in, whether the screen is locked: what the shell shows. */
  'identity.state': operation<IdentityState>()(empty),
  /**
   * First start: trades an admin's one-time code for this workstation's device token.
   * Throws VALIDATION_FAILED for a plain-http address that is not this computer (unless allowed
   * for development), ENROLMENT_CODE_INVALID, SERVER_UNAVAILABLE.
   */
  'setup.enrol': operation<IdentityState>()(
    z.object({ serverUrl: serverAddressSchema, code: enrolmentCodeSchema, deviceName: deviceNameSchema.optional() }),
  ),
  /**
   * Signs a person in: online when the central server answers, else offline against the
   * verifier cached at their last online sign-in here. Throws SIGN_IN_FAILED, SIGN_IN_LOCKED
   * (details.retryAfterSeconds), DEVICE_REVOKED, NOT_ENROLLED.
   */
  'session.signIn': operation<IdentityState>()(z.object({ username: usernameSchema, password: offeredPasswordSchema })),
  /** Ends the session (and the server's, when reachable); changes already made still sync. */
  'session.signOut': operation<IdentityState>()(empty),
  /** Locks the screen: the session's keys leave memory until someone signs in again. */
  'session.lock': operation<IdentityState>()(empty),
  /** The signed-in person changes their own password (online only). */
  'session.changePassword': operation<null>()(
    z.object({ currentPassword: offeredPasswordSchema, newPassword: newPasswordSchema }),
  ),
  /** Unsynced changes as a file, for a workstation that can no longer sync (revoked). */
  'outbox.export': operation<OutboxExport>()(empty),
  'session.current': operation<StaffRow | null>()(empty),
  /** The signed-in staff member's clinic as the replica holds it; null before the first sync brings it. */
  'clinic.current': operation<ClinicRow | null>()(empty),
  'search.ownersAndPatients': operation<SearchHitView[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  ),
  /**
   * The booking picker: patients that can be booked (not deceased) by their name or microchip,
   * or by their owner's name, phone or e-mail, through the same index as the global search.
   */
  'search.bookablePatients': operation<PatientHitView[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  ),
  /**
   * Owners on this workstation who may be the person about to be registered (same name, phone
   * or e-mail): a warning shown before saving, never a refusal.
   */
  'owner.duplicates': operation<OwnerDuplicateView[]>()(
    z.object({
      first_name: z.string().max(100),
      last_name: z.string().max(100),
      phone: z.string().max(40).nullable(),
      email: z.string().max(254).nullable(),
    }),
  ),
  'owner.detail': operation<OwnerDetail | null>()(z.object({ id: uuidSchema })),
  /**
   * The owner's account from this workstation's replica (core/domain/owner-account.ts): owed,
   * credit, balance, unpaid bills and every payment, credit use and refund oldest first,
   * pending local changes included. Null for an unknown owner.
   */
  'owner.account': operation<OwnerAccount | null>()(z.object({ id: uuidSchema })),
  'patient.chart': operation<PatientChart | null>()(z.object({ id: uuidSchema })),
  'appointments.day': operation<DayAppointment[]>()(
    z.object({ date: isoDate, vetId: uuidSchema.nullable().optional(), timeZone: z.string().min(1).optional() }),
  ),
  /**
   * Appointments of the calendar days `from`..`to` (inclusive, at most 31 days: `MAX_RANGE_DAYS`) in `timeZone`
   * (default: the clinic's), optionally one vet's, in time order, with overlaps flagged.
   */
  'appointments.range': operation<DayAppointment[]>()(
    z
      .object({
        from: isoDate,
        to: isoDate,
        vetId: uuidSchema.nullable().optional(),
        timeZone: z.string().min(1).optional(),
      })
      .superRefine((input, context) => {
        const problem = dayRangeProblem(input.from, input.to);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem, path: ['to'] });
      }),
  ),
  /**
   * Bookings from the start of `date` (the clinic's day) on that still wait for a patient who
   * has died, in time order: staff cancel them or call the owner.
   */
  'appointments.deceasedPatients': operation<DayAppointment[]>()(
    z.object({ date: isoDate, timeZone: z.string().min(1).optional() }),
  ),
  'bill.detail': operation<BillDetail | null>()(z.object({ id: uuidSchema })),
  'staff.list': operation<StaffRow[]>()(empty),
  'priceList.list': operation<PriceListItemRow[]>()(empty),
  'conflicts.list': operation<ConflictRow[]>()(z.object({ includeResolved: z.boolean().optional() })),
  /** Admins only: every staff member, removed ones included (active first). */
  'admin.staff': operation<StaffRow[]>()(empty),
  /** Admins only: every enrolled workstation, this one marked. */
  'admin.devices': operation<DeviceView[]>()(empty),
  /** Admins only, online: a new staff account with a first password. */
  'admin.createStaff': operation<StaffAccount>()(createStaffRequestSchema),
  /** Admins only, online: name, e-mail, role, or `active: false` to deactivate. */
  'admin.updateStaff': operation<StaffAccount>()(z.object({ id: uuidSchema, changes: updateStaffRequestSchema })),
  /** Admins only, online: sets a new password and ends the person's sessions everywhere. */
  'admin.resetPassword': operation<null>()(z.object({ id: uuidSchema, newPassword: newPasswordSchema })),
  /** Admins only, online: a one-time code another workstation enrols with. */
  'admin.createEnrolmentCode': operation<EnrolmentCodeResponse>()(createEnrolmentCodeRequestSchema),
  /** Admins only, online: the workstation stops syncing at once. */
  'admin.revokeDevice': operation<null>()(z.object({ id: uuidSchema })),
  /** Admins only, online: every update channel's state and every published release, newest first. */
  'admin.updates': operation<UpdatesOverview>()(empty),
  /**
   * Admins only, online: holds a channel (serve nothing new) or resumes it (`held: false`).
   * Returns the channel's new state.
   */
  'admin.holdChannel': operation<UpdateChannelState>()(
    holdChannelRequestSchema.extend({ channel: updateChannelSchema }),
  ),
  /** Admins only, online: serves an earlier release of the channel to everyone. Throws NOT_FOUND for a version it never had. */
  'admin.rollbackChannel': operation<UpdateChannelState>()(
    rollbackChannelRequestSchema.extend({ channel: updateChannelSchema }),
  ),
  /** Admins only, online: the share of devices served the current release. Throws CHANNEL_HELD on a held channel. */
  'admin.setRollout': operation<UpdateChannelState>()(
    rolloutChannelRequestSchema.extend({ channel: updateChannelSchema }),
  ),
  /**
   * Admins only, online: changes the last server restore could not bring back and no
   * workstation has pushed again, oldest first, with the device's and person's names.
   */
  'admin.restoreGaps': operation<RestoreGapView[]>()(empty),
  /**
   * Admins only, online only: one record's changes from the central server's audit trail.
   * Throws BACKEND_UNAVAILABLE when the central server cannot be reached.
   */
  'audit.history': operation<AuditHistory>()(auditHistoryParamsSchema),
  'rejections.list': operation<RejectionView[]>()(empty),
  'rejections.discard': operation<null>()(z.object({ id: uuidSchema })),
  'rejections.retry': operation<{ id: string }>()(z.object({ id: uuidSchema, args: z.unknown().optional() })),
  /**
   * Runs a named mutation. For edits, `base` (the values the change starts from) and
   * `baseVersion` may be left out: the backend fills them from what this workstation shows.
   */
  mutate: operation<{ id: string }>()(mutateInput),
} as const;

export type ApiName = keyof typeof API;

/**
 * Operations that wait on the central server and run memory-hard password hashes: seconds
 * each on a busy machine, and a sign-in that times out online then checks the password offline
 * as well. A page gives them a longer answer limit than the calls that read the local replica.
 */
export const SLOW_OPERATIONS: ReadonlySet<ApiName> = new Set<ApiName>([
  'setup.enrol',
  'session.signIn',
  'session.changePassword',
  'outbox.export',
  'admin.staff',
  'admin.devices',
  'admin.createStaff',
  'admin.updateStaff',
  'admin.resetPassword',
  'admin.createEnrolmentCode',
  'admin.revokeDevice',
  'admin.updates',
  'admin.holdChannel',
  'admin.rollbackChannel',
  'admin.setRollout',
  'admin.restoreGaps',
]);
export type ApiInput<Name extends ApiName> = z.input<(typeof API)[Name]['input']>;
export type ApiOutput<Name extends ApiName> = (typeof API)[Name]['output'];

/** The client's operations: one async function per operation of the contract. */
export type VetdeskApi = { [Name in ApiName]: (input: ApiInput<Name>) => Promise<ApiOutput<Name>> };
