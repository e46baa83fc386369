import { routeHref } from '../../routing/routes.js';
import { calendarRoute, type CalendarView } from './calendar-keys.js';

/** Day | Week, as links: the address keeps the view, and the back button undoes a switch. */
export function ViewToggle({ view, date }: { view: CalendarView; date: string }) {
  return (
    <div className="segmented" role="group" aria-label="Calendar view">
      <a
        className="segmented-item"
        href={routeHref(calendarRoute('day', date))}
        aria-current={view === 'day' ? 'page' : undefined}
        aria-keyshortcuts="D"
        title="Day view (D)"
      >
        Day
      </a>
      <a
        className="segmented-item"
        href={routeHref(calendarRoute('week', date))}
        aria-current={view === 'week' ? 'page' : undefined}
        aria-keyshortcuts="W"
        title="Week view (W)"
      >
        Week
      </a>
    </div>
  );
}
