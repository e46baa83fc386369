import { isKnownTimeZone } from './zoned-time.js';

/**
 * The time zone and currency every screen displays in: the clinic's, once its row has arrived
 * on this workstation, else the workstation's own zone and no currency sign. Module state, not
 * React state, so the plain formatting functions in format.ts can read it; the shell sets it
 * before rendering any screen and remounts the screens when it changes.
 */
interface DisplaySettings {
  timeZone: string;
  currency: string | null;
}

const WORKSTATION_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

let current: DisplaySettings = { timeZone: WORKSTATION_TIME_ZONE, currency: null };

/**
 * Sets the clinic's zone and currency (null for either keeps the workstation default). An
 * unknown zone name is ignored rather than breaking every date on screen.
 * @returns whether anything changed.
 */
export function setDisplaySettings(clinic: { timezone: string | null; currency: string | null } | null): boolean {
  const zone = clinic?.timezone;
  const next: DisplaySettings = {
    timeZone: zone && isKnownTimeZone(zone) ? zone : WORKSTATION_TIME_ZONE,
    currency: clinic?.currency ?? null,
  };
  if (next.timeZone === current.timeZone && next.currency === current.currency) return false;
  current = next;
  return true;
}

/** The IANA zone dates and times are shown in. */
export function displayTimeZone(): string {
  return current.timeZone;
}

/** The ISO 4217 code amounts are shown with when a row names none, or null. */
export function displayCurrency(): string | null {
  return current.currency;
}
