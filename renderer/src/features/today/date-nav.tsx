import { addDays, formatLongDay, localToday } from '../../ui/format.js';
import { navigate } from '../../routing/routes.js';
import { StepButtons } from '../../ui/step-buttons.js';

/** Previous / today / next, and a native date picker. */
export function DateNav({ date }: { date: string }) {
  const go = (day: string) => {
    navigate({ name: 'today', date: day === localToday() ? null : day });
  };
  return (
    <div className="row">
      <StepButtons
        unit="day"
        currentLabel="Today"
        atCurrent={date === localToday()}
        onStep={(direction) => {
          go(addDays(date, direction));
        }}
        onCurrent={() => {
          go(localToday());
        }}
      />
      <label className="visually-hidden" htmlFor="day-picker">
        Day
      </label>
      <input
        id="day-picker"
        className="input date-input"
        type="date"
        value={date}
        onChange={(event) => {
          if (event.target.value) go(event.target.value);
        }}
      />
      <span className="muted">{formatLongDay(date)}</span>
    </div>
  );
}
