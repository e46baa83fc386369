/**
 * Calendar arithmetic for the demo practice. Days are counted as whole days since 1970-01-01
 * ("epoch days"), so the generator never depends on the machine's time zone or clock.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** The demo clinic's zone. Its rule is coded below rather than read from Intl's tz data. */
export const CLINIC_TIMEZONE = 'Europe/Dublin';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The epoch day of a 'YYYY-MM-DD' date.
 * @throws RangeError when the text is not a real calendar date.
 */
export function parseDay(text: string): number {
  const match = DATE_PATTERN.exec(text);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (formatDay(ms / MS_PER_DAY) !== text) throw new RangeError(`no such date: ${text}`);
  return ms / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of an epoch day. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO 8601 UTC text of a Unix millisecond instant, as the rows carry timestamps. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** 0 for Sunday to 6 for Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function lastSunday(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0) / MS_PER_DAY;
  return lastDay - weekday(lastDay);
}

/**
 * Minutes Dublin is ahead of UTC on a day: summer time runs from the last Sunday of March to
 * the last Sunday of October (EU rule). Clinic hours never straddle the 01:00 UTC switch, so
 * the day alone decides.
 */
export function clinicOffsetMinutes(day: number): number {
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  return day >= lastSunday(year, 2) && day < lastSunday(year, 9) ? 60 : 0;
}

/** The UTC instant of a wall-clock time (minutes after midnight) at the clinic on `day`. */
export function clinicTime(day: number, minuteOfDay: number): number {
  return day * MS_PER_DAY + (minuteOfDay - clinicOffsetMinutes(day)) * MS_PER_MINUTE;
}

/** The clinic's calendar day of a UTC instant. */
export function clinicDay(ms: number): number {
  const utcDay = Math.floor(ms / MS_PER_DAY);
  // The offset is 0 or +60 min, so the local day is the UTC day or the next one.
  const local = ms + clinicOffsetMinutes(utcDay) * MS_PER_MINUTE;
  return Math.floor(local / MS_PER_DAY);
}
