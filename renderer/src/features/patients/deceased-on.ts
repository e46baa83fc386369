/**
 * The day of death staff entered, checked as the server will: a date, not after today, not
 * before the birth date. Null when it is fine.
 */
export function deceasedOnProblem(day: string, birthDate: string | null, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'Enter the day it died';
  if (day > today) return 'Cannot be in the future';
  if (birthDate !== null && day < birthDate) return 'Cannot be before its birth date';
  return null;
}
