import type { OwnerAccount } from '../../../core/domain/owner-account.js';
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
  StaffRow,
} from '../../../core/api/views.js';
import { zonedDayRange } from '../../../core/util/time.js';
import type { LocalDatabase } from '../open.js';
import { dayAppointments, deceasedPatientBookings, rangeAppointments } from './appointments.js';
import { billDetail } from './bills.js';
import { activePriceList, allDevices, conflictList, openConflictCount } from './catalog-conflicts-devices.js';
import { ownerAccountOf } from './owner-account.js';
import { findOwnerDuplicates, type OwnerCandidate } from './owner-duplicates.js';
import { ownerDetail, patientChart } from './owners-patients.js';
import { searchBookablePatients } from './patient-search.js';
import { activeStaff, allStaff, currentClinic, staffMember } from './staff-clinic.js';

/**
 * What staff read from the replica: every read model the workstation serves, each one SQL
 * statement family over the visible views (pending local changes included and flagged). The
 * only way outside db/local reads the replica's tables; none of these write or throw for missing
 * data (unknown ids give null), except where a method says so.
 */
export class LocalReadModels {
  constructor(
    private readonly db: LocalDatabase,
    private readonly deviceId: () => string | null,
  ) {}

  /** The signed-in staff member's clinic (or the first one), null before the first sync. */
  currentClinic(staffId: string): ClinicRow | null {
    return currentClinic(this.db, staffId);
  }

  /** A staff member by id, removed ones included. */
  staffMember(id: string): StaffRow | null {
    return staffMember(this.db, id);
  }

  /** Staff who are not removed, by display name. */
  activeStaff(): StaffRow[] {
    return activeStaff(this.db);
  }

  /** Every staff member, removed ones last. */
  allStaff(): StaffRow[] {
    return allStaff(this.db);
  }

  /** Every enrolled workstation, this one marked `this_workstation`. */
  allDevices(): DeviceView[] {
    return allDevices(this.db, this.deviceId());
  }

  /** An owner with live patients, bills (with totals) and the open balance; null when unknown. */
  ownerDetail(id: string): OwnerDetail | null {
    return ownerDetail(this.db, id);
  }

  /** See `ownerAccountOf` in ./owner-account.ts: credit, what is owed, and every payment. */
  ownerAccount(id: string): OwnerAccount | null {
    return ownerAccountOf(this.db, id);
  }

  /** A patient's chart: owner, records, weights, bookings, bills; null when unknown. */
  patientChart(id: string): PatientChart | null {
    return patientChart(this.db, id);
  }

  /** See `dayAppointments` in ./appointments.ts. */
  dayAppointments(date: string, timeZone: string, vetId?: string | null): DayAppointment[] {
    return dayAppointments(this.db, date, timeZone, vetId);
  }

  /**
   * See `rangeAppointments` in ./appointments.ts.
   * @throws AppError VALIDATION_FAILED for a reversed range or one longer than MAX_RANGE_DAYS.
   */
  rangeAppointments(from: string, to: string, timeZone: string, vetId?: string | null): DayAppointment[] {
    return rangeAppointments(this.db, from, to, timeZone, vetId);
  }

  /** See `deceasedPatientBookings` in ./appointments.ts: from the start of `date` in `timeZone` on. */
  deceasedPatientBookings(date: string, timeZone: string): DayAppointment[] {
    return deceasedPatientBookings(this.db, zonedDayRange(date, timeZone).start);
  }

  /** See `searchBookablePatients` in ./patient-search.ts. */
  bookablePatients(input: string, limit: number): PatientHitView[] {
    return searchBookablePatients(this.db, input, limit);
  }

  /** See `findOwnerDuplicates` in ./owner-duplicates.ts. */
  ownerDuplicates(candidate: OwnerCandidate): OwnerDuplicateView[] {
    return findOwnerDuplicates(this.db, candidate);
  }

  /** A bill with its items, payments, linked records and totals; null when unknown. */
  billDetail(id: string): BillDetail | null {
    return billDetail(this.db, id);
  }

  /** Billable price list items (active, not removed), by kind then name. */
  activePriceList(): PriceListItemRow[] {
    return activePriceList(this.db);
  }

  /** The conflicts inbox, newest first; resolved ones only when asked. */
  conflicts(includeResolved: boolean): ConflictRow[] {
    return conflictList(this.db, includeResolved);
  }

  /** How many conflicts wait for staff (the sync status shows it). */
  openConflictCount(): number {
    return openConflictCount(this.db);
  }
}
