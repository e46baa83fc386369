/** Age from a birth date, the way staff say it: "8 months", "3 y 2 m", "12 years". */
export function ageText(birthDate: string | null, today: Date = new Date()): string {
  if (!birthDate) return '—';
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let months = (today.getFullYear() - year) * 12 + (today.getMonth() + 1 - month);
  if (today.getDate() < day) months -= 1;
  if (months < 0) return '—';
  if (months < 1) {
    const days = Math.floor((today.getTime() - new Date(year, month - 1, day).getTime()) / 86_400_000);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return years < 10 && rest > 0 ? `${years} y ${rest} m` : `${years} years`;
}
