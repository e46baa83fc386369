import { minutesOfDay, toLocalDay } from '../../ui/format.js';
import type { GridNow } from './time-axis.js';
import { useMinuteClock } from './use-minute-clock.js';

/**
 * The current time for a grid showing `days`: which of them is today on the clinic's clock (null
 * when none is) and the time there, moving once a minute.
 */
export function useGridNow(days: readonly string[]): { today: string | null; now: GridNow } {
  const at = useMinuteClock();
  const today = toLocalDay(new Date(at));
  return {
    today: days.includes(today) ? today : null,
    now: { at, minutes: minutesOfDay(new Date(at).toISOString()) },
  };
}
