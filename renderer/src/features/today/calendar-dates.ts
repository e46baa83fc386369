/**
 * Calendar arithmetic for the day and week views, on the clinic's clock (see
 * ui/display-settings.ts). Days are 'YYYY-MM-DD' strings; instants are ISO strings.
 */
import { displayTimeZone } from '../../ui/display-settings.js';
import { addDays, localInstant, minutesOfDay, toLocalDay } from '../../ui/format.js';

/** The Monday of the ISO week (Monday to Sunday) that holds `day`. */
export function weekStart(day: string): string {
  // A bare day read at noon UTC has the same weekday everywhere; 0 is Sunday, which belongs to
  // the week that started six days before.
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The seven days of the week that starts on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The clinic's calendar day of an instant. */
export function dayOf(iso: string): string {
  return toLocalDay(new Date(iso));
}

/** Minutes since midnight on the clinic's clock at an instant. */
export function minutesOf(iso: string): number {
  return minutesOfDay(iso);
}

/** 'HH:MM' for minutes since midnight. */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The instant the clinic's clock shows `minutes` after midnight on `day`, as ISO. Built from
 * the wall clock, so a daylight-saving change between two days keeps the time staff see.
 */
export function instantAt(day: string, minutes: number): string {
  const at = localInstant(day, clockOf(minutes));
  // Only malformed input has no instant; callers pass days and minutes they computed.
  if (at === null) throw new RangeError(`No instant for ${day} + ${minutes} min`);
  return at;
}

/** The zone the calendar asks the backend for days in: the clinic's, as the screens show. */
export function calendarTimeZone(): string {
  return displayTimeZone();
}

// Bare days are formatted at noon UTC in UTC, so no zone moves them to another day.
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
const dayMonthFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** 'Mon' and '23 Nov' for a column head. */
export function dayHeading(day: string): { weekday: string; date: string } {
  const at = new Date(`${day}T12:00:00Z`);
  return { weekday: weekdayFormat.format(at), date: dayMonthFormat.format(at) };
}
