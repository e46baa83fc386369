import type { Species } from '../../../core/domain/enums.js';
import type { Weighted } from './random.js';

/** The animals of the demo practice: species shares, breeds with adult weights and lifespans. */

export interface Breed {
  name: string;
  /** Adult weight range in kg. */
  weight: readonly [number, number];
  /** Typical life expectancy in years. */
  lifespan: number;
}

export interface SpeciesProfile {
  breeds: Weighted<Breed>;
  colors: readonly string[];
  /** Gets yearly boosters (and a booster visit type). */
  vaccinable: boolean;
  microchipRate: number;
  neuterRate: number;
  unknownGenderRate: number;
}

const breed = (name: string, min: number, max: number, lifespan: number): Breed => ({
  name,
  weight: [min, max],
  lifespan,
});

/** Species shares of the patient list: dogs and cats dominate, as in any small-animal practice. */
export const SPECIES_WEIGHTS: Weighted<Species> = [
  ['dog', 48],
  ['cat', 32],
  ['rabbit', 5],
  ['small_mammal', 4],
  ['bird', 3],
  ['reptile', 2.5],
  ['horse', 2],
  ['exotic', 1.8],
  ['other', 1.7],
];

export const SPECIES_PROFILES: Readonly<Record<Species, SpeciesProfile>> = {
  dog: {
    breeds: [
      [breed('Labrador Retriever', 25, 36, 12), 12],
      [breed('Cockapoo', 6, 12, 14), 9],
      [breed('Jack Russell Terrier', 5, 8, 15), 8],
      [breed('Border Collie', 14, 20, 13), 7],
      [breed('Springer Spaniel', 18, 25, 13), 6],
      [breed('Cocker Spaniel', 12, 15, 13), 6],
      [breed('Golden Retriever', 25, 34, 11), 6],
      [breed('French Bulldog', 8, 14, 10), 5],
      [breed('German Shepherd', 22, 40, 11), 4],
      [breed('Cavalier King Charles Spaniel', 5, 8, 11), 4],
      [breed('Shih Tzu', 4, 7, 14), 4],
      [breed('Beagle', 9, 11, 13), 3],
      [breed('Staffordshire Bull Terrier', 11, 17, 13), 4],
      [breed('Greyhound', 27, 40, 12), 3],
      [breed('Irish Setter', 24, 32, 12), 2],
      [breed('Dachshund', 7, 14, 14), 3],
      [breed('Mixed breed', 6, 30, 13), 14],
    ],
    colors: [
      'black',
      'yellow',
      'chocolate',
      'black and white',
      'tricolour',
      'tan',
      'brindle',
      'red',
      'white',
      'sable',
      'liver and white',
    ],
    vaccinable: true,
    microchipRate: 0.96,
    neuterRate: 0.7,
    unknownGenderRate: 0,
  },
  cat: {
    breeds: [
      [breed('Domestic Shorthair', 3.5, 6, 15), 55],
      [breed('Domestic Longhair', 3.5, 6, 15), 12],
      [breed('British Shorthair', 4, 8, 14), 7],
      [breed('Maine Coon', 5, 9, 13), 5],
      [breed('Ragdoll', 4.5, 9, 14), 5],
      [breed('Bengal', 3.5, 7, 14), 5],
      [breed('Siamese', 3, 5, 15), 4],
      [breed('Persian', 3, 6, 13), 3],
      [breed('Sphynx', 3, 5, 12), 2],
      [breed('Norwegian Forest Cat', 4, 8, 14), 2],
    ],
    colors: [
      'tabby',
      'black',
      'black and white',
      'ginger',
      'tortoiseshell',
      'grey',
      'calico',
      'white',
      'seal point',
      'blue',
    ],
    vaccinable: true,
    microchipRate: 0.65,
    neuterRate: 0.85,
    unknownGenderRate: 0,
  },
  rabbit: {
    breeds: [
      [breed('Netherland Dwarf', 0.9, 1.2, 10), 3],
      [breed('Lionhead', 1.3, 1.7, 9), 3],
      [breed('Holland Lop', 1.3, 1.8, 9), 4],
      [breed('Mini Rex', 1.5, 2, 9), 2],
      [breed('Flemish Giant', 6, 10, 7), 1],
      [breed('Crossbreed rabbit', 1.5, 3, 9), 5],
    ],
    colors: ['white', 'agouti', 'black', 'grey', 'brown and white', 'sandy', 'harlequin'],
    vaccinable: true,
    microchipRate: 0.2,
    neuterRate: 0.6,
    unknownGenderRate: 0.05,
  },
  bird: {
    breeds: [
      [breed('Budgerigar', 0.03, 0.045, 7), 4],
      [breed('Cockatiel', 0.08, 0.12, 15), 3],
      [breed('African Grey Parrot', 0.4, 0.55, 40), 1],
      [breed('Lovebird', 0.04, 0.06, 12), 2],
      [breed('Canary', 0.015, 0.03, 9), 2],
      [breed('Backyard hen', 1.5, 3, 7), 4],
    ],
    colors: ['green', 'blue', 'yellow', 'grey', 'white', 'lutino', 'brown'],
    vaccinable: false,
    microchipRate: 0.02,
    neuterRate: 0,
    unknownGenderRate: 0.4,
  },
  reptile: {
    breeds: [
      [breed('Bearded Dragon', 0.3, 0.55, 10), 4],
      [breed('Leopard Gecko', 0.045, 0.08, 15), 3],
      [breed('Corn Snake', 0.3, 0.9, 15), 2],
      [breed('Royal Python', 1, 1.8, 25), 2],
      [breed("Hermann's Tortoise", 0.7, 1.5, 50), 2],
    ],
    colors: ['sandy', 'orange', 'brown', 'banded', 'albino', 'olive'],
    vaccinable: false,
    microchipRate: 0.05,
    neuterRate: 0,
    unknownGenderRate: 0.45,
  },
  small_mammal: {
    breeds: [
      [breed('Guinea pig', 0.7, 1.2, 6), 5],
      [breed('Syrian hamster', 0.1, 0.18, 2.5), 3],
      [breed('Ferret', 0.7, 2, 8), 2],
      [breed('Chinchilla', 0.4, 0.6, 15), 1],
      [breed('Fancy rat', 0.3, 0.5, 2.5), 2],
      [breed('Gerbil', 0.06, 0.1, 3), 1],
    ],
    colors: ['white', 'brown', 'black', 'cream', 'agouti', 'tortoiseshell', 'sable'],
    vaccinable: false,
    microchipRate: 0.05,
    neuterRate: 0.2,
    unknownGenderRate: 0.15,
  },
  horse: {
    breeds: [
      [breed('Irish Sport Horse', 500, 650, 28), 4],
      [breed('Connemara Pony', 350, 450, 30), 3],
      [breed('Irish Draught', 600, 700, 27), 2],
      [breed('Thoroughbred', 450, 550, 27), 2],
      [breed('Cob', 450, 600, 30), 2],
      [breed('Shetland Pony', 150, 200, 32), 1],
    ],
    colors: ['bay', 'chestnut', 'grey', 'black', 'dun', 'piebald', 'skewbald', 'roan'],
    vaccinable: true,
    microchipRate: 0.9,
    neuterRate: 0.5,
    unknownGenderRate: 0,
  },
  exotic: {
    breeds: [
      [breed('African pygmy hedgehog', 0.25, 0.6, 5), 3],
      [breed('Sugar glider', 0.09, 0.16, 12), 2],
      [breed('Axolotl', 0.06, 0.23, 12), 2],
      [breed('Chilean rose tarantula', 0.015, 0.05, 15), 1],
    ],
    colors: ['brown', 'grey', 'leucistic', 'salt and pepper', 'pink'],
    vaccinable: false,
    microchipRate: 0,
    neuterRate: 0,
    unknownGenderRate: 0.5,
  },
  other: {
    breeds: [
      [breed('Pygmy goat', 25, 35, 14), 3],
      [breed('Kunekune pig', 60, 100, 15), 2],
      [breed('Alpaca', 50, 80, 18), 2],
      [breed('Donkey', 180, 250, 30), 2],
    ],
    colors: ['black', 'brown', 'white', 'ginger', 'fawn', 'grey'],
    vaccinable: false,
    microchipRate: 0.3,
    neuterRate: 0.4,
    unknownGenderRate: 0,
  },
};

export const PATIENT_ALERTS: readonly string[] = [
  'Nervous: muzzle for examination',
  'May bite when handled',
  'Allergic to penicillin',
  'Heart murmur grade III/VI: anaesthetic risk',
  'Diabetic: on insulin twice daily',
  'Epileptic: on phenobarbital',
];
