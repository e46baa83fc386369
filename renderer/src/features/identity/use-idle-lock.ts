import { useEffect } from 'react';
import { IdleTimer, idleTimeoutMs } from './idle-timer.js';

/** What counts as someone at the workstation: any key, pointer, wheel or touch input. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

const windowClock = {
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number) => window.setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => {
    window.clearTimeout(handle as number);
  },
};

/**
 * Calls `onIdle` after `minutes` (fractions allowed) without input in this window, once; a new
 * session (the hook mounted again) counts afresh. Listens in the capture phase, so a control
 * that stops an event's propagation still counts as activity.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  useEffect(() => {
    const timeout = idleTimeoutMs(minutes);
    if (timeout === null) return;
    const timer = new IdleTimer(timeout, onIdle, windowClock);
    const onActivity = () => {
      timer.activity();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    timer.start();
    return () => {
      timer.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [minutes, onIdle]);
}
