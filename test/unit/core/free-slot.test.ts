import { describe, expect, it } from 'vitest';
import type { AppointmentStatus } from '../../../core/domain/enums.js';
import { BOOKING_HOURS, nextFreeSlot, type FreeSlotRequest, type SlotBooking } from '../../../core/domain/free-slot.js';
import { DAY_END_MINUTES, DAY_START_MINUTES, SLOT_MINUTES } from '../../../renderer/src/features/today/day-layout.js';

const VET_A = '00000000-0000-4000-8000-00000000000a';
const VET_B = '00000000-0000-4000-8000-00000000000b';
let counter = 0;

/** A booking of `vet` at an ISO instant. */
function booking(
  vet: string | null,
  at: string,
  minutes: number,
  status: AppointmentStatus = 'scheduled',
): SlotBooking {
  counter += 1;
  return { id: `b${counter}`, vet_id: vet, scheduled_at: at, duration_minutes: minutes, status };
}

/** A request in UTC from Monday 2026-11-23 07:00, one vet, 15 minutes, unless overridden. */
function ask(overrides: Partial<FreeSlotRequest>): ReturnType<typeof nextFreeSlot> {
  return nextFreeSlot({
    now: new Date('2026-11-23T07:00:00Z'),
    timeZone: 'UTC',
    fromDay: '2026-11-23',
    days: 14,
    durationMinutes: 15,
    vetIds: [VET_A],
    bookings: [],
    ...overrides,
  });
}

describe('the next free slot', () => {
  it('proposes within the day calendar visible hours and its quarter-hour rows', () => {
    expect(BOOKING_HOURS).toEqual({
      startMinutes: DAY_START_MINUTES,
      endMinutes: DAY_END_MINUTES,
      stepMinutes: SLOT_MINUTES,
    });
    expect(ask({})).toEqual({ vetId: VET_A, date: '2026-11-23', time: '08:00', startsAt: '2026-11-23T08:00:00.000Z' });
  });

  it('never proposes a past time: rounds now up to the next step', () => {
    expect(ask({ now: new Date('2026-11-23T10:07:30Z') })?.time).toBe('10:15');
    expect(ask({ now: new Date('2026-11-23T10:15:00Z') })?.time).toBe('10:15');
    expect(ask({ now: new Date('2026-11-23T10:15:01Z') })?.time).toBe('10:30');
  });

  it('goes to the next day after closing, and when the booking no longer fits today', () => {
    expect(ask({ now: new Date('2026-11-23T23:45:00Z') })).toMatchObject({ date: '2026-11-24', time: '08:00' });
    // 18:30 now, 45 minutes: 18:30 + 45 ends after 19:00.
    expect(ask({ now: new Date('2026-11-23T18:30:00Z'), durationMinutes: 45 })).toMatchObject({
      date: '2026-11-24',
      time: '08:00',
    });
    expect(ask({ now: new Date('2026-11-23T18:30:00Z'), durationMinutes: 30 })).toMatchObject({
      date: '2026-11-23',
      time: '18:30',
    });
  });

  it('skips a full day and continues on the next', () => {
    const full = [booking(VET_A, '2026-11-23T08:00:00Z', 11 * 60)];
    expect(ask({ bookings: full })).toMatchObject({ date: '2026-11-24', time: '08:00' });
  });

  it('fits the length before the next booking; touching edges are free', () => {
    const bookings = [booking(VET_A, '2026-11-23T08:00:00Z', 30), booking(VET_A, '2026-11-23T09:00:00Z', 30)];
    // 08:30-09:00 fits 30 minutes exactly, ending when the next one starts.
    expect(ask({ bookings, durationMinutes: 30 })?.time).toBe('08:30');
    // 45 minutes do not fit in 08:30-09:00: next is 09:30, when the second ends.
    expect(ask({ bookings, durationMinutes: 45 })?.time).toBe('09:30');
    // A 5-minute overlap blocks too.
    const odd = [booking(VET_A, '2026-11-23T08:10:00Z', 10)];
    expect(ask({ bookings: odd })?.time).toBe('08:30');
  });

  it('lets cancelled, no-show and deleted bookings, other vets and unassigned ones not block', () => {
    const bookings = [
      booking(VET_A, '2026-11-23T08:00:00Z', 60, 'cancelled'),
      booking(VET_A, '2026-11-23T08:00:00Z', 60, 'no_show'),
      { ...booking(VET_A, '2026-11-23T08:00:00Z', 60), deleted_at: '2026-11-22T10:00:00Z' },
      booking(VET_B, '2026-11-23T08:00:00Z', 60),
      booking(null, '2026-11-23T08:00:00Z', 60),
    ];
    expect(ask({ bookings })?.time).toBe('08:00');
    for (const status of ['confirmed', 'checked_in', 'in_progress', 'completed'] as const)
      expect(ask({ bookings: [booking(VET_A, '2026-11-23T08:00:00Z', 60, status)] })?.time).toBe('09:00');
  });

  it('does not let the booking being moved block itself', () => {
    const own = booking(VET_A, '2026-11-23T08:00:00Z', 30);
    expect(ask({ bookings: [own] })?.time).toBe('08:30');
    expect(ask({ bookings: [own], excludeId: own.id })?.time).toBe('08:00');
  });

  it('for any vet, picks the vet free earliest; the first listed on a tie', () => {
    const bookings = [booking(VET_A, '2026-11-23T08:00:00Z', 60), booking(VET_B, '2026-11-23T08:00:00Z', 30)];
    expect(ask({ bookings, vetIds: [VET_A, VET_B] })).toMatchObject({ vetId: VET_B, time: '08:30' });
    expect(ask({ vetIds: [VET_A, VET_B] })).toMatchObject({ vetId: VET_A, time: '08:00' });
    expect(ask({ vetIds: [VET_B, VET_A] })).toMatchObject({ vetId: VET_B, time: '08:00' });
    // Unassigned is never blocked.
    expect(ask({ bookings, vetIds: [null] })).toMatchObject({ vetId: null, time: '08:00' });
  });

  it('answers null when nothing is free in the days searched, or nobody can take it', () => {
    const full = [booking(VET_A, '2026-11-23T08:00:00Z', 11 * 60), booking(VET_A, '2026-11-24T08:00:00Z', 11 * 60)];
    expect(ask({ bookings: full, days: 2 })).toBeNull();
    expect(ask({ bookings: full, days: 3 })).toMatchObject({ date: '2026-11-25' });
    expect(ask({ vetIds: [] })).toBeNull();
    expect(ask({ durationMinutes: 12 * 60 })).toBeNull();
  });

  it('reads days and times on the clinic clock, across a daylight-saving change', () => {
    // Europe/Dublin: 2026-10-25 clocks go back (IST +01:00 -> GMT +00:00).
    const base = { timeZone: 'Europe/Dublin', fromDay: '2026-10-24' };
    const saturday = ask({ ...base, now: new Date('2026-10-24T06:00:00Z') });
    expect(saturday).toMatchObject({ date: '2026-10-24', time: '08:00', startsAt: '2026-10-24T07:00:00.000Z' });
    // At 19:30 Saturday local the day is over: Sunday 08:00 is now GMT.
    const sunday = ask({ ...base, now: new Date('2026-10-24T18:30:00Z') });
    expect(sunday).toMatchObject({ date: '2026-10-25', time: '08:00', startsAt: '2026-10-25T08:00:00.000Z' });
    // A booking given as an instant blocks the local slot it falls on that day.
    const blocked = ask({
      ...base,
      now: new Date('2026-10-24T18:30:00Z'),
      bookings: [booking(VET_A, '2026-10-25T08:00:00Z', 15)],
    });
    expect(blocked?.time).toBe('08:15');
    // America/New_York, 2026-03-08: spring forward at 02:00; a day starting at 01:00 skips 02:xx.
    const early = { startMinutes: 60, endMinutes: 4 * 60, stepMinutes: 30 };
    const slots = ask({
      timeZone: 'America/New_York',
      fromDay: '2026-03-08',
      now: new Date('2026-03-08T06:45:00Z'), // 01:45 EST
      hours: early,
    });
    expect(slots).toMatchObject({ date: '2026-03-08', time: '03:00', startsAt: '2026-03-08T07:00:00.000Z' });
  });
});
