/**
 * The demo practice itself: a mixed-animal clinic in Cork, Ireland (so euros and Irish VAT),
 * its price list, and the reasons given when bills and appointments are cancelled.
 */

export const CLINIC = {
  name: 'Lee Valley Veterinary Clinic',
  address: '14 Western Road, Cork T12 XR96',
  phone: '021 490 2217',
  // Reserved example domains everywhere: a demo that sends mail must never reach a real person.
  email: 'reception@leevalleyvets.example',
  currency: 'EUR',
  // An invented VAT number of the Irish form (seven digits and a letter).
  taxRegistrationNumber: 'IE 9876543W',
  paymentTerms:
    'Payment due within 30 days by card, cash or bank transfer (IBAN on request). Please quote the invoice number.',
  defaultDueDays: 30,
  staffDomain: 'leevalleyvets.example',
} as const;

export interface PriceItem {
  code: string;
  name: string;
  kind: 'service' | 'product';
  cents: number;
  /** Tax rate in ten-thousandths (1350 = 13.5 %), so line tax is exact integer arithmetic. */
  rate: number;
}

// Irish VAT: veterinary services at the reduced 13.5 %, goods (medicines, food) at 23 %.
const service = (code: string, name: string, cents: number): PriceItem => ({
  code,
  name,
  kind: 'service',
  cents,
  rate: 1350,
});
const product = (code: string, name: string, cents: number): PriceItem => ({
  code,
  name,
  kind: 'product',
  cents,
  rate: 2300,
});

export const PRICE_LIST: readonly PriceItem[] = [
  service('CONS', 'Consultation', 5500),
  service('CONS-REV', 'Revisit consultation', 3000),
  service('CONS-OOH', 'Out-of-hours consultation', 15000),
  service('CALLOUT', 'Yard visit call-out', 6500),
  service('VAC-DOG-BST', 'Dog booster vaccination incl. health check', 6500),
  service('VAC-DOG-PRI', 'Puppy primary vaccination course', 9500),
  service('VAC-KC', 'Kennel cough vaccine (intranasal)', 3500),
  service('VAC-CAT-BST', 'Cat booster vaccination incl. health check', 6200),
  service('VAC-CAT-PRI', 'Kitten primary vaccination course', 9000),
  service('VAC-RAB', 'Rabbit RHD and myxomatosis vaccination', 5800),
  service('VAC-EQ', 'Equine influenza and tetanus vaccination', 7000),
  service('CHIP', 'Microchipping and registration', 3000),
  service('NEUT-BITCH-S', 'Bitch spay (under 20 kg)', 32000),
  service('NEUT-BITCH-L', 'Bitch spay (20 kg and over)', 39500),
  service('NEUT-DOG', 'Dog castration', 26000),
  service('NEUT-QUEEN', 'Cat spay', 13000),
  service('NEUT-TOM', 'Cat castration', 8500),
  service('NEUT-RAB', 'Rabbit neutering', 11000),
  service('SURG-LUMP', 'Lump removal', 28000),
  service('GA', 'General anaesthetic', 14000),
  service('SED', 'Sedation', 6000),
  service('DENT-SP', 'Dental scale and polish', 22000),
  service('DENT-EXT', 'Tooth extraction (each)', 3500),
  service('LAB-PANEL', 'Haematology and biochemistry panel', 11000),
  service('LAB-T4', 'Total T4 (thyroid) test', 5500),
  service('LAB-URINE', 'Urinalysis', 4000),
  service('LAB-FAEC', 'Faecal parasitology', 3500),
  service('XRAY', 'Radiographs (up to two views)', 16000),
  service('INJ', 'Injection', 2500),
  service('NAIL', 'Nail clip', 1500),
  service('EUTH', 'Euthanasia', 12000),
  service('CREM', 'Individual cremation', 18000),
  product('FLEA-SPOT', 'Flea and tick spot-on (3 pipettes)', 3250),
  product('WORM-TAB', 'Worming tablets (2)', 1495),
  product('MED-NSAID', 'Meloxicam oral suspension', 2180),
  product('MED-ANTIB', 'Amoxicillin-clavulanate tablets (10)', 1840),
  product('MED-EAR', 'Ear drops', 1995),
  product('MED-EYE', 'Eye ointment', 1650),
  product('COLLAR-E', 'Buster collar', 1200),
  product('FOOD-DOG', 'Adult dog food 12 kg', 6499),
  product('FOOD-CAT', 'Adult cat food 4 kg', 3299),
  product('FOOD-RAB', 'Rabbit nuggets 2 kg', 1249),
];

export const CANCEL_REASONS: readonly string[] = [
  'Entered in error',
  'Duplicate bill',
  'Billed to the wrong owner',
  'Waived as goodwill',
  'Covered under practice health plan',
];

export const APPOINTMENT_CANCEL_REASONS: readonly string[] = [
  'Owner cancelled by phone',
  'Pet recovered, no longer needed',
  'Owner unwell',
  'Rebooked to a later date',
  'Vet unavailable',
];
