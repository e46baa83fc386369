import type { PatientModel, SeedContext } from './context.js';
import { plusMinutes, PROFILE } from './context.js';
import type { Visit, VisitKind } from './visits.js';
import { makeVisit, maybeAddendum, visitMinutes } from './visits.js';
import { clinicTime, weekday } from './time.js';

interface PlannedVisit {
  day: number;
  kind: VisitKind;
}

const NEUTERED_HERE = new Set(['dog', 'cat', 'rabbit']);

/**
 * Plans a patient's life at the practice from its first visit to its last day: boosters on
 * anniversaries, illnesses at random (with rechecks and follow-up calls), neutering of the
 * young, dentals and lumps with age, and euthanasia for most who died. Visit counts grow with
 * the years the patient has been a client.
 */
function plan(ctx: SeedContext, patient: PatientModel): PlannedVisit[] {
  const { rng } = ctx;
  const { firstDay, lastDay, birthDay } = patient;
  const species = patient.row.species;
  const planned: PlannedVisit[] = [];
  const add = (day: number, kind: VisitKind) => {
    if (day > firstDay && day <= lastDay) planned.push({ day, kind });
  };
  const years = (lastDay - firstDay) / 365;

  if (patient.profile.vaccinable) {
    for (let k = 1; firstDay + 365 * k <= lastDay; k++) {
      if (rng.chance(PROFILE.boosterUptake)) add(firstDay + 365 * k + rng.int(-10, 25), 'booster');
    }
  }
  const illnesses = rng.poisson(PROFILE.illnessVisitsPerYear * years);
  for (let i = 0; i < illnesses; i++) {
    const day = rng.int(firstDay + 1, Math.max(firstDay + 1, lastDay));
    add(day, 'illness');
    if (rng.chance(PROFILE.recheckAfterIllness)) add(day + rng.int(7, 14), 'recheck');
  }
  if (NEUTERED_HERE.has(species) && !patient.row.neutered && patient.row.gender !== 'unknown') {
    if (firstDay - birthDay < 270 && rng.chance(patient.profile.neuterRate))
      add(birthDay + rng.int(180, 300), 'neuter');
  }
  if (species === 'dog' || species === 'cat' || species === 'rabbit') {
    const seniorFrom = Math.max(firstDay, birthDay + 3 * 365);
    const dentals = lastDay > seniorFrom ? rng.poisson((PROFILE.dentalPerYear * (lastDay - seniorFrom)) / 365) : 0;
    for (let i = 0; i < dentals; i++) add(rng.int(seniorFrom, lastDay), 'dental');
    if (species === 'dog' && lastDay - birthDay > 7 * 365 && rng.chance(0.06)) {
      add(rng.int(Math.max(firstDay, birthDay + 7 * 365), lastDay), 'lump');
    }
  }
  if (patient.row.status === 'deceased' && rng.chance(0.75)) add(lastDay, 'euthanasia');
  return planned.sort((a, b) => a.day - b.day);
}

/**
 * Generates a patient's visits before the anchor day, starting with its first visit at
 * `firstVisitMs`, appending their records (and any addenda) to the practice.
 * @returns the visits, oldest first.
 */
export function makeHistory(ctx: SeedContext, patient: PatientModel, firstVisitMs: number): Visit[] {
  const { rng } = ctx;
  const recentDraft = (day: number) => day >= ctx.anchorDay - 2 && rng.chance(0.35);
  const visits: Visit[] = [];
  const push = (visit: Visit) => {
    visits.push(visit);
    maybeAddendum(ctx, visit);
    if (visit.inPerson && rng.chance(PROFILE.phoneNoteAfterVisit)) {
      const day = visit.day + rng.int(1, 4);
      if (day <= patient.lastDay) {
        const at = clinicTime(day, rng.int(9 * 60, 17 * 60 + 30));
        visits.push(makeVisit(ctx, patient, 'phone', day, at, visit.vet, { draft: recentDraft(day) }));
      }
    }
  };
  // The first visit's time is the registration's; only the vet can give way.
  const firstMinutes = visitMinutes('new');
  const firstVet = ctx.freeVetFor(patient, firstVisitMs, firstMinutes) ?? ctx.vetFor(patient);
  ctx.book(firstVet, firstVisitMs, firstMinutes);
  push(
    makeVisit(ctx, patient, 'new', patient.firstDay, firstVisitMs, firstVet, { draft: recentDraft(patient.firstDay) }),
  );
  for (const next of plan(ctx, patient)) {
    let slot = ctx.slot(next.day, patient.lastDay);
    // A Sunday moved back onto the registration day would come before the first visit.
    if (slot.day <= patient.firstDay) continue;
    const surgical = next.kind === 'dental' || next.kind === 'neuter' || next.kind === 'lump';
    // Surgical patients are admitted first thing.
    const admission = (day: number) =>
      clinicTime(day, (weekday(day) === 6 ? 9 * 60 : 8 * 60 + 30) + 15 * rng.int(0, 3));
    if (surgical) slot = { day: slot.day, ms: admission(slot.day) };
    // The desk books a time some vet has free that day, as it would; a practice far too busy
    // for its vets (a huge demo) double-books after a few tries rather than lose the visit.
    const minutes = visitMinutes(next.kind);
    let vet = ctx.freeVetFor(patient, slot.ms, minutes);
    for (let tries = 0; vet === null && tries < 6; tries++) {
      slot = surgical ? { day: slot.day, ms: admission(slot.day) } : ctx.slot(slot.day, slot.day);
      vet = ctx.freeVetFor(patient, slot.ms, minutes);
    }
    vet ??= ctx.vetFor(patient);
    ctx.book(vet, slot.ms, minutes);
    push(makeVisit(ctx, patient, next.kind, slot.day, slot.ms, vet, { draft: recentDraft(slot.day) }));
  }
  // Phone notes were appended out of order; callers rely on chronological visits.
  return visits.sort((a, b) => a.startMs - b.startMs || (a.inPerson ? 0 : 1) - (b.inPerson ? 0 : 1));
}

/** Registration time for a visit at `visitMs`: the desk books the animal in just before. */
export const registrationBefore = (visitMs: number): number => plusMinutes(visitMs, -10);
