import { afterEach, describe, expect, it } from 'vitest';
import { displayTimeZone, setDisplaySettings } from '../../../renderer/src/ui/display-settings.js';
import {
  addDays,
  formatMoney,
  localInstant,
  minutesOfDay,
  toLocalDay,
  toLocalTime,
} from '../../../renderer/src/ui/format.js';
import { dayIn, instantIn } from '../../../renderer/src/ui/zoned-time.js';

const iso = (epoch: number) => new Date(epoch).toISOString();

describe('wall-clock time in a named zone', () => {
  it('reads a wall-clock time in the zone, whatever zone the machine is in', () => {
    expect(iso(instantIn('2026-07-01', '09:15', 'Europe/Dublin'))).toBe('2026-07-01T08:15:00.000Z');
    expect(iso(instantIn('2026-07-01', '09:15', 'America/New_York'))).toBe('2026-07-01T13:15:00.000Z');
    expect(iso(instantIn('2026-01-01', '00:00', 'Pacific/Auckland'))).toBe('2025-12-31T11:00:00.000Z');
  });

  it('resolves a time that occurs twice to its first occurrence', () => {
    // Dublin sets clocks back from 02:00 IST to 01:00 GMT on 25 October 2026.
    expect(iso(instantIn('2026-10-25', '01:30', 'Europe/Dublin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('moves a time skipped by the spring jump forward by the jump', () => {
    // Dublin jumps from 01:00 GMT to 02:00 IST on 29 March 2026: 01:30 does not exist.
    expect(iso(instantIn('2026-03-29', '01:30', 'Europe/Dublin'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses malformed input with NaN', () => {
    expect(instantIn('2026-7-1', '09:15', 'Europe/Dublin')).toBeNaN();
    expect(instantIn('2026-07-01', '9:15', 'Europe/Dublin')).toBeNaN();
  });

  it("gives the zone's calendar day, not UTC's", () => {
    const lateEvening = new Date('2026-07-01T23:30:00Z');
    expect(dayIn(lateEvening, 'UTC')).toBe('2026-07-01');
    expect(dayIn(lateEvening, 'Asia/Tokyo')).toBe('2026-07-02');
    expect(dayIn(lateEvening, 'America/Los_Angeles')).toBe('2026-07-01');
  });
});

describe('display formats follow the clinic', () => {
  afterEach(() => {
    setDisplaySettings(null);
  });

  it("puts days, times and new bookings on the clinic's clock", () => {
    setDisplaySettings({ timezone: 'Asia/Tokyo', currency: 'JPY' });
    expect(displayTimeZone()).toBe('Asia/Tokyo');
    const at = new Date('2026-07-01T23:30:00Z');
    expect(toLocalDay(at)).toBe('2026-07-02');
    expect(toLocalTime(at)).toBe('08:30');
    expect(minutesOfDay(at.toISOString())).toBe(8 * 60 + 30);
    expect(localInstant('2026-07-02', '08:30')).toBe(at.toISOString());
    expect(localInstant('not a day', '08:30')).toBeNull();
  });

  it('keeps the workstation zone for an unknown zone name instead of breaking every date', () => {
    const before = displayTimeZone();
    setDisplaySettings({ timezone: 'Mars/Olympus_Mons', currency: null });
    expect(displayTimeZone()).toBe(before);
  });

  it("adds the clinic's currency only where an amount has none of its own", () => {
    expect(formatMoney('1234.5')).toBe('1,234.50');
    setDisplaySettings({ timezone: null, currency: 'EUR' });
    expect(formatMoney('1234.5')).toBe('1,234.50 EUR');
    expect(formatMoney('-12', 'GBP')).toBe('−12.00 GBP');
    expect(formatMoney(null)).toBe('—');
  });

  it('steps calendar days without a zone moving them, across month and year ends', () => {
    setDisplaySettings({ timezone: 'Pacific/Kiritimati', currency: null });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });
});
