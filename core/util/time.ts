/**
 * Calendar days in a clinic's time zone, with the platform's Intl data only.
 */

/** Minutes the zone is ahead of UTC at `instant` (e.g. 60 for Paris in winter). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time in `timeZone` happens (DST gaps resolve forwards). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}Z`);
  const first = new Date(guess.getTime() - zoneOffsetMinutes(timeZone, guess) * 60_000);
  return new Date(guess.getTime() - zoneOffsetMinutes(timeZone, first) * 60_000);
}

/** [start, end) of a calendar day in `timeZone`, as ISO instants. */
export function zonedDayRange(date: string, timeZone: string): { start: string; end: string } {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    start: zonedInstant(date, '00:00:00', timeZone).toISOString(),
    end: zonedInstant(next.toISOString().slice(0, 10), '00:00:00', timeZone).toISOString(),
  };
}
