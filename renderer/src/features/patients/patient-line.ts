import { humanize } from '../../ui/format.js';

/** "Dog · Labrador": what kind of animal, the way every patient result shows it. */
export function speciesLine(patient: { species: string | null; breed: string | null }): string {
  return [humanize(patient.species), patient.breed].filter(Boolean).join(' · ');
}

/** "Liam Jensen · 0612 345 678", or a plain note when the patient has no owner on file. */
export function ownerLine(patient: { owner_name: string | null; owner_phone: string | null }): string {
  if (!patient.owner_name) return 'No owner on file';
  return [patient.owner_name, patient.owner_phone].filter(Boolean).join(' · ');
}
