import { useEffect, useState } from 'react';

/**
 * The current time (epoch ms), refreshed at the start of every minute: enough for a clock line
 * on the calendar, and one render a minute at most.
 */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      // A little past the minute, so the new minute has certainly begun.
      timer = window.setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        60_000 - (Date.now() % 60_000) + 50,
      );
    };
    schedule();
    return () => {
      window.clearTimeout(timer);
    };
  }, []);
  return now;
}
