import { useEffect } from 'react';
import type { ClinicRow } from '../../../core/api/views.js';
import { useApiQuery } from '../api/use-api-query.js';
import { displayCurrency, displayTimeZone, setDisplaySettings } from '../ui/display-settings.js';

/** The product's own name, shown small beside the practice's and after it in the window title. */
export const PRODUCT_NAME = 'VetDesk';

export interface ClinicState {
  /** The clinic row, null before the first sync brings it (or if it could not be read). */
  clinic: ClinicRow | null;
  /** The practice's name, or the product's while none is known. */
  practiceName: string;
  /** False until the first answer (or error): screens wait so they never draw in the wrong zone. */
  ready: boolean;
  /** Changes whenever the display zone or currency does; screens are keyed by it to redraw. */
  settingsKey: string;
}

/**
 * Reads `clinic.current` (refetched when the clinic or staff rows change), applies the clinic's
 * time zone and currency to every formatter before the screens render, and keeps the window
 * title as "<practice> · VetDesk". A failed read leaves the workstation's zone in force.
 */
export function useClinic(): ClinicState {
  const query = useApiQuery('clinic.current', {});
  const clinic = query.data ?? null;
  // Applied during render, not in an effect: the screens rendered in this same pass must
  // already format in the clinic's zone. Idempotent, so a repeated render changes nothing.
  setDisplaySettings(clinic);
  const practiceName = clinic?.name?.trim() || PRODUCT_NAME;
  useEffect(() => {
    document.title = practiceName === PRODUCT_NAME ? PRODUCT_NAME : `${practiceName} · ${PRODUCT_NAME}`;
  }, [practiceName]);
  return {
    clinic,
    practiceName,
    ready: !query.isPending,
    settingsKey: `${displayTimeZone()}|${displayCurrency() ?? ''}`,
  };
}
