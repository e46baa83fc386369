import type { PatientGender } from '../../../core/domain/enums.js';
import { EIRCODE_CHARS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PET_NAMES, STREETS, TOWNS } from './names.js';
import { PATIENT_ALERTS, SPECIES_PROFILES, SPECIES_WEIGHTS } from './species.js';
import type { PatientModel, SeedContext } from './context.js';
import { weightText } from './context.js';
import type { OwnerRow } from './rows.js';
import { formatDay, isoAt } from './time.js';

const OWNER_NOTES: readonly string[] = [
  'Prefers contact by e-mail.',
  'Pays by bank transfer.',
  'Hard to reach by phone during the day.',
  'Has pet insurance; send claim forms with invoices.',
  'Keeps horses at a livery yard near Blarney.',
];

const PATIENT_NOTES: readonly string[] = [
  'Insured.',
  'Rescue animal; history before adoption unknown.',
  'On a practice health plan.',
  'Treats allowed during examination.',
  'Owner wants a call before any extra charges.',
];

/** Lower-case ASCII letters of a name, for e-mail addresses and user names: "Ó Súilleabháin" -> "osuilleabhain". */
export function nameSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** An Irish mobile or landline number as people write them. */
export function phoneNumber(ctx: SeedContext): string {
  const { rng } = ctx;
  return rng.chance(0.85)
    ? `08${rng.pick(['3', '5', '6', '7', '9'])} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`
    : `021 4${rng.int(10, 99)} ${rng.int(1000, 9999)}`;
}

function uniqueEmail(ctx: SeedContext, first: string, last: string): string {
  const { rng } = ctx;
  const f = nameSlug(first);
  const l = nameSlug(last);
  const local = rng.weighted([
    [`${f}.${l}`, 4],
    [`${f}${l}`, 2],
    [`${f.charAt(0)}${l}`, 2],
    [`${f}.${l}${rng.int(60, 99)}`, 1],
    [`${l}.${f}`, 1],
  ]);
  const domain = rng.pick(EMAIL_DOMAINS);
  // Numbering the clashes keeps the address recognisably the owner's and unique, as the
  // database demands among live owners.
  let email = `${local}@${domain}`;
  for (let n = 2; ctx.emails.has(email); n++) email = `${local}${n}@${domain}`;
  ctx.emails.add(email);
  return email;
}

/** A client registered at `createdMs`, appended to the practice. */
export function makeOwner(ctx: SeedContext, createdMs: number): OwnerRow {
  const { rng } = ctx;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const town = rng.weighted(TOWNS);
  const hasAddress = rng.chance(0.93);
  const owner: OwnerRow = {
    id: ctx.id(createdMs),
    first_name: first,
    last_name: last,
    email: rng.chance(0.88) ? uniqueEmail(ctx, first, last) : null,
    phone: rng.chance(0.97) ? phoneNumber(ctx) : null,
    address: hasAddress
      ? `${rng.chance(0.1) ? `Apt ${rng.int(1, 40)}, ` : ''}${rng.int(1, 140)} ${rng.pick(STREETS)}`
      : null,
    city: hasAddress ? town.city : null,
    postcode: hasAddress
      ? `${town.routingKey} ${rng.chars(EIRCODE_CHARS.slice(0, 15), 1)}${rng.chars(EIRCODE_CHARS, 3)}`
      : null,
    notes: rng.chance(0.05) ? rng.pick(OWNER_NOTES) : null,
    created_at: isoAt(createdMs),
  };
  ctx.practice.owners.push(owner);
  return owner;
}

function uniqueMicrochip(ctx: SeedContext): string {
  // ISO 11784 full-duplex chips read as 15 digits; 372 is Ireland's country code.
  let chip: string;
  do {
    chip = `372${String(ctx.rng.int(0, 999_999)).padStart(6, '0')}${String(ctx.rng.int(0, 999_999)).padStart(6, '0')}`;
  } while (ctx.microchips.has(chip));
  ctx.microchips.add(chip);
  return chip;
}

/**
 * The weight the model predicts on `day`: growth to adult size, a lifetime drift (often
 * upwards), some loss in old age and a few percent of day-to-day noise.
 */
export function weightOn(ctx: SeedContext, patient: PatientModel, day: number): number {
  const age = Math.max(0, day - patient.birthDay);
  const lifeDays = patient.breed.lifespan * 365;
  const maturity = Math.max(90, lifeDays * 0.08);
  const growth = age >= maturity ? 1 : 0.2 + (0.8 * age) / maturity;
  const lifeShare = age / lifeDays;
  const senior = lifeShare > 0.75 ? Math.max(0.8, 1 - 0.3 * (lifeShare - 0.75)) : 1;
  const drift = 1 + patient.drift * Math.min(1, lifeShare * 2);
  return patient.adultWeight * growth * senior * drift * ctx.rng.float(0.97, 1.03);
}

/**
 * A patient of `owner` registered on `day` at `registeredMs`, with its life planned: when it
 * was born, whether it has left or died before the anchor day, and its usual vet.
 */
export function makePatient(ctx: SeedContext, owner: OwnerRow, day: number, registeredMs: number): PatientModel {
  const { rng } = ctx;
  const species = rng.weighted(SPECIES_WEIGHTS);
  const profile = SPECIES_PROFILES[species];
  const breed = rng.weighted(profile.breeds);
  const lifeDays = Math.round(breed.lifespan * 365 * rng.float(0.75, 1.2));
  // Most animals join young; the skew gives a realistic pile of puppies and kittens.
  const ageAtRegistration = 56 + Math.floor(rng.next() ** 2 * Math.min(8 * 365, lifeDays * 0.7));
  const birthDay = day - ageAtRegistration;
  const yesterday = ctx.anchorDay - 1;

  let status: 'active' | 'inactive' | 'deceased' = 'active';
  let lastDay = yesterday;
  const naturalEnd = Math.max(birthDay + lifeDays, day + 60);
  if (naturalEnd < yesterday) {
    status = 'deceased';
    lastDay = naturalEnd;
  } else if (rng.chance(0.03) && day + 30 < yesterday) {
    status = 'deceased';
    lastDay = rng.int(day + 30, yesterday);
  } else if (rng.chance(0.05) && day < ctx.anchorDay - 30) {
    status = 'inactive';
    lastDay = rng.int(day, ctx.anchorDay - 30);
  }

  const gender: PatientGender = rng.chance(profile.unknownGenderRate)
    ? 'unknown'
    : rng.pick(['male', 'female'] as const);
  const model: PatientModel = {
    row: {
      id: ctx.id(registeredMs),
      owner_id: owner.id,
      name: rng.pick(PET_NAMES),
      species,
      breed: breed.name,
      color: rng.chance(0.95) ? rng.pick(profile.colors) : null,
      gender,
      // Neutered before joining when adult; young ones are neutered here (see the history).
      neutered: gender !== 'unknown' && ageAtRegistration > 270 && rng.chance(profile.neuterRate),
      birth_date: formatDay(birthDay),
      weight_kg: null,
      microchip: rng.chance(profile.microchipRate) ? uniqueMicrochip(ctx) : null,
      status,
      alerts: rng.chance(0.04) ? rng.pick(PATIENT_ALERTS) : null,
      notes: rng.chance(0.06) ? rng.pick(PATIENT_NOTES) : null,
      deceased_on: status === 'deceased' ? formatDay(lastDay) : null,
      created_at: isoAt(registeredMs),
    },
    owner,
    profile,
    breed,
    birthDay,
    adultWeight: rng.float(breed.weight[0], breed.weight[1]),
    drift: rng.float(-0.05, 0.15),
    preferredVet: rng.pick(ctx.vets),
    firstDay: day,
    lastDay,
    lastWeighed: -Infinity,
  };
  ctx.practice.patients.push(model.row);
  ctx.patients.push(model);
  return model;
}

/** Records a weighing: the text for the record, and the patient's current weight if newest. */
export function weigh(ctx: SeedContext, patient: PatientModel, day: number): string {
  const text = weightText(weightOn(ctx, patient, day));
  if (day >= patient.lastWeighed) {
    patient.lastWeighed = day;
    patient.row.weight_kg = text;
  }
  return text;
}
