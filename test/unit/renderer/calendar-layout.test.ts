import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DayAppointment } from '../../../core/api/views.js';
import type { AppointmentStatus } from '../../../core/domain/enums.js';
import { setDisplaySettings } from '../../../renderer/src/ui/display-settings.js';
import { layoutWeek, nowOffset, placeColumn } from '../../../renderer/src/features/today/day-layout.js';

/**
 * A booking with what the layout reads. The rest of the row does not matter here, hence the cast
 * through unknown.
 */
function booking(id: string, at: string, minutes: number, status: AppointmentStatus = 'scheduled'): DayAppointment {
  return {
    id,
    scheduled_at: at,
    duration_minutes: minutes,
    status,
    vet_id: 'vet-1',
    deleted_at: null,
    overlaps: [],
  } as unknown as DayAppointment;
}

describe('the week on the time grid', () => {
  beforeEach(() => {
    setDisplaySettings({ timezone: 'Europe/Amsterdam', currency: null });
  });
  afterEach(() => {
    setDisplaySettings(null);
  });

  const days = ['2026-11-23', '2026-11-24', '2026-11-25'];

  it('puts each live booking in its day on the clinic clock, at its 5-minute track and length', () => {
    const columns = layoutWeek(
      [
        // 09:30 in Amsterdam (UTC+1 in November).
        booking('a', '2026-11-24T08:30:00Z', 20),
        // 00:30 on the 25th in Amsterdam, though still the 24th in UTC: the 25th's column,
        // clamped to the grid's first quarter hour.
        booking('b', '2026-11-24T23:30:00Z', 15),
        booking('cancelled', '2026-11-24T09:00:00Z', 15, 'cancelled'),
        booking('no-show', '2026-11-24T09:00:00Z', 15, 'no_show'),
        // Outside the week shown: left off.
        booking('later', '2026-12-01T09:00:00Z', 15),
      ],
      days,
    );
    expect(columns.map((column) => column.day)).toEqual(days);
    expect(columns[0]?.placed).toEqual([]);
    const [tuesday] = columns[1]?.placed ?? [];
    expect(columns[1]?.placed).toHaveLength(1);
    // 09:30 is 90 minutes after 08:00: track 19, four tracks long for 20 minutes.
    expect(tuesday).toMatchObject({ rowStart: 19, rowSpan: 4, lane: 0, lanes: 1, clipped: false });
    expect(columns[2]?.placed.map((item) => item.appointment.id)).toEqual(['b']);
    expect(columns[2]?.placed[0]).toMatchObject({ rowStart: 1, rowSpan: 3, clipped: true });
  });

  it('sets overlapping bookings of a day side by side, and back to one lane after them', () => {
    const placed = placeColumn([
      booking('a', '2026-11-24T08:00:00Z', 30),
      booking('b', '2026-11-24T08:15:00Z', 30),
      booking('c', '2026-11-24T09:00:00Z', 15),
    ]);
    expect(placed.map((item) => [item.appointment.id, item.lane, item.lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 1],
    ]);
  });
});

describe('the current-time line', () => {
  it('sits at the fraction of the 08:00-19:00 grid the time has reached, and nowhere outside it', () => {
    expect(nowOffset(8 * 60)).toBe(0);
    expect(nowOffset(13 * 60 + 30)).toBeCloseTo(0.5);
    expect(nowOffset(19 * 60 - 1)).toBeCloseTo(659 / 660);
    expect(nowOffset(7 * 60 + 59)).toBeNull();
    expect(nowOffset(19 * 60)).toBeNull();
  });
});
