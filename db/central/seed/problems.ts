import type { Species } from '../../../core/domain/enums.js';

/** Presenting problems for illness visits, as owners describe them and vets write them up. */

/** A presenting problem for an illness visit, with the charges it usually leads to. */
export interface Problem {
  reason: string;
  species: readonly Species[] | 'any';
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  /** Price-list codes charged besides the consultation. */
  charges: readonly string[];
  /** Leads to a separate treatment record. */
  treatment: string | null;
  /** Leads to a lab record (blood panel) or imaging. */
  lab: 'bloods' | 'xray' | null;
}

const SMALL: readonly Species[] = ['dog', 'cat', 'rabbit', 'small_mammal'];

export const PROBLEMS: readonly Problem[] = [
  {
    reason: 'Vomiting',
    species: ['dog', 'cat'],
    subjective:
      'Vomiting for two days, four episodes. Still drinking; appetite reduced. Possible scavenging on a walk.',
    objective: 'Mildly dehydrated (~5 %). Abdomen tense on palpation, no foreign body palpable.',
    assessment: 'Acute gastritis, likely dietary indiscretion.',
    plan: 'Antiemetic injection given. Bland diet for three days. Recheck if vomiting persists beyond 24 h.',
    charges: ['INJ'],
    treatment: 'Antiemetic injection (maropitant)',
    lab: null,
  },
  {
    reason: 'Lame on a hind leg',
    species: ['dog', 'horse', 'other'],
    subjective:
      'Lame on the left hind since a run in the park yesterday. Not weight-bearing at first, slightly better today.',
    objective: 'Grade 3/5 lameness left hind. Pain on stifle flexion, mild effusion. Drawer test equivocal.',
    assessment: 'Soft-tissue injury of the left stifle; cruciate disease not excluded.',
    plan: 'Strict lead rest two weeks, NSAID for seven days. Radiographs if not improving.',
    charges: ['MED-NSAID'],
    treatment: null,
    lab: 'xray',
  },
  {
    reason: 'Scratching ears and head shaking',
    species: ['dog', 'cat', 'rabbit'],
    subjective: 'Scratching at both ears and shaking head for a week. Smell noticed by owner.',
    objective: 'Both ear canals erythematous with brown waxy discharge. Tympanic membranes intact.',
    assessment: 'Bilateral otitis externa (yeast suspected on cytology).',
    plan: 'Ear clean demonstrated to owner. Ear drops twice daily for ten days, recheck at two weeks.',
    charges: ['MED-EAR'],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Itchy skin',
    species: ['dog', 'cat', 'rabbit', 'small_mammal'],
    subjective: 'Itchy for three weeks, licking paws and scratching flanks. No recent change of food.',
    objective: 'Erythema and self-trauma over the dorsal lumbar area. Flea dirt found on combing.',
    assessment: 'Flea allergic dermatitis.',
    plan: 'Flea treatment for every pet in the household and the house. Recheck in four weeks.',
    charges: ['FLEA-SPOT'],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Diarrhoea',
    species: 'any',
    subjective: 'Loose stools for three days, no blood. Otherwise bright, eating.',
    objective: 'Bright and alert. Abdomen soft, mildly increased gut sounds. Temperature normal.',
    assessment: 'Uncomplicated acute diarrhoea.',
    plan: 'Probiotic paste and bland diet. Faecal sample submitted. Recheck if not resolving in five days.',
    charges: ['LAB-FAEC'],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Coughing',
    species: ['dog', 'cat', 'horse'],
    subjective: 'Harsh honking cough for four days, worse on the lead. Mixed with other dogs at a boarding kennel.',
    objective: 'Cough elicited on tracheal palpation. Chest auscultation clear. Temperature 39.3 °C.',
    assessment: 'Infectious tracheobronchitis (kennel cough).',
    plan: 'Rest and harness instead of collar. Antibiotics as the temperature is raised. Recheck in one week.',
    charges: ['MED-ANTIB'],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Drinking more than usual',
    species: ['dog', 'cat'],
    subjective: 'Drinking and urinating more over the last month. Some weight loss despite a good appetite.',
    objective: 'Body condition 4/9. Thyroid not palpable. Mild muscle wastage over the spine.',
    assessment: 'Polyuria/polydipsia: renal disease, diabetes mellitus and hyperthyroidism to rule out.',
    plan: 'Blood panel and urinalysis today. Discuss results by phone.',
    charges: ['LAB-URINE'],
    treatment: null,
    lab: 'bloods',
  },
  {
    reason: 'Lump found',
    species: ['dog', 'cat', 'rabbit', 'small_mammal'],
    subjective: 'Owner noticed a lump on the left flank two weeks ago. Not bothering the animal.',
    objective: 'Soft, mobile subcutaneous mass 2 x 3 cm on the left flank. Fine-needle aspirate taken.',
    assessment: 'Cytology consistent with a lipoma.',
    plan: 'Monitor; measure monthly. Remove if it grows quickly or bothers the animal.',
    charges: [],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Sore eye',
    species: 'any',
    subjective: 'Right eye half closed and watering since this morning.',
    objective: 'Blepharospasm right eye. Fluorescein stain positive: small superficial corneal ulcer.',
    assessment: 'Superficial corneal ulcer, right eye.',
    plan: 'Antibiotic eye ointment four times daily. Buster collar. Restain in five days.',
    charges: ['MED-EYE', 'COLLAR-E'],
    treatment: null,
    lab: null,
  },
  {
    reason: 'Off food',
    species: ['rabbit', 'small_mammal', 'bird', 'reptile', 'exotic', 'other'],
    subjective: 'Not eating since yesterday, fewer droppings. Hiding more than usual.',
    objective: 'Quiet. Mild abdominal gas on palpation. Incisors overgrown; molar spurs suspected.',
    assessment: 'Reduced gut motility secondary to dental discomfort; husbandry reviewed.',
    plan: 'Analgesia, gut stimulant and syringe feeding. Husbandry leaflet given. Recheck in 48 h.',
    charges: ['INJ', 'MED-NSAID'],
    treatment: 'Analgesic and prokinetic injections, fluids under the skin',
    lab: null,
  },
  {
    reason: 'Cut paw',
    species: ['dog', 'horse'],
    subjective: 'Cut a pad on glass on the beach this morning. Bleeding stopped with a bandage.',
    objective: '2 cm laceration of the metacarpal pad, clean, no foreign material visible.',
    assessment: 'Pad laceration.',
    plan: 'Cleaned and sutured under sedation, dressing applied. Dressing change in three days.',
    charges: ['SED', 'MED-ANTIB'],
    treatment: 'Wound lavage and pad suture under sedation',
    lab: null,
  },
  {
    reason: 'Weight loss',
    species: SMALL,
    subjective: 'Owner feels the animal has lost weight over two months. Appetite normal or increased.',
    objective: 'Body condition 3/9. Heart rate elevated. No other abnormality on examination.',
    assessment: 'Weight loss of unclear cause; hyperthyroidism or early renal disease possible.',
    plan: 'Blood panel with total T4. Weigh again in four weeks.',
    charges: ['LAB-T4'],
    treatment: null,
    lab: 'bloods',
  },
];

/** The problems a species can present with. */
export function problemsFor(species: Species): readonly Problem[] {
  return PROBLEMS.filter((p) => p.species === 'any' || p.species.includes(species));
}
