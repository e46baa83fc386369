import type { AppointmentStatus } from '../../../core/domain/enums.js';
import { APPOINTMENT_CANCEL_REASONS } from './catalog.js';
import type { PatientModel, SeedContext } from './context.js';
import { NOW_MINUTE, OPENING, plusMinutes, PROFILE } from './context.js';
import { problemsFor } from './problems.js';
import type { AppointmentRow, StaffRow } from './rows.js';
import { clinicTime, isoAt } from './time.js';
import type { Visit, VisitKind } from './visits.js';
import { makeVisit } from './visits.js';

const APPOINTMENT_NOTES: readonly string[] = [
  'Owner asked for the same vet as last time.',
  'Bring a urine sample.',
  'Nervous: wait in the car, call when ready.',
  'Insurance claim form to sign.',
  'Second pet may come along for a weigh-in.',
];

interface Booking {
  patient: PatientModel;
  vet: StaffRow;
  startMs: number;
  minutes: number;
  status: AppointmentStatus;
  reason: string;
  bookedMs: number;
}

type Times = Partial<Pick<AppointmentRow, 'checked_in_at' | 'started_at' | 'completed_at' | 'cancel_reason'>>;

function appointment(ctx: SeedContext, b: Booking, times: Times = {}): AppointmentRow {
  const row: AppointmentRow = {
    id: ctx.id(b.bookedMs),
    patient_id: b.patient.row.id,
    vet_id: b.vet.id,
    scheduled_at: isoAt(b.startMs),
    duration_minutes: b.minutes,
    status: b.status,
    reason: b.reason,
    notes: ctx.rng.chance(0.06) ? ctx.rng.pick(APPOINTMENT_NOTES) : null,
    checked_in_at: times.checked_in_at ?? null,
    started_at: times.started_at ?? null,
    completed_at: times.completed_at ?? null,
    cancel_reason: times.cancel_reason ?? null,
    created_at: isoAt(b.bookedMs),
  };
  ctx.practice.appointments.push(row);
  return row;
}

/** When an appointment starting at `startMs` was booked: the same day or up to three weeks before. */
function bookedBefore(ctx: SeedContext, startMs: number, startDay: number, patient: PatientModel): number {
  const { rng } = ctx;
  const lead = rng.chance(0.3) ? 0 : rng.int(1, 21);
  const booked =
    lead === 0 ? plusMinutes(startMs, -rng.int(30, 180)) : clinicTime(startDay - lead, rng.int(9 * 60, 17 * 60));
  // Not before the patient was registered, nor after the notional "now".
  return Math.min(Math.max(booked, Date.parse(patient.row.created_at)), plusMinutes(ctx.nowMs, -5));
}

/**
 * The appointment book since go-live: a completed appointment for every in-person visit, and
 * now and then a no-show or a cancellation of the same errand in the weeks before it.
 */
export function historyAppointments(ctx: SeedContext, visits: readonly Visit[]): void {
  const { rng } = ctx;
  for (const visit of visits) {
    if (!visit.inPerson || visit.day < ctx.liveDay || visit.day >= ctx.anchorDay) continue;
    const { patient } = visit;
    // A first visit is booked at the desk when the animal is registered.
    const bookedMs =
      visit.kind === 'new' ? Date.parse(patient.row.created_at) : bookedBefore(ctx, visit.startMs, visit.day, patient);
    const started = plusMinutes(visit.startMs, rng.int(0, 10));
    appointment(
      ctx,
      {
        patient,
        vet: visit.vet,
        startMs: visit.startMs,
        minutes: visit.minutes,
        status: 'completed',
        reason: visit.reason,
        bookedMs,
      },
      {
        checked_in_at: isoAt(plusMinutes(visit.startMs, -rng.int(0, 10))),
        started_at: isoAt(started),
        completed_at: isoAt(plusMinutes(started, Math.max(5, visit.minutes + rng.int(-3, 10)))),
      },
    );
    for (const status of ['no_show', 'cancelled'] as const) {
      const rate = status === 'no_show' ? PROFILE.noShowPerVisit : PROFILE.cancelledPerVisit;
      if (!rng.chance(rate)) continue;
      const slot = ctx.slot(visit.day - rng.int(3, 45), ctx.anchorDay - 1);
      if (slot.day < Math.max(ctx.liveDay, patient.firstDay + 1) || slot.day >= visit.day) continue;
      appointment(
        ctx,
        {
          patient,
          vet: visit.vet,
          startMs: slot.ms,
          minutes: visit.minutes,
          status,
          reason: visit.reason,
          bookedMs: bookedBefore(ctx, slot.ms, slot.day, patient),
        },
        status === 'cancelled' ? { cancel_reason: rng.pick(APPOINTMENT_CANCEL_REASONS) } : {},
      );
    }
  }
}

function pickKind(ctx: SeedContext, patient: PatientModel): { kind: VisitKind; reason: string } {
  const { rng } = ctx;
  const kind = rng.weighted<VisitKind>([
    ['booster', 35],
    ['illness', 45],
    ['recheck', 20],
  ]);
  if (kind === 'booster') return { kind, reason: patient.profile.vaccinable ? 'Annual booster' : 'Health check' };
  if (kind === 'recheck') return { kind, reason: 'Recheck' };
  return { kind, reason: rng.pick(problemsFor(patient.row.species)).reason };
}

/**
 * The anchor day: every vet booked solid from 08:30 to 18:00 (lunch 13:00-14:00) in 15-30
 * minute slots, whatever the weekday, so the demo always opens on a busy day. Before the
 * notional "now" (11:45) appointments are completed, with draft records and draft bills; the
 * current one is in progress, the next one checked in, the rest confirmed or scheduled.
 * @returns the visits already seen today.
 */
export function anchorDay(ctx: SeedContext, pool: readonly PatientModel[]): Visit[] {
  const { rng, anchorDay: day } = ctx;
  const visits: Visit[] = [];
  if (pool.length === 0) return visits;
  const seen = new Set<PatientModel>();
  const [open, close] = OPENING.weekday;
  const [lunchStart, lunchEnd] = OPENING.lunch;
  for (const vet of ctx.vets) {
    let minute = open;
    let nextIsWaiting = true;
    for (;;) {
      if (minute >= lunchStart && minute < lunchEnd) minute = lunchEnd;
      const minutes = rng.weighted([
        [15, 50],
        [20, 25],
        [30, 25],
      ]);
      if (minute < lunchStart && minute + minutes > lunchStart) {
        minute = lunchEnd;
        continue;
      }
      if (minute + minutes > close) break;
      let patient = rng.pick(pool);
      for (let tries = 0; seen.has(patient) && tries < 10; tries++) patient = rng.pick(pool);
      seen.add(patient);
      const startMs = clinicTime(day, minute);
      const end = minute + minutes;
      let { kind, reason } = pickKind(ctx, patient);
      let status: AppointmentStatus;
      if (end <= NOW_MINUTE) status = 'completed';
      else if (minute <= NOW_MINUTE) status = 'in_progress';
      else if (nextIsWaiting) status = 'checked_in';
      else status = rng.chance(0.6) ? 'confirmed' : 'scheduled';
      if (status === 'checked_in') nextIsWaiting = false;

      const times: Times = {};
      if (status === 'completed' || status === 'in_progress') {
        if (status === 'in_progress') kind = 'illness';
        const problem = kind === 'illness' ? rng.pick(problemsFor(patient.row.species)) : undefined;
        const visit = makeVisit(ctx, patient, kind, day, startMs, vet, {
          draft: true,
          inProgress: status === 'in_progress',
          ...(problem ? { problem } : {}),
        });
        visit.minutes = minutes;
        reason = visit.reason;
        visits.push(visit);
        const started = Math.min(plusMinutes(startMs, rng.int(0, 5)), ctx.nowMs);
        times.checked_in_at = isoAt(plusMinutes(startMs, -rng.int(2, 10)));
        times.started_at = isoAt(started);
        if (status === 'completed') times.completed_at = isoAt(Math.min(plusMinutes(startMs, minutes), ctx.nowMs));
      } else if (status === 'checked_in') {
        times.checked_in_at = isoAt(plusMinutes(ctx.nowMs, -rng.int(1, 10)));
      }
      appointment(
        ctx,
        { patient, vet, startMs, minutes, status, reason, bookedMs: bookedBefore(ctx, startMs, day, patient) },
        times,
      );
      minute = end;
    }
  }
  return visits;
}

/**
 * Bookings for the weeks after the anchor day, denser in the first days as real books are:
 * confirmed when close, mostly merely scheduled further out. A booking goes where its vet (the
 * patient's usual one, mostly) is free; a very large practice overbooks after a few tries rather
 * than lose appointments.
 */
export function futureAppointments(ctx: SeedContext, pool: readonly PatientModel[], count: number): void {
  const { rng } = ctx;
  if (pool.length === 0) return;
  for (let i = 0; i < count; i++) {
    const patient = rng.pick(pool);
    const vet = rng.chance(0.65) ? patient.preferredVet : rng.pick(ctx.vets);
    const minutes = rng.weighted([
      [15, 50],
      [20, 25],
      [30, 25],
    ]);
    let slot = ctx.slot(
      ctx.anchorDay + 1 + Math.floor(PROFILE.futureDays * rng.next() ** 1.4),
      ctx.anchorDay + PROFILE.futureDays + 1,
    );
    for (let tries = 0; !ctx.isFree(vet, slot.ms, minutes) && tries < 8; tries++) {
      slot = ctx.slot(ctx.anchorDay + 1 + rng.int(0, PROFILE.futureDays - 1), ctx.anchorDay + PROFILE.futureDays + 1);
    }
    ctx.book(vet, slot.ms, minutes);
    const { reason } = pickKind(ctx, patient);
    const soon = slot.day <= ctx.anchorDay + 2;
    const status: AppointmentStatus = rng.chance(soon ? 0.7 : 0.25) ? 'confirmed' : 'scheduled';
    const bookedMs = Math.min(
      Math.max(
        clinicTime(ctx.anchorDay - rng.int(0, 20), rng.int(9 * 60, 17 * 60)),
        Date.parse(patient.row.created_at),
      ),
      plusMinutes(ctx.nowMs, -5),
    );
    appointment(ctx, { patient, vet, startMs: slot.ms, minutes, status, reason, bookedMs });
  }
}
