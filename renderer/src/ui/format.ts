/** Display formats, in the workstation's locale and time zone. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function formatTime(iso: string | null): string {
  return iso ? timeFormat.format(new Date(iso)) : '';
}
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  // A bare calendar day is read at local noon so no time zone moves it to another day.
  return dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso));
}
export function formatDateTime(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}
export function formatLongDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T12:00:00`));
}

/** Amounts are exact decimal strings; only grouping and the currency sign are added. */
export function formatMoney(amount: string | null, currency: string | null = null): string {
  if (amount === null) return '—';
  const [whole = '0', fraction = '00'] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${amount.startsWith('-') ? '−' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
  return currency ? `${text} ${currency}` : text;
}

/** "just now", "2 min ago", "3 h ago", else the date. */
export function formatAgo(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return formatDateTime(iso);
}

/** Today's calendar day in the workstation's zone, 'YYYY-MM-DD'. */
export function localToday(): string {
  const now = new Date();
  return toLocalDay(now);
}
export function toLocalDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00`);
  date.setDate(date.getDate() + days);
  return toLocalDay(date);
}

export function humanize(value: string | null): string {
  if (!value) return '—';
  const text = value.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
