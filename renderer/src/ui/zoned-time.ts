/**
 * Calendar days and wall-clock times in a named IANA time zone, without a date library: the
 * clinic's day and opening hours are the clinic's, whatever zone the workstation is set to.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// One formatter per zone: building Intl formatters is far slower than using them.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at an instant. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(at)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The calendar day, 'YYYY-MM-DD', in `timeZone` at an instant. */
export function dayIn(at: Date, timeZone: string): string {
  const clock = wallClock(at, timeZone);
  return `${String(clock.year).padStart(4, '0')}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** Minutes since midnight on the wall clock of `timeZone` at an instant. */
export function minutesIn(at: Date, timeZone: string): number {
  const clock = wallClock(at, timeZone);
  return clock.hour * 60 + clock.minute;
}

/** 'HH:MM' on the wall clock of `timeZone` at an instant. */
export function clockIn(at: Date, timeZone: string): string {
  const clock = wallClock(at, timeZone);
  return `${pad(clock.hour)}:${pad(clock.minute)}`;
}

/** Milliseconds `timeZone` is ahead of UTC at an instant. */
function offsetAt(epochMs: number, timeZone: string): number {
  const clock = wallClock(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant (epoch milliseconds) at which the wall clock of `timeZone` shows `day`
 * ('YYYY-MM-DD') and `time` ('HH:MM'). A time that occurs twice (clocks set back) resolves to
 * its first occurrence; a time skipped by a jump forward is read with the offset in force before
 * the jump, so it lands that much later (01:30 in a 01:00->02:00 jump becomes 02:30). Returns
 * NaN for malformed input.
 */
export function instantIn(day: string, time: string, timeZone: string): number {
  const dayMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dayMatch || !timeMatch) return Number.NaN;
  const wall = Date.UTC(
    Number(dayMatch[1]),
    Number(dayMatch[2]) - 1,
    Number(dayMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2]),
  );
  // The offsets a day either side cover any single transition near this wall time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matching = [wall - before, wall - after].filter((candidate) => clockIn(new Date(candidate), timeZone) === time);
  return matching.length > 0 ? Math.min(...matching) : wall - before;
}

const DAY_MS = 86_400_000;

/** Whether `timeZone` is a zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
