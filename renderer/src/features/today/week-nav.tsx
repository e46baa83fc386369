import { navigate } from '../../routing/routes.js';
import { StepButtons } from '../../ui/step-buttons.js';
import { addDays, formatDate, localToday } from '../../ui/format.js';
import { calendarRoute } from './calendar-keys.js';
import { weekStart } from './calendar-dates.js';

/**
 * Previous week / this week / next week, and which days are shown. `onStep` turns the week
 * (the screen's own, which a drag held at the grid's edge uses too).
 */
export function WeekNav({ monday, onStep }: { monday: string; onStep: (direction: -1 | 1) => void }) {
  const thisWeek = weekStart(localToday());
  const go = (day: string) => {
    navigate(calendarRoute('week', day));
  };
  return (
    <div className="row">
      <StepButtons
        unit="week"
        currentLabel="This week"
        atCurrent={monday === thisWeek}
        onStep={onStep}
        onCurrent={() => {
          go(thisWeek);
        }}
      />
      <span className="muted" data-testid="week-range">
        {formatDate(monday)} – {formatDate(addDays(monday, 6))}
      </span>
    </div>
  );
}
