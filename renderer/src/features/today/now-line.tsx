import { formatTime } from '../../ui/format.js';
import { nowOffset } from './day-layout.js';

interface NowLineProps {
  /** Minutes since midnight on the clinic's clock. */
  minutes: number;
  /** The instant, for the label. */
  at: number;
  /** The time axis gets the label; a column gets the line only. */
  labelled?: boolean;
}

/**
 * The current-time line across a column of the calendar's time grid (today only; the caller
 * decides). Decoration: hidden from assistive technology, whose users have the clock.
 * Nothing is drawn outside the grid's hours.
 */
export function NowLine({ minutes, at, labelled = false }: NowLineProps) {
  const offset = nowOffset(minutes);
  if (offset === null) return null;
  return (
    <div
      className={`now-line ${labelled ? 'now-line-labelled' : ''}`}
      data-testid={labelled ? 'now-marker' : 'now-line'}
      aria-hidden="true"
      style={{ '--now': offset }}
    >
      {labelled ? <span className="now-label">{formatTime(new Date(at).toISOString())}</span> : null}
    </div>
  );
}
