import { addDays, formatLongDay, localToday } from '../../ui/format.js';
import { navigate } from '../../routing/routes.js';

/** Previous / today / next, and a native date picker. */
export function DateNav({ date }: { date: string }) {
  const go = (day: string) => {
    navigate({ name: 'today', date: day === localToday() ? null : day });
  };
  return (
    <div className="row">
      <button
        type="button"
        className="btn"
        onClick={() => {
          go(addDays(date, -1));
        }}
        aria-label="Previous day"
      >
        ‹
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => {
          go(localToday());
        }}
        disabled={date === localToday()}
      >
        Today
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => {
          go(addDays(date, 1));
        }}
        aria-label="Next day"
      >
        ›
      </button>
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
