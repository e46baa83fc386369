import { useMemo } from 'react';
import { FREE_SLOT_SEARCH_DAYS, nextFreeSlot, type FreeSlot } from '../../../../core/domain/free-slot.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { displayTimeZone } from '../../ui/display-settings.js';
import { addDays, localToday } from '../../ui/format.js';

export interface FreeSlotQuery {
  /** Search from this day (today when it is earlier or absent). */
  fromDay: string | undefined;
  /** The vets who may take it, in order of preference; `[null]` for unassigned. */
  vetIds: readonly (string | null)[];
  durationMinutes: number;
  /** Off while the slot is not wanted (staff chose a time), so nothing is read. */
  enabled: boolean;
}

/**
 * The next free slot (core/domain/free-slot.ts) from the local replica: one
 * `appointments.range` read of the two weeks searched, every vet's bookings at once, so changing
 * the vet or the length recomputes without reading again. `loading` until the bookings are in.
 */
export function useFreeSlot(query: FreeSlotQuery): { slot: FreeSlot | null; loading: boolean } {
  const today = localToday();
  const from = query.fromDay !== undefined && query.fromDay > today ? query.fromDay : today;
  const timeZone = displayTimeZone();
  const range = useApiQuery(
    'appointments.range',
    { from, to: addDays(from, FREE_SLOT_SEARCH_DAYS - 1), timeZone },
    { enabled: query.enabled },
  );
  const { vetIds, durationMinutes } = query;
  const slot = useMemo(
    () =>
      range.data
        ? nextFreeSlot({
            now: new Date(),
            timeZone,
            fromDay: from,
            days: FREE_SLOT_SEARCH_DAYS,
            durationMinutes,
            vetIds,
            bookings: range.data,
          })
        : null,
    [range.data, timeZone, from, durationMinutes, vetIds],
  );
  return { slot, loading: query.enabled && range.data === undefined };
}
