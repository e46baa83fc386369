import type { StaffRole } from '../../../core/domain/enums.js';
import { makeBills, money } from './billing.js';
import { CLINIC, PRICE_LIST } from './catalog.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { plusMinutes, PROFILE, SeedContext } from './context.js';
import { makeHistory, registrationBefore } from './history.js';
import { makeOwner, makePatient, nameSlug } from './people.js';
import { Random } from './random.js';
import type { Practice } from './rows.js';
import { PRACTICE_TABLES } from './rows.js';
import { anchorDay as bookAnchorDay, futureAppointments, historyAppointments } from './schedule.js';
import { CLINIC_TIMEZONE, clinicTime, isoAt, parseDay } from './time.js';
import type { Visit } from './visits.js';

export interface GenerateOptions {
  /** Any integer; the same seed, owners and anchor date always give the same practice. */
  seed: number;
  /** Number of client households, 1 to 2,000,000. Every other count follows from it. */
  owners: number;
  /** The practice's "today" as 'YYYY-MM-DD': history lies before it, bookings after it. */
  anchorDate: string;
}

/** The largest practice the generator makes: about 24 million rows, already beyond any benchmark. */
export const MAX_OWNERS = 2_000_000;

/**
 * Days before the anchor date that the youngest patient was born at the latest. The database
 * refuses birth dates in the future, so an anchor date may lie at most this far after the day
 * the rows are written.
 */
export const MIN_PATIENT_AGE_DAYS = 63;

/**
 * Generates a whole veterinary practice as plain rows, deterministically: no clock, no
 * `Math.random()`, every id a UUIDv7 of the row's own creation time plus seeded random bits.
 *
 * What comes out, per owner on average (measured at 5,000 owners; the counts grow linearly
 * with `owners`, except the clinic, staff, price list and the anchor day's appointments):
 * 1.5 patients, 4.8 medical records, 1.1 appointments, 0.9 bills with 1.9 items and 1.3
 * record links, 1.0 payments: about 13.5 rows per owner, so 75,000 owners make a million
 * rows (80,000 make 1.08 million).
 *
 * The story: six years of clinical history (imported from an older system), VetDesk live
 * for the last year (so appointments and bills start then), a fully booked anchor day for
 * every vet whatever its weekday, and four weeks of bookings after it. Staff: one admin,
 * three vets (four from 1,500 owners), a nurse per vet and two or three at the front desk.
 * Rows come sorted by creation time, which is also the order bills must be inserted in.
 *
 * @throws RangeError when `owners` is not an integer in 1..MAX_OWNERS, `seed` is not a finite
 *   number or `anchorDate` is not a real 'YYYY-MM-DD' date from 1980 on.
 */
export function generatePractice(options: GenerateOptions): Practice {
  const { seed, owners, anchorDate } = options;
  if (!Number.isInteger(owners) || owners < 1 || owners > MAX_OWNERS) {
    throw new RangeError(`owners must be an integer from 1 to ${MAX_OWNERS}: ${owners}`);
  }
  const anchor = parseDay(anchorDate);
  if (anchor < parseDay('1980-01-01')) throw new RangeError(`anchorDate must be 1980-01-01 or later: ${anchorDate}`);
  const ctx = new SeedContext(new Random(seed), anchor);
  const { rng } = ctx;

  const openedMs = clinicTime(ctx.firstDay - 30, 9 * 60);
  const clinic = {
    id: ctx.id(openedMs),
    name: CLINIC.name,
    address: CLINIC.address,
    phone: CLINIC.phone,
    email: CLINIC.email,
    timezone: CLINIC_TIMEZONE,
    currency: CLINIC.currency,
    tax_registration_number: CLINIC.taxRegistrationNumber,
    payment_terms: CLINIC.paymentTerms,
    default_due_days: CLINIC.defaultDueDays,
    created_at: isoAt(openedMs),
  };
  ctx.practice.clinics.push(clinic);
  makeStaff(ctx, clinic.id, owners, openedMs);
  for (const item of PRICE_LIST) {
    const createdMs = plusMinutes(openedMs, 60);
    const row = {
      id: ctx.id(createdMs),
      code: item.code,
      name: item.name,
      kind: item.kind,
      unit_price: money(item.cents),
      tax_rate: (item.rate / 10000).toFixed(4),
      active: true,
      created_at: isoAt(createdMs),
    };
    ctx.practice.price_list_items.push(row);
    ctx.prices.set(item.code, { row, item });
  }

  const lastRegistration = anchor - 7;
  const visits: Visit[] = [];
  for (let i = 0; i < owners; i++) {
    const first = ctx.slot(rng.int(ctx.firstDay, lastRegistration), lastRegistration);
    const owner = makeOwner(ctx, plusMinutes(registrationBefore(first.ms), -5));
    const { one, two } = PROFILE.patientsPerOwner;
    const roll = rng.next();
    const count = roll < one ? 1 : roll < one + two ? 2 : 3;
    for (let k = 0; k < count; k++) {
      // Further pets join later, or come in together with the first one.
      let slot = k === 0 ? first : ctx.slot(rng.int(first.day, lastRegistration), lastRegistration);
      if (slot.day <= first.day) slot = { day: first.day, ms: plusMinutes(first.ms, 20 * k) };
      const patient = makePatient(ctx, owner, slot.day, registrationBefore(slot.ms));
      visits.push(...makeHistory(ctx, patient, slot.ms));
    }
  }

  historyAppointments(ctx, visits);
  const pool = ctx.patients.filter((p) => p.row.status === 'active');
  const today = bookAnchorDay(ctx, pool);
  futureAppointments(ctx, pool, Math.round(owners * PROFILE.futureAppointmentsPerOwner));
  makeBills(ctx, [...visits, ...today]);

  // Creation order: bills are numbered in insertion order, so they must go in chronologically,
  // and time-ordered keys then append to the end of each primary-key index. Every id starts with
  // its row's creation time in fixed-width hex, so sorting by id is sorting by creation.
  for (const table of PRACTICE_TABLES) {
    (ctx.practice[table] as { id: string }[]).sort(byId);
  }
  return ctx.practice;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function makeStaff(ctx: SeedContext, clinicId: string, owners: number, openedMs: number): void {
  const { rng } = ctx;
  const vets = owners >= 1500 ? 4 : 3;
  const roles: StaffRole[] = [
    'admin',
    ...Array<StaffRole>(vets).fill('vet'),
    ...Array<StaffRole>(vets).fill('nurse'),
    ...Array<StaffRole>(vets >= 4 ? 3 : 2).fill('front_desk'),
  ];
  const usernames = new Set<string>();
  roles.forEach((role, index) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const base = `${nameSlug(first)}.${nameSlug(last)}`;
    let username = base;
    for (let n = 2; usernames.has(username); n++) username = `${base}${n}`;
    usernames.add(username);
    const createdMs = plusMinutes(openedMs, 10 + index);
    const row = {
      id: ctx.id(createdMs),
      clinic_id: clinicId,
      role,
      display_name: role === 'vet' ? `Dr ${first} ${last}` : `${first} ${last}`,
      username,
      email: `${username}@${CLINIC.staffDomain}`,
      created_at: isoAt(createdMs),
    };
    ctx.practice.staff.push(row);
    if (role === 'vet') ctx.vets.push(row);
    if (role === 'front_desk') ctx.frontDesk.push(row);
  });
}
