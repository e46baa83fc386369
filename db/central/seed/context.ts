import type { Species } from '../../../core/domain/enums.js';
import { uuidv7From } from '../../../core/ids.js';
import type { PriceItem } from './catalog.js';
import type { Breed, SpeciesProfile } from './species.js';
import type { Random } from './random.js';
import type { OwnerRow, PatientRow, PriceListItemRow, Practice, StaffRow } from './rows.js';
import { clinicTime, MS_PER_DAY, MS_PER_MINUTE, weekday } from './time.js';

/**
 * Shared state of one generator run and the knobs that set the practice's size and habits.
 * Rates are per patient-year unless said otherwise; they were tuned so a practice comes out at
 * about 13.5 rows per owner (a million rows from some 75,000 owners).
 */
export const PROFILE = {
  /** Years of clinical history imported from the practice's previous system. */
  historyYears: 6,
  /** Years since VetDesk went live: appointments and bills exist only since then. */
  liveYears: 1,
  patientsPerOwner: { one: 0.6, two: 0.3, three: 0.1 },
  boosterUptake: 0.26,
  illnessVisitsPerYear: 0.14,
  dentalPerYear: 0.05,
  recheckAfterIllness: 0.15,
  phoneNoteAfterVisit: 0.06,
  addendumRate: 0.03,
  billedShare: 0.95,
  noShowPerVisit: 0.05,
  cancelledPerVisit: 0.06,
  /** Appointments booked in the four weeks after the anchor day, per owner. */
  futureAppointmentsPerOwner: 0.08,
  futureDays: 28,
} as const;

/** Minutes after midnight, clinic time. */
export const OPENING = {
  weekday: [8 * 60 + 30, 18 * 60],
  saturday: [9 * 60, 13 * 60],
  lunch: [13 * 60, 14 * 60],
} as const;

/** The notional "now" on the anchor day: morning list done, the late-morning one under way. */
export const NOW_MINUTE = 11 * 60 + 45;

/** What the generator knows about a patient beyond its row: the model its weights come from. */
export interface PatientModel {
  row: PatientRow;
  owner: OwnerRow;
  profile: SpeciesProfile;
  breed: Breed;
  birthDay: number;
  adultWeight: number;
  /** Fractional weight change over a lifetime (some pets put weight on). */
  drift: number;
  preferredVet: StaffRow;
  /** Day the patient was registered and, when it left or died, the last day it was seen. */
  firstDay: number;
  lastDay: number;
  lastWeighed: number;
}

export class SeedContext {
  readonly practice: Practice = {
    clinics: [],
    staff: [],
    price_list_items: [],
    owners: [],
    patients: [],
    medical_records: [],
    appointments: [],
    bills: [],
    bill_items: [],
    bill_medical_records: [],
    payments: [],
  };
  readonly vets: StaffRow[] = [];
  readonly frontDesk: StaffRow[] = [];
  readonly prices = new Map<string, { row: PriceListItemRow; item: PriceItem }>();
  readonly patients: PatientModel[] = [];
  readonly emails = new Set<string>();
  readonly microchips = new Set<string>();
  readonly firstDay: number;
  readonly liveDay: number;
  readonly nowMs: number;

  constructor(
    readonly rng: Random,
    readonly anchorDay: number,
  ) {
    this.firstDay = anchorDay - Math.round(PROFILE.historyYears * 365.25);
    this.liveDay = anchorDay - Math.round(PROFILE.liveYears * 365.25);
    this.nowMs = clinicTime(anchorDay, NOW_MINUTE);
  }

  /** A UUIDv7 whose time part is the row's own creation time, so ids sort like history. */
  id(createdMs: number): string {
    return uuidv7From(createdMs, this.rng.bytes(10));
  }

  /** The price-list entry for `code`. @throws Error when the code is not on the list. */
  price(code: string): { row: PriceListItemRow; item: PriceItem } {
    const entry = this.prices.get(code);
    if (!entry) throw new Error(`seed: price list has no ${code}`);
    return entry;
  }

  /** A vet for a visit: the patient's usual vet most of the time, as clients ask for them. */
  vetFor(patient: PatientModel): StaffRow {
    return this.rng.chance(0.65) ? patient.preferredVet : this.rng.pick(this.vets);
  }

  /** Quarter hours (since the epoch) each vet is booked for, by vet id. */
  readonly #booked = new Map<string, Set<number>>();

  /** Whether `vet` has no booking in [ms, ms + minutes). */
  isFree(vet: StaffRow, ms: number, minutes: number): boolean {
    const booked = this.#booked.get(vet.id);
    return booked === undefined || quartersOf(ms, minutes).every((quarter) => !booked.has(quarter));
  }

  /** Books `vet` for [ms, ms + minutes), so that later bookings avoid that time. */
  book(vet: StaffRow, ms: number, minutes: number): void {
    let booked = this.#booked.get(vet.id);
    if (!booked) this.#booked.set(vet.id, (booked = new Set()));
    for (const quarter of quartersOf(ms, minutes)) booked.add(quarter);
  }

  /**
   * A free vet for a booking at `ms`: the one the client asks for (`vetFor`) if free, else the
   * first free colleague; null when every vet is busy then.
   */
  freeVetFor(patient: PatientModel, ms: number, minutes: number): StaffRow | null {
    const wanted = this.vetFor(patient);
    if (this.isFree(wanted, ms, minutes)) return wanted;
    return this.vets.find((vet) => this.isFree(vet, ms, minutes)) ?? null;
  }

  /**
   * A clinic-hours start time on `day` or the nearest open day before `limitDay`: Monday to
   * Friday 08:30-17:30, Saturday 09:00-12:30, in 15-minute steps; Sunday moves to Monday.
   */
  slot(day: number, limitDay: number): { day: number; ms: number } {
    let d = day;
    if (weekday(d) === 0) d = d + 1 <= limitDay ? d + 1 : d - 1;
    const [open, close] = weekday(d) === 6 ? OPENING.saturday : OPENING.weekday;
    const steps = (close - open - 30) / 15;
    return { day: d, ms: clinicTime(d, open + 15 * this.rng.int(0, steps)) };
  }
}

const QUARTER_MS = 15 * MS_PER_MINUTE;

/** The quarter hours [ms, ms + minutes) touches, at least one. */
function quartersOf(ms: number, minutes: number): number[] {
  const first = Math.floor(ms / QUARTER_MS);
  const end = Math.max(first + 1, Math.ceil((ms + minutes * MS_PER_MINUTE) / QUARTER_MS));
  return Array.from({ length: end - first }, (_, i) => first + i);
}

/** `ms` plus whole minutes. */
export const plusMinutes = (ms: number, minutes: number): number => ms + minutes * MS_PER_MINUTE;

/** `ms` plus whole days. */
export const plusDays = (ms: number, days: number): number => ms + days * MS_PER_DAY;

/**
 * A weight in kg as a clinic scale reads it (whole kg for horses, 100 g for dogs, grams for
 * a budgie), as numeric(7,3) text, never below the smallest storable positive value.
 */
export function weightText(kg: number): string {
  const step = kg >= 100 ? 1 : kg >= 10 ? 0.1 : kg >= 1 ? 0.01 : 0.001;
  return Math.max(0.001, Math.round(kg / step) * step).toFixed(3);
}

/** Species for which a yard visit (call-out) is charged instead of a surgery consultation. */
export const YARD_SPECIES: ReadonlySet<Species> = new Set<Species>(['horse', 'other']);
