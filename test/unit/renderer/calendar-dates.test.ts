import { afterEach, describe, expect, it } from 'vitest';
import { setDisplaySettings } from '../../../renderer/src/ui/display-settings.js';
import {
  calendarTimeZone,
  dayOf,
  instantAt,
  minutesOf,
  weekDays,
  weekStart,
} from '../../../renderer/src/features/today/calendar-dates.js';
import { calendarRoute } from '../../../renderer/src/features/today/calendar-keys.js';

describe('calendar weeks and times on the clinic clock', () => {
  afterEach(() => {
    setDisplaySettings(null);
  });

  it('starts every week on Monday, Sunday included in the week before it', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-25')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    // Across a month and a year boundary.
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });

  it('lists the seven days of a week, Monday to Sunday', () => {
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it("keeps the wall-clock time when a booking moves across the clinic's clock change", () => {
    setDisplaySettings({ timezone: 'Europe/Dublin', currency: null });
    // 09:30 IST on Friday 23 October 2026 is 08:30Z; Dublin goes back to GMT on the 25th.
    const friday = '2026-10-23T08:30:00.000Z';
    const monday = instantAt('2026-10-26', minutesOf(friday));
    expect(monday).toBe('2026-10-26T09:30:00.000Z');
    expect(minutesOf(monday)).toBe(9 * 60 + 30);
    expect(dayOf(monday)).toBe('2026-10-26');
  });

  it("asks for days in the clinic's zone and reads instants on its calendar", () => {
    setDisplaySettings({ timezone: 'Asia/Tokyo', currency: null });
    expect(calendarTimeZone()).toBe('Asia/Tokyo');
    // 23:30Z on 1 July is already 2 July, 08:30, in Tokyo.
    expect(dayOf('2026-07-01T23:30:00.000Z')).toBe('2026-07-02');
    expect(instantAt('2026-07-02', 8 * 60 + 30)).toBe('2026-07-01T23:30:00.000Z');
  });

  it('refuses to invent an instant for a malformed day', () => {
    expect(() => instantAt('2026-7-2', 60)).toThrow(RangeError);
  });

  it("links today's day and this week by their short address, other dates in full", () => {
    setDisplaySettings({ timezone: 'UTC', currency: null });
    const today = new Date().toISOString().slice(0, 10);
    expect(calendarRoute('day', today)).toEqual({ name: 'today', date: null });
    expect(calendarRoute('week', today)).toEqual({ name: 'week', date: null });
    expect(calendarRoute('day', '2020-02-03')).toEqual({ name: 'today', date: '2020-02-03' });
    expect(calendarRoute('week', '2020-02-05')).toEqual({ name: 'week', date: '2020-02-05' });
  });
});
