import type { Species } from '../../../core/domain/enums.js';
import type { Problem } from './problems.js';
import type { Random } from './random.js';

/**
 * Template text for medical records, in the SOAP form vets write: subjective (history from the
 * owner), objective (examination), assessment, plan. Wording is plausible, not clinical advice.
 */

export interface Soap {
  title: string;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
}

/** What the templates need to know about the visit. */
export interface ClinicalContext {
  name: string;
  species: Species;
  /** Weight as recorded, e.g. '12.350', or null when not weighed. */
  weight: string | null;
}

export const VACCINES: Readonly<Partial<Record<Species, string>>> = {
  dog: 'DHPPi + Leptospirosis (L4)',
  cat: 'Feline RCP (+ FeLV)',
  rabbit: 'RHDV1/RHDV2 + Myxomatosis',
  horse: 'Equine influenza + tetanus',
};

/** Heart rate and temperature ranges at rest, for the objective line of an examination. */
const VITALS: Readonly<Record<Species, { temp: readonly [number, number]; hr: readonly [number, number] }>> = {
  dog: { temp: [38.2, 39.1], hr: [70, 120] },
  cat: { temp: [38.1, 39.2], hr: [140, 200] },
  rabbit: { temp: [38.5, 39.8], hr: [180, 250] },
  bird: { temp: [40, 42], hr: [250, 400] },
  reptile: { temp: [24, 30], hr: [20, 60] },
  small_mammal: { temp: [37.5, 39.5], hr: [200, 300] },
  horse: { temp: [37.2, 38.2], hr: [28, 44] },
  exotic: { temp: [35, 37.5], hr: [150, 250] },
  other: { temp: [38.5, 39.8], hr: [60, 100] },
};

/** The objective line of a routine examination. */
export function examFindings(rng: Random, ctx: ClinicalContext): string {
  const vitals = VITALS[ctx.species];
  const temp = rng.float(vitals.temp[0], vitals.temp[1]).toFixed(1);
  const hr = rng.int(vitals.hr[0], vitals.hr[1]);
  const weight = ctx.weight === null ? '' : `Weight ${Number(ctx.weight)} kg. `;
  const extra = rng.pick([
    'Heart and lungs auscultate normally.',
    'Mild tartar on the upper premolars.',
    'Lymph nodes normal size. Abdomen soft, non-painful.',
    'Coat in good condition. No ectoparasites seen.',
    'Slightly overweight; diet discussed.',
  ]);
  return `${weight}T ${temp} °C, HR ${hr}/min. Mucous membranes pink, CRT < 2 s. ${extra}`;
}

/** A wellness examination at a booster or first visit. */
export function wellnessExam(rng: Random, ctx: ClinicalContext, firstVisit: boolean): Soap {
  return {
    title: firstVisit ? 'New patient examination' : 'Annual health check',
    subjective: firstVisit
      ? `First visit for ${ctx.name}. ${rng.pick(['Recently rehomed.', 'New to the family this month.', 'Moved from another practice.'])} Eating and drinking well.`
      : `${ctx.name} presented for annual check. Owner reports no concerns; eating, drinking and toileting normally.`,
    objective: examFindings(rng, ctx),
    assessment: rng.pick([
      'Clinically healthy.',
      'Healthy; body condition 5/9.',
      'Healthy; body condition 6/9, mildly overweight.',
    ]),
    plan: rng.pick([
      'Continue routine parasite control. Annual check in twelve months.',
      'Weight-loss plan discussed: reduce food by 10 %, weigh in eight weeks.',
      'Dental home care discussed. Annual check in twelve months.',
    ]),
  };
}

/** A vaccination record to go with a wellness examination. */
export function vaccination(rng: Random, ctx: ClinicalContext, nextDue: string, primary: boolean): Soap {
  const vaccine = VACCINES[ctx.species] ?? 'Vaccination';
  return {
    title: primary ? `${vaccine}: primary course` : `${vaccine}: booster`,
    subjective: primary ? 'Starting the primary vaccination course.' : 'Due for annual booster.',
    objective: `Batch ${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}${rng.int(10000, 99999)}, given subcutaneously ${rng.pick(['left', 'right'])} lateral neck.`,
    assessment: 'Fit to vaccinate.',
    plan: primary
      ? `Second injection in four weeks; full protection one week after it.`
      : `Next booster due ${nextDue}.`,
  };
}

/** An examination for a presenting problem. */
export function illnessExam(ctx: ClinicalContext, problem: Problem, rng: Random): Soap {
  return {
    title: problem.reason,
    subjective: problem.subjective,
    objective: ctx.weight === null ? problem.objective : `Weight ${Number(ctx.weight)} kg. ${problem.objective}`,
    assessment: problem.assessment,
    plan: rng.chance(0.2) ? `${problem.plan} Owner to phone with an update.` : problem.plan,
  };
}

/** Results of a blood panel or of radiographs. */
export function labResult(rng: Random, kind: 'bloods' | 'xray'): Soap {
  if (kind === 'xray') {
    return {
      title: 'Radiographs',
      subjective: null,
      objective: 'Two orthogonal views. No fracture. Mild joint effusion, no bony changes.',
      assessment: rng.pick(['Soft-tissue injury; no orthopaedic disease seen.', 'Early degenerative joint changes.']),
      plan: 'Continue rest and analgesia; controlled exercise from week three.',
    };
  }
  const abnormal = rng.chance(0.35);
  const creatinine = abnormal ? rng.int(170, 260) : rng.int(60, 140);
  return {
    title: 'Haematology and biochemistry',
    subjective: null,
    objective: `PCV ${rng.int(32, 50)} %, WBC ${rng.float(6, 14).toFixed(1)} x10^9/L, ALT ${rng.int(20, 90)} U/L, creatinine ${creatinine} µmol/L, glucose ${rng.float(4, 7.5).toFixed(1)} mmol/L.`,
    assessment: abnormal
      ? 'Azotaemia: chronic kidney disease suspected (IRIS stage 2).'
      : 'All values within reference ranges.',
    plan: abnormal ? 'Renal diet; recheck bloods and blood pressure in three months.' : 'No further tests needed now.',
  };
}

/** A dental procedure under anaesthetic. */
export function dental(ctx: ClinicalContext, extractions: number): Soap {
  return {
    title: 'Dental scale and polish',
    subjective: 'Bad breath; chewing on one side. Admitted fasted.',
    objective: `${ctx.weight === null ? '' : `Weight ${Number(ctx.weight)} kg. `}Grade 2-3 periodontal disease, heavy calculus on premolars and molars.`,
    assessment:
      extractions > 0
        ? `Periodontal disease; ${extractions} teeth extracted.`
        : 'Periodontal disease; no extractions needed.',
    plan: 'Soft food for three days, pain relief for five days. Start tooth brushing once healed.',
  };
}

/** A surgical procedure: neutering or a lump removal. */
export function surgery(ctx: ClinicalContext, procedure: string): Soap {
  return {
    title: procedure,
    subjective: 'Admitted for surgery, fasted from midnight. No concerns from the owner.',
    objective: `${ctx.weight === null ? '' : `Weight ${Number(ctx.weight)} kg. `}Pre-anaesthetic examination unremarkable; ASA I.`,
    assessment: `${procedure} performed without complication. Smooth recovery.`,
    plan: 'Post-operative check in three days, suture removal in ten to fourteen days. Keep the wound dry; buster collar.',
  };
}

/** A note of a phone call after a visit. */
export function phoneNote(rng: Random, ctx: ClinicalContext): Soap {
  return {
    title: 'Phone call',
    subjective: rng.pick([
      `Owner phoned: ${ctx.name} is much improved and eating well.`,
      `Owner phoned to ask about repeat medication for ${ctx.name}.`,
      `Owner phoned: ${ctx.name} vomited once after the tablets; otherwise fine.`,
    ]),
    objective: null,
    assessment: null,
    plan: rng.pick([
      'Continue current treatment.',
      'Repeat prescription authorised.',
      'Give tablets with food; call back if it recurs.',
    ]),
  };
}

/** The last record of a patient put to sleep. */
export function euthanasia(ctx: ClinicalContext): Soap {
  return {
    title: 'Euthanasia',
    subjective: `Quality of life discussed with the owner; ${ctx.name} has been declining over several weeks.`,
    objective: 'Sedation, then pentobarbital IV. Death confirmed by auscultation.',
    assessment: 'Euthanasia on welfare grounds, with the owner present.',
    plan: 'Condolence card sent. Cremation arranged as the owner wished.',
  };
}

/** An addendum: a later correction or result added to a final record. */
export function addendum(rng: Random): Soap {
  return rng.pick<Soap>([
    {
      title: 'Addendum: histopathology result',
      subjective: null,
      objective: 'Histopathology received from the laboratory.',
      assessment: 'Benign lesion, completely excised.',
      plan: 'No further treatment. Owner informed by phone.',
    },
    {
      title: 'Addendum: correction',
      subjective: null,
      objective: null,
      assessment: 'Weight in the original record was entered in pounds; the correct weight is noted in the plan.',
      plan: 'Weight re-checked at the desk and corrected.',
    },
    {
      title: 'Addendum: owner update',
      subjective: 'Owner reports a full recovery.',
      objective: null,
      assessment: 'Resolved.',
      plan: 'No recheck needed.',
    },
  ]);
}
