/**
 * Display formats: the workstation's locale, the clinic's time zone and currency (see
 * display-settings.ts). Calendar days ('YYYY-MM-DD') are the clinic's days.
 */
import { displayCurrency, displayTimeZone } from './display-settings.js';
import { clockIn, dayIn, instantIn, minutesIn } from './zoned-time.js';

type FormatName = 'time' | 'date' | 'dateTime' | 'longDay';

const OPTIONS: Record<FormatName, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  longDay: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
};

// Building an Intl formatter costs far more than using one: keep one per format and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(name: FormatName, timeZone: string): Intl.DateTimeFormat {
  const key = `${name} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { ...OPTIONS[name], timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** A bare calendar day as an instant at noon UTC, formatted in UTC: no zone moves it to another day. */
function calendarDay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** The clock time of an instant in the clinic's zone, '' for null. */
export function formatTime(iso: string | null): string {
  return iso ? formatter('time', displayTimeZone()).format(new Date(iso)) : '';
}

/** A time of day given as minutes since midnight (grid labels), in the locale's clock format. */
export function formatClock(minutes: number): string {
  return formatter('time', 'UTC').format(new Date(Date.UTC(2000, 0, 1, 0, minutes)));
}

/** A calendar day ('YYYY-MM-DD') as is, or an instant's day in the clinic's zone; '—' for null. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  if (iso.length === 10) return formatter('date', 'UTC').format(calendarDay(iso));
  return formatter('date', displayTimeZone()).format(new Date(iso));
}

/** An instant's day and time in the clinic's zone; '—' for null. */
export function formatDateTime(iso: string | null): string {
  return iso ? formatter('dateTime', displayTimeZone()).format(new Date(iso)) : '—';
}

/** A calendar day spelled out: "Sunday, 22 November 2026". */
export function formatLongDay(day: string): string {
  return formatter('longDay', 'UTC').format(calendarDay(day));
}

/**
 * Amounts are exact decimal strings; only grouping and the currency code are added. Without a
 * currency of its own (a price-list item, an owner without bills) the clinic's is used.
 */
export function formatMoney(amount: string | null, currency: string | null = null): string {
  if (amount === null) return '—';
  const [whole = '0', fraction = '00'] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${amount.startsWith('-') ? '−' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
  const code = currency ?? displayCurrency();
  return code ? `${text} ${code}` : text;
}

/**
 * A decimal string without needless zeros: the central database writes quantities with three
 * decimals ("1.000", "2.500"), staff read "1", "2.5", "0.125". Exact (no float rounding); text
 * that is not a plain decimal is shown as it is.
 */
export function formatQuantity(value: string): string {
  const text = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return value;
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = fraction.replace(/0+$/, '');
  const sign = whole.startsWith('-') && /[1-9]/.test(whole + digits) ? '-' : '';
  const integer = whole.replace('-', '').replace(/^0+(?=\d)/, '');
  return `${sign}${integer}${digits ? `.${digits}` : ''}`;
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

/** Today's calendar day at the clinic, 'YYYY-MM-DD'. */
export function localToday(): string {
  return toLocalDay(new Date());
}

/** The clinic's calendar day at an instant, 'YYYY-MM-DD'. */
export function toLocalDay(date: Date): string {
  return dayIn(date, displayTimeZone());
}

/** The clinic's wall-clock time at an instant, 'HH:MM' (24 h, for form fields). */
export function toLocalTime(date: Date): string {
  return clockIn(date, displayTimeZone());
}

/** Minutes since midnight on the clinic's clock at an instant (for placing it on a day grid). */
export function minutesOfDay(iso: string): number {
  return minutesIn(new Date(iso), displayTimeZone());
}

/**
 * The instant the clinic's clock shows `day` ('YYYY-MM-DD') at `time` ('HH:MM'), as an ISO
 * string, or null for malformed input. See `instantIn` for days with a daylight-saving change.
 */
export function localInstant(day: string, time: string): string | null {
  const epoch = instantIn(day, time, displayTimeZone());
  return Number.isNaN(epoch) ? null : new Date(epoch).toISOString();
}

/** The calendar day `days` after `day` (negative: before); zone-free arithmetic. */
export function addDays(day: string, days: number): string {
  const date = calendarDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 'needs_review' -> 'Needs review'; '—' for null or empty. */
export function humanize(value: string | null): string {
  if (!value) return '—';
  const text = value.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Initials for a small badge: "Dr Dónal Wilson" → "DW" (titles are skipped), "?" for no name. */
export function initials(name: string | null): string {
  const words = (name ?? '').split(/\s+/).filter((word) => word !== '' && !/^(dr|prof)\.?$/i.test(word));
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
