import { navigate } from '../../routing/routes.js';
import { StepButtons } from '../../ui/step-buttons.js';
import { addDays, formatDate, localToday } from '../../ui/format.js';
import { calendarRoute } from './calendar-keys.js';
import { weekStart } from './calendar-dates.js';

/** Previous week / this week / next week, and which days are shown. */
export function WeekNav({ monday }: { monday: string }) {
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
        onStep={(direction) => {
          go(addDays(monday, 7 * direction));
        }}
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
