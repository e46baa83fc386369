import type { z } from 'zod';
import { API, type ApiInput, type ApiName, type ApiOutput } from '../../core/api/contract.js';
import type { RejectionView } from '../../core/api/views.js';
import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import type { LocalReplica, MutationStaff } from '../../db/local/replica.js';
import type { SyncEngine } from '../../sync/client/sync-engine.js';
import { requireAdmin } from './require-admin.js';

type ParsedInput<Name extends ApiName> = z.output<(typeof API)[Name]['input']>;
type Handlers = {
  [Name in ApiName]: (input: ParsedInput<Name>) => ApiOutput<Name> | Promise<ApiOutput<Name>>;
};

function notYet(): never {
  throw new AppError(ErrorCode.Internal, 'Not built yet');
}

/** Who is signed in on this workstation. */
export interface BackendSession {
  staffId: string;
}

/**
 * The workstation backend: serves the clinic operations of the API contract over the local
 * replica, beside the sync engine. Every call's input is validated against the contract before
 * its handler runs; errors leave as AppError (on the wire: { code, message, details }).
 */
export class WorkstationBackend {
  private readonly handlers: Handlers;

  constructor(
    readonly replica: LocalReplica,
    readonly sync: SyncEngine | null,
    private readonly session: BackendSession,
  ) {
    this.handlers = this.buildHandlers();
  }

  /**
   * Runs one API operation.
   * @throws AppError VALIDATION_FAILED (bad input), NOT_FOUND (unknown operation), FORBIDDEN,
   *   and whatever the operation itself reports.
   */
  async call<Name extends ApiName>(name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
    if (!Object.hasOwn(API, name)) throw new AppError(ErrorCode.NotFound, `Unknown operation ${name}`);
    const parsed = API[name].input.safeParse(input);
    if (!parsed.success) {
      throw validationError(parsed.error);
    }
    const handler = this.handlers[name] as (value: unknown) => ApiOutput<Name> | Promise<ApiOutput<Name>>;
    return handler(parsed.data);
  }

  /** The clinic's IANA time zone (UTC until the first sync brings the clinic). */
  private clinicTimeZone(): string {
    return this.replica.read.currentClinic(this.session.staffId)?.timezone ?? 'UTC';
  }

  /** @throws AppError FORBIDDEN when the signed-in staff member is unknown here or removed. */
  private currentStaff(): MutationStaff {
    const staff = this.replica.read.staffMember(this.session.staffId);
    if (!staff || staff.deleted_at !== null) {
      throw new AppError(ErrorCode.Forbidden, 'No staff member is signed in on this workstation');
    }
    return { id: staff.id, role: staff.role };
  }

  private buildHandlers(): Handlers {
    const replica = this.replica;
    const read = replica.read;
    return {
      'sync.status': () => {
        if (!this.sync) throw new AppError(ErrorCode.Internal, 'Sync is not running on this workstation');
        return this.sync.status();
      },
      'session.current': () => read.staffMember(this.session.staffId),
      'clinic.current': () => read.currentClinic(this.session.staffId),
      'search.ownersAndPatients': ({ query, limit }) => replica.searchOwnersAndPatients(query, limit),
      'owner.detail': ({ id }) => read.ownerDetail(id),
      'patient.chart': ({ id }) => read.patientChart(id),
      'appointments.day': ({ date, vetId, timeZone }) =>
        read.dayAppointments(date, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'appointments.range': ({ from, to, vetId, timeZone }) =>
        read.rangeAppointments(from, to, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'bill.detail': ({ id }) => read.billDetail(id),
      'staff.list': () => read.activeStaff(),
      'priceList.list': () => read.activePriceList(),
      'conflicts.list': ({ includeResolved }) => read.conflicts(includeResolved ?? false),
      'admin.staff': () => {
        requireAdmin(this.currentStaff().role, 'see the staff list');
        return read.allStaff();
      },
      'admin.devices': () => {
        requireAdmin(this.currentStaff().role, 'see the devices list');
        return read.allDevices();
      },
      'audit.history': (params) => {
        const staff = this.currentStaff();
        requireAdmin(staff.role, 'see the history of a record');
        if (!this.sync) throw new AppError(ErrorCode.Internal, 'Sync is not running on this workstation');
        // The server takes the person from an online session (x-vetdesk-session), which this
        // backend does not hold yet: the workstation's sign-in (ws-identity) supplies it.
        throw new AppError(ErrorCode.SessionRequired, 'Record history needs an online sign-in on this workstation', {
          staffId: staff.id,
          table: params.table,
        });
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
        const { id: retried } = replica.runMutation(
          entry.name,
          (args ?? entry.args) as Record<string, unknown>,
          this.currentStaff(),
        );
        replica.discardRejected(id);
        this.sync?.statusChanged();
        return { id: retried };
      },
      // FOUNDATION PLACEHOLDERS: replaced by the workstation identity work (session manager).
      'identity.state': () => notYet(),
      'setup.enrol': () => notYet(),
      'session.signIn': () => notYet(),
      'session.signOut': () => notYet(),
      'session.lock': () => notYet(),
      'session.changePassword': () => notYet(),
      'outbox.export': () => notYet(),
      'admin.createStaff': () => notYet(),
      'admin.updateStaff': () => notYet(),
      'admin.resetPassword': () => notYet(),
      'admin.createEnrolmentCode': () => notYet(),
      'admin.revokeDevice': () => notYet(),
      mutate: ({ name, args }) => {
        const { id } = replica.runMutation(name, args, this.currentStaff());
        return { id };
      },
    };
  }
}
