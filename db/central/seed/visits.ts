import type { RecordType, Species } from '../../../core/domain/enums.js';
import type { ClinicalContext, Soap } from './clinical-text.js';
import {
  addendum,
  dental,
  euthanasia,
  examFindings,
  illnessExam,
  labResult,
  phoneNote,
  surgery,
  vaccination,
  wellnessExam,
} from './clinical-text.js';
import type { PatientModel, SeedContext } from './context.js';
import { plusMinutes, PROFILE, YARD_SPECIES } from './context.js';
import { weigh } from './people.js';
import type { Problem } from './problems.js';
import { problemsFor } from './problems.js';
import type { MedicalRecordRow, StaffRow } from './rows.js';
import { clinicTime, formatDay, isoAt } from './time.js';

/** A charge for a visit: a price-list code and how many. */
export interface Charge {
  code: string;
  quantity: number;
}

export type VisitKind =
  'new' | 'booster' | 'illness' | 'recheck' | 'dental' | 'neuter' | 'lump' | 'phone' | 'euthanasia';

/** One contact with the practice: its records, and what it costs. */
export interface Visit {
  kind: VisitKind;
  patient: PatientModel;
  vet: StaffRow;
  day: number;
  startMs: number;
  minutes: number;
  reason: string;
  records: MedicalRecordRow[];
  charges: Charge[];
  /** Phone calls have no appointment and no bill. */
  inPerson: boolean;
}

const VACCINE_CODES: Readonly<Partial<Record<Species, { primary: string; booster: string }>>> = {
  dog: { primary: 'VAC-DOG-PRI', booster: 'VAC-DOG-BST' },
  cat: { primary: 'VAC-CAT-PRI', booster: 'VAC-CAT-BST' },
  rabbit: { primary: 'VAC-RAB', booster: 'VAC-RAB' },
  horse: { primary: 'VAC-EQ', booster: 'VAC-EQ' },
};

const VISIT_MINUTES: Readonly<Record<VisitKind, number>> = {
  new: 20,
  booster: 15,
  illness: 20,
  recheck: 15,
  dental: 30,
  neuter: 30,
  lump: 30,
  phone: 0,
  euthanasia: 30,
};

/** How long a visit of this kind is booked for (0: a phone call, not booked). */
export const visitMinutes = (kind: VisitKind): number => VISIT_MINUTES[kind];

/** Options for one visit: a draft visit is today's, not yet signed off by the vet. */
export interface VisitOptions {
  draft: boolean;
  problem?: Problem;
  /** An appointment under way: the exam is half written and nothing else is recorded yet. */
  inProgress?: boolean;
}

function neuterProcedure(patient: PatientModel): { title: string; code: string } {
  const { species, gender } = patient.row;
  if (species === 'dog' && gender === 'female') {
    return {
      title: 'Bitch spay (ovariohysterectomy)',
      code: patient.adultWeight < 20 ? 'NEUT-BITCH-S' : 'NEUT-BITCH-L',
    };
  }
  if (species === 'dog') return { title: 'Castration', code: 'NEUT-DOG' };
  if (species === 'cat')
    return gender === 'female'
      ? { title: 'Cat spay', code: 'NEUT-QUEEN' }
      : { title: 'Cat castration', code: 'NEUT-TOM' };
  return { title: 'Rabbit neutering', code: 'NEUT-RAB' };
}

/**
 * Builds one visit of `kind` starting at `startMs` with its records (appended to the practice)
 * and charges. Records are final and signed off the same day unless `options.draft`.
 */
export function makeVisit(
  ctx: SeedContext,
  patient: PatientModel,
  kind: VisitKind,
  day: number,
  startMs: number,
  vet: StaffRow,
  options: VisitOptions,
): Visit {
  const { rng } = ctx;
  const { species } = patient.row;
  const visit: Visit = {
    kind,
    patient,
    vet,
    day,
    startMs,
    minutes: visitMinutes(kind),
    reason: '',
    records: [],
    charges: [],
    inPerson: kind !== 'phone',
  };
  const charge = (code: string, quantity = 1) => visit.charges.push({ code, quantity });
  const record = (type: RecordType, soap: Soap, atMinute: number, weight: string | null) => {
    visit.records.push(makeRecord(ctx, visit, type, soap, plusMinutes(startMs, atMinute), weight, options.draft));
  };
  const clinical = (weighed: boolean): ClinicalContext => ({
    name: patient.row.name,
    species,
    weight: weighed ? weigh(ctx, patient, day) : null,
  });
  const ageDays = day - patient.birthDay;
  const vaccines = VACCINE_CODES[species];
  if (YARD_SPECIES.has(species) && kind !== 'phone') charge('CALLOUT');

  switch (kind) {
    case 'new':
    case 'booster': {
      const first = kind === 'new';
      const primary = first && ageDays < 180;
      visit.reason = first ? 'New patient check' : 'Annual booster';
      const c = clinical(true);
      record('exam', wellnessExam(rng, c, first), 2, c.weight);
      if (vaccines && (!first || primary || rng.chance(0.3))) {
        record('vaccine', vaccination(rng, clinical(false), formatDay(day + 365), primary), 12, null);
        charge(primary ? vaccines.primary : vaccines.booster);
      } else if (!YARD_SPECIES.has(species)) {
        charge('CONS');
      }
      if (first && patient.row.microchip && ageDays < 150) charge('CHIP');
      if (species === 'dog' && !first && rng.chance(0.3)) charge('VAC-KC');
      if (species === 'dog' || species === 'cat') {
        if (rng.chance(0.4)) charge('FLEA-SPOT');
        if (rng.chance(0.4)) charge('WORM-TAB');
        if (rng.chance(0.08)) charge(species === 'dog' ? 'FOOD-DOG' : 'FOOD-CAT');
      }
      if (species === 'rabbit' && rng.chance(0.3)) charge('FOOD-RAB');
      if (['rabbit', 'small_mammal', 'bird', 'reptile'].includes(species) && rng.chance(0.4)) charge('NAIL');
      break;
    }
    case 'illness': {
      const problem = options.problem ?? rng.pick(problemsFor(species));
      visit.reason = problem.reason;
      const c = clinical(true);
      if (options.inProgress) {
        record('exam', { ...illnessExam(c, problem, rng), assessment: null, plan: null }, 2, c.weight);
        break;
      }
      record('exam', illnessExam(c, problem, rng), 2, c.weight);
      charge(rng.chance(0.03) ? 'CONS-OOH' : 'CONS');
      if (problem.treatment) {
        const soap = {
          title: problem.treatment,
          subjective: null,
          objective: `Given: ${problem.treatment}.`,
          assessment: null,
          plan: problem.plan,
        };
        record('treatment', soap, 15, null);
      }
      if (problem.lab) {
        record('lab', labResult(rng, problem.lab), 45, null);
        charge(problem.lab === 'bloods' ? 'LAB-PANEL' : 'XRAY');
        if (problem.lab === 'xray' && rng.chance(0.5)) charge('SED');
      }
      for (const code of problem.charges) charge(code);
      break;
    }
    case 'recheck': {
      visit.reason = 'Recheck';
      const c = clinical(true);
      record(
        'exam',
        {
          title: 'Recheck',
          subjective: rng.pick([
            'Much improved according to the owner.',
            'Improving slowly; still a little quiet.',
            'Back to normal at home.',
          ]),
          objective: examFindings(rng, c),
          assessment: 'Responding well to treatment.',
          plan: 'Finish the course. No further recheck unless signs recur.',
        },
        2,
        c.weight,
      );
      charge('CONS-REV');
      break;
    }
    case 'dental': {
      visit.reason = 'Dental admission';
      const extractions = rng.chance(0.5) ? rng.int(1, 4) : 0;
      const c = clinical(true);
      record('dental', dental(c, extractions), rng.int(90, 180), c.weight);
      charge('GA');
      charge('DENT-SP');
      if (extractions > 0) charge('DENT-EXT', extractions);
      charge('MED-NSAID');
      if (rng.chance(0.3)) charge('MED-ANTIB');
      break;
    }
    case 'neuter':
    case 'lump': {
      const procedure = kind === 'neuter' ? neuterProcedure(patient) : { title: 'Lump removal', code: 'SURG-LUMP' };
      visit.reason = `Admission: ${procedure.title.toLowerCase()}`;
      const c = clinical(true);
      record('surgery', surgery(c, procedure.title), rng.int(90, 180), c.weight);
      charge(procedure.code);
      if (kind === 'lump') charge('GA');
      charge('MED-NSAID');
      if (rng.chance(0.6)) charge('COLLAR-E');
      if (kind === 'neuter') patient.row.neutered = true;
      break;
    }
    case 'phone':
      visit.reason = 'Phone call';
      record('note', phoneNote(rng, clinical(false)), 0, null);
      break;
    case 'euthanasia':
      visit.reason = 'Euthanasia';
      record('treatment', euthanasia(clinical(false)), 5, null);
      charge('EUTH');
      if (rng.chance(0.6)) charge('CREM');
      break;
  }
  ctx.practice.medical_records.push(...visit.records);
  return visit;
}

function makeRecord(
  ctx: SeedContext,
  visit: Visit,
  type: RecordType,
  soap: Soap,
  atMs: number,
  weight: string | null,
  draft: boolean,
): MedicalRecordRow {
  const { owner } = visit.patient;
  // Today's records exist only up to the notional "now": a lab result due later is not in yet.
  const at = Math.min(atMs, ctx.nowMs - 60_000);
  const finalizedMs = plusMinutes(at, ctx.rng.int(10, 240));
  const final = !draft && finalizedMs <= ctx.nowMs;
  return {
    id: ctx.id(at),
    patient_id: visit.patient.row.id,
    record_type: type,
    status: final ? 'final' : 'draft',
    visit_at: isoAt(at),
    vet_id: visit.vet.id,
    ...soap,
    weight_kg: type === 'note' || type === 'vaccine' || type === 'lab' || type === 'treatment' ? null : weight,
    // The snapshot is what the database would take itself; sending it saves a lookup per row.
    owner_name_snapshot: `${owner.first_name} ${owner.last_name}`,
    owner_phone_snapshot: owner.phone,
    addendum_of: null,
    finalized_at: final ? isoAt(finalizedMs) : null,
    finalized_by: final ? visit.vet.id : null,
    created_at: isoAt(at),
  };
}

/**
 * Now and then a final record gets an addendum some days later (a result, a correction), by
 * the same vet. The addendum is itself final unless written in the last two days.
 */
export function maybeAddendum(ctx: SeedContext, visit: Visit): void {
  const { rng } = ctx;
  for (const target of visit.records) {
    if (target.status !== 'final' || !['exam', 'surgery', 'lab'].includes(target.record_type)) continue;
    if (!rng.chance(PROFILE.addendumRate)) continue;
    const day = visit.day + rng.int(1, 14);
    if (day >= ctx.anchorDay) continue;
    const atMs = clinicTime(day, rng.int(9 * 60, 17 * 60));
    const final = day < ctx.anchorDay - 2 || rng.chance(0.5);
    const row: MedicalRecordRow = {
      ...makeRecord(ctx, visit, 'note', addendum(rng), atMs, null, !final),
      addendum_of: target.id,
    };
    ctx.practice.medical_records.push(row);
  }
}
