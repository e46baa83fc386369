import { localToday } from '../../ui/format.js';

const dayParts = (day: string) => day.split('-').map(Number) as [number, number, number];

/**
 * Age from a birth date, the way staff say it: "8 months", "3 y 2 m", "12 years". `today` is
 * a calendar day ('YYYY-MM-DD'), by default today at the clinic (not on the workstation's
 * clock, which may be set to another zone). Returns '—' when unknown or in the future.
 */
export function ageText(birthDate: string | null, today: string = localToday()): string {
  if (!birthDate) return '—';
  const [year, month, day] = dayParts(birthDate);
  const [nowYear, nowMonth, nowDay] = dayParts(today);
  let months = (nowYear - year) * 12 + (nowMonth - month);
  if (nowDay < day) months -= 1;
  if (months < 0 || (months === 0 && today < birthDate)) return '—';
  if (months < 1) {
    const days = Math.round((Date.UTC(nowYear, nowMonth - 1, nowDay) - Date.UTC(year, month - 1, day)) / 86_400_000);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return years < 10 && rest > 0 ? `${years} y ${rest} m` : `${years} years`;
}
