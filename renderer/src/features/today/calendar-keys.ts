import { useEffect } from 'react';
import { navigate } from '../../routing/routes.js';
import { addDays, localToday } from '../../ui/format.js';
import { weekStart } from './calendar-dates.js';

export type CalendarView = 'day' | 'week';

/** The route of `view` showing `date`; today's day and this week keep the short address. */
export function calendarRoute(view: CalendarView, date: string) {
  const today = localToday();
  if (view === 'day') return { name: 'today', date: date === today ? null : date } as const;
  return { name: 'week', date: weekStart(date) === weekStart(today) ? null : date } as const;
}

/** True in a field: single-letter keys belong to what is typed there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keys of the calendar, outside fields and dialogs: `[` and `]` step a day (a week in the week
 * view), `d` and `w` switch to the day or week view of the same date.
 */
export function useCalendarKeys(view: CalendarView, date: string): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const step = view === 'day' ? 1 : 7;
      if (event.key === '[') navigate(calendarRoute(view, addDays(date, -step)));
      else if (event.key === ']') navigate(calendarRoute(view, addDays(date, step)));
      else if (event.key === 'd' && view !== 'day') navigate(calendarRoute('day', date));
      else if (event.key === 'w' && view !== 'week') navigate(calendarRoute('week', date));
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [view, date]);
}
