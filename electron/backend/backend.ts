import type { z } from 'zod';
import { API, type ApiInput, type ApiName, type ApiOutput } from '../../core/api/contract.js';
import type { RejectionView } from '../../core/api/views.js';
import { OPERATION_ROLES, OPERATIONS_WITHOUT_SESSION } from '../../core/auth/permissions.js';
import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import type { SyncStatus } from '../../core/sync/status.js';
import type { LocalReplica } from '../../db/local/replica.js';
import { fetchAuditHistory } from '../../sync/client/audit-history.js';
import { upgradeFailureStatus, type SyncEngine } from '../../sync/client/sync-engine.js';
import { exportOutbox } from './identity/outbox-export.js';
import { sessionRequired } from './identity/session-manager.js';
import type { WorkstationIdentity } from './identity/workstation-identity.js';
import { restoreGapViews } from './restore-gap-views.js';
import { NO_UPDATER, type UpdateControl } from './update-control.js';

/** The status of a workstation that does not sync yet (not enrolled): offline, its outbox as it is. */
function notSyncing(replica: LocalReplica): SyncStatus {
  return {
    connection: 'offline',
    blockedBy: null,
    ...replica.counts(),
    openConflicts: replica.read.openConflictCount(),
    lastSyncAt: replica.meta('last_sync_at') ?? null,
    upgradeFailure: upgradeFailureStatus(replica),
    initialSync: { done: false, rowsReceived: 0, rowsExpected: null },
  };
}

type ParsedInput<Name extends ApiName> = z.output<(typeof API)[Name]['input']>;
type Handlers = {
  [Name in ApiName]: (input: ParsedInput<Name>) => ApiOutput<Name> | Promise<ApiOutput<Name>>;
};

/**
 * The workstation backend: serves the clinic operations of the API contract over the local
 * replica, beside the sync engine. Every call's input is validated against the contract, then
 * checked against the permission matrix (core/auth/permissions.ts) in one place: operations
 * outside OPERATIONS_WITHOUT_SESSION need a signed-in person with the screen unlocked, and
 * OPERATION_ROLES limit some to roles. Errors leave as AppError (on the wire:
 * { code, message, details }). The central server checks again: this only refuses early.
 */
export class WorkstationBackend {
  private readonly handlers: Handlers;
  private readonly syncListeners = new Set<(sync: SyncEngine) => void>();

  constructor(
    readonly replica: LocalReplica,
    private syncEngine: SyncEngine | null,
    readonly identity: WorkstationIdentity,
    /** The desktop app's updater; none in the web bridge and plain Node. */
    readonly updates: UpdateControl = NO_UPDATER,
  ) {
    this.handlers = this.buildHandlers();
  }

  /** The sync engine, once this workstation syncs (after enrolment). */
  get sync(): SyncEngine | null {
    return this.syncEngine;
  }

  /** Gives the backend its sync engine (a workstation enrolled while running); tells subscribers. */
  attachSync(sync: SyncEngine): void {
    this.syncEngine = sync;
    for (const listener of this.syncListeners) listener(sync);
  }

  /** Subscribes to `attachSync`; returns the unsubscribe function. */
  onSyncAttached(listener: (sync: SyncEngine) => void): () => void {
    this.syncListeners.add(listener);
    return () => this.syncListeners.delete(listener);
  }

  /**
   * Runs one API operation.
   * @throws AppError VALIDATION_FAILED (bad input), NOT_FOUND (unknown operation),
   *   SESSION_REQUIRED (nobody signed in, or the screen is locked), FORBIDDEN (the role may not),
   *   and whatever the operation itself reports.
   */
  async call<Name extends ApiName>(name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
    if (!Object.hasOwn(API, name)) throw new AppError(ErrorCode.NotFound, `Unknown operation ${name}`);
    const parsed = API[name].input.safeParse(input);
    if (!parsed.success) {
      throw validationError(parsed.error);
    }
    this.authorize(name);
    const handler = this.handlers[name] as (value: unknown) => ApiOutput<Name> | Promise<ApiOutput<Name>>;
    return handler(parsed.data);
  }

  /** The permission matrix, for every operation. */
  private authorize(name: ApiName): void {
    if (OPERATIONS_WITHOUT_SESSION.has(name)) return;
    if (this.identity.signedInStaffId() === null) throw sessionRequired();
    const roles = OPERATION_ROLES[name];
    if (roles === undefined) return;
    const { role } = this.identity.currentStaff();
    if (!roles.includes(role)) {
      throw new AppError(ErrorCode.Forbidden, `A ${role.replace('_', ' ')} may not use ${name}`, {
        reason: 'role',
        role,
      });
    }
  }

  /** The signed-in person's id (checked by `authorize` before any handler that needs it). */
  private staffId(): string {
    const id = this.identity.signedInStaffId();
    if (id === null) throw sessionRequired();
    return id;
  }

  /** The clinic's IANA time zone (UTC until the first sync brings the clinic). */
  private clinicTimeZone(): string {
    return this.replica.read.currentClinic(this.staffId())?.timezone ?? 'UTC';
  }

  /** Runs a mutation as the signed-in person, signed with their session's key. */
  private runMutation(name: string, args: Record<string, unknown>): { id: string } {
    if (this.identity.isRevoked()) {
      throw new AppError(
        ErrorCode.DeviceRevoked,
        'This workstation was revoked by an admin: changes made here would never reach the server',
      );
    }
    const { id } = this.replica.runMutation(
      name,
      args,
      this.identity.currentStaff(),
      new Date(),
      this.identity.signer(),
    );
    return { id };
  }

  private buildHandlers(): Handlers {
    const replica = this.replica;
    const read = replica.read;
    return {
      'sync.status': () => this.sync?.status() ?? notSyncing(replica),
      'update.status': () => this.updates.state(),
      'update.check': () => {
        this.updates.check();
        return null;
      },
      'update.install': () => {
        this.updates.install();
        return null;
      },
      'session.current': () => read.staffMember(this.staffId()),
      'clinic.current': () => read.currentClinic(this.staffId()),
      'search.ownersAndPatients': ({ query, limit }) => replica.searchOwnersAndPatients(query, limit),
      'search.bookablePatients': ({ query, limit }) => read.bookablePatients(query, limit ?? 30),
      'owner.duplicates': (candidate) => read.ownerDuplicates(candidate),
      'owner.detail': ({ id }) => read.ownerDetail(id),
      'owner.account': ({ id }) => read.ownerAccount(id),
      'patient.chart': ({ id }) => read.patientChart(id),
      'appointments.day': ({ date, vetId, timeZone }) =>
        read.dayAppointments(date, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'appointments.range': ({ from, to, vetId, timeZone }) =>
        read.rangeAppointments(from, to, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'appointments.deceasedPatients': ({ date, timeZone }) =>
        read.deceasedPatientBookings(date, timeZone ?? this.clinicTimeZone()),
      'bill.detail': ({ id }) => read.billDetail(id),
      'staff.list': () => read.activeStaff(),
      'priceList.list': () => read.activePriceList(),
      'conflicts.list': ({ includeResolved }) => read.conflicts(includeResolved ?? false),
      'admin.staff': () => read.allStaff(),
      'admin.devices': () => read.allDevices(),
      'audit.history': (params) => {
        const { client, credentials } = this.identity.onlineSession();
        return fetchAuditHistory(
          { serverUrl: client.serverUrl },
          { authorization: `Bearer ${credentials.deviceToken}`, session: credentials.sessionToken },
          params,
        );
      },
      'rejections.list': () =>
        replica.rejected().map((entry): RejectionView => ({
          id: entry.id,
          name: entry.name,
          args: entry.args,
          createdAt: entry.createdAt,
          error: entry.error,
        })),
      'rejections.discard': ({ id }) => {
        replica.discardRejected(id);
        this.sync?.statusChanged();
        return null;
      },
      'rejections.retry': ({ id, args }) => {
        const entry = replica.rejected().find((candidate) => candidate.id === id);
        if (!entry) throw new AppError(ErrorCode.NotFound, `No rejected change ${id}`);
        const { id: retried } = this.runMutation(entry.name, (args ?? entry.args) as Record<string, unknown>);
        replica.discardRejected(id);
        this.sync?.statusChanged();
        return { id: retried };
      },
      'identity.state': () => this.identity.state(),
      'setup.enrol': (input) => this.identity.enrol(input),
      'session.signIn': ({ username, password }) => this.identity.signIn(username, password),
      'session.signOut': () => this.identity.signOut(),
      'session.lock': () => this.identity.lock(),
      'session.changePassword': async ({ currentPassword, newPassword }) => {
        await this.identity.changePassword(currentPassword, newPassword);
        return null;
      },
      'outbox.export': () => exportOutbox(replica, this.identity.state().enrolment),
      'admin.createStaff': (request) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.createStaff(credentials, request);
      },
      'admin.updateStaff': ({ id, changes }) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.updateStaff(credentials, id, changes);
      },
      'admin.resetPassword': async ({ id, newPassword }) => {
        const { client, credentials } = this.identity.onlineSession();
        await client.resetPassword(credentials, id, { newPassword });
        return null;
      },
      'admin.createEnrolmentCode': (request) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.createEnrolmentCode(credentials, request);
      },
      'admin.revokeDevice': async ({ id }) => {
        const { client, credentials } = this.identity.onlineSession();
        await client.revokeDevice(credentials, id);
        return null;
      },
      'admin.updates': () => {
        const { client, credentials } = this.identity.onlineSession();
        return client.updatesOverview(credentials);
      },
      'admin.holdChannel': ({ channel, held }) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.changeUpdateChannel(credentials, channel, { held });
      },
      'admin.rollbackChannel': ({ channel, version }) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.changeUpdateChannel(credentials, channel, { version });
      },
      'admin.setRollout': ({ channel, percent }) => {
        const { client, credentials } = this.identity.onlineSession();
        return client.changeUpdateChannel(credentials, channel, { percent });
      },
      'admin.restoreGaps': async () => {
        const { client, credentials } = this.identity.onlineSession();
        return restoreGapViews(await client.restoreGaps(credentials), read.allStaff(), read.allDevices());
      },
      mutate: ({ name, args }) => this.runMutation(name, args),
    };
  }
}
