import type { z } from 'zod';
import { API, type ApiInput, type ApiName, type ApiOutput } from '../../core/api/contract.js';
import type { ConflictRow, PriceListItemRow, RejectionView, StaffRow } from '../../core/api/views.js';
import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import type { LocalReplica } from '../../db/local/replica.js';
import { decodeRow } from '../../db/local/row-codec.js';
import type { SyncEngine } from '../../sync/client/sync-engine.js';
import { runMutation } from './mutate.js';
import { adminDevices, adminStaff, requireAdmin } from './queries/admin.js';
import { dayAppointments, rangeAppointments } from './queries/appointments.js';
import { fetchAuditHistory } from './queries/audit-history.js';
import { billDetail } from './queries/bills.js';
import { currentClinic } from './queries/clinic.js';
import { ownerDetail, patientChart } from './queries/owners-patients.js';

type ParsedInput<Name extends ApiName> = z.output<(typeof API)[Name]['input']>;
type Handlers = {
  [Name in ApiName]: (input: ParsedInput<Name>) => ApiOutput<Name> | Promise<ApiOutput<Name>>;
};

/** Who is signed in on this workstation. */
export interface BackendSession {
  staffId: string;
}

function allRows<Row>(replica: LocalReplica, table: 'staff' | 'price_list_items' | 'conflicts', sql: string): Row[] {
  return (replica.db.prepare(sql).all() as Record<string, unknown>[]).map((row) => decodeRow(table, row) as Row);
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
    return currentClinic(this.replica, this.session.staffId)?.timezone ?? 'UTC';
  }

  private currentStaff(): { id: string; role: string } {
    const staff = this.replica.get('staff', this.session.staffId);
    if (!staff || staff['deleted_at'] !== null || typeof staff['role'] !== 'string') {
      throw new AppError(ErrorCode.Forbidden, 'No staff member is signed in on this workstation');
    }
    return { id: this.session.staffId, role: staff['role'] };
  }

  private buildHandlers(): Handlers {
    const replica = this.replica;
    return {
      'sync.status': () => {
        if (!this.sync) throw new AppError(ErrorCode.Internal, 'Sync is not running on this workstation');
        return this.sync.status();
      },
      'session.current': () => (replica.get('staff', this.session.staffId) as StaffRow | undefined) ?? null,
      'clinic.current': () => currentClinic(replica, this.session.staffId),
      'search.ownersAndPatients': ({ query, limit }) => replica.searchOwnersAndPatients(query, limit),
      'owner.detail': ({ id }) => ownerDetail(replica, id),
      'patient.chart': ({ id }) => patientChart(replica, id),
      'appointments.day': ({ date, vetId, timeZone }) =>
        dayAppointments(replica, date, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'appointments.range': ({ from, to, vetId, timeZone }) =>
        rangeAppointments(replica, from, to, timeZone ?? this.clinicTimeZone(), vetId ?? null),
      'bill.detail': ({ id }) => billDetail(replica, id),
      'staff.list': () =>
        allRows<StaffRow>(replica, 'staff', `select * from staff where deleted_at is null order by display_name`),
      'priceList.list': () =>
        allRows<PriceListItemRow>(
          replica,
          'price_list_items',
          `select * from price_list_items where deleted_at is null and active = 1 order by kind, name`,
        ),
      'conflicts.list': ({ includeResolved }) =>
        allRows<ConflictRow>(
          replica,
          'conflicts',
          `select * from conflicts ${includeResolved ? '' : `where status = 'open'`} order by created_at desc`,
        ),
      'admin.staff': () => {
        requireAdmin(this.currentStaff().role, 'see the staff list');
        return adminStaff(replica);
      },
      'admin.devices': () => {
        requireAdmin(this.currentStaff().role, 'see the devices list');
        return adminDevices(replica);
      },
      'audit.history': (params) => {
        const staff = this.currentStaff();
        requireAdmin(staff.role, 'see the history of a record');
        if (!this.sync) throw new AppError(ErrorCode.Internal, 'Sync is not running on this workstation');
        return fetchAuditHistory(this.sync.serverEndpoint(), staff.id, params);
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
        const retried = runMutation(
          replica,
          entry.name,
          (args ?? entry.args) as Record<string, unknown>,
          this.currentStaff(),
        );
        replica.discardRejected(id);
        this.sync?.statusChanged();
        return retried;
      },
      mutate: ({ name, args }) => runMutation(replica, name, args, this.currentStaff()),
    };
  }
}
