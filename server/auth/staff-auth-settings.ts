import { DEFAULT_SCRYPT_COST, type ScryptCost } from '../../sync/identity/password-hash.js';

/** How staff sign-in behaves on this server (server/config.ts reads them from the environment). */
export interface StaffAuthSettings {
  /** Hours an online session lasts (`VETDESK_SESSION_HOURS`). */
  sessionHours: number;
  /**
   * Days a signing key registered at sign-in stays valid (`VETDESK_OFFLINE_DAYS`): how long a
   * person can keep working offline on that workstation and still have their changes accepted.
   */
  offlineDays: number;
  /** scrypt cost of new password hashes: production strength unless a test asks for less. */
  scryptCost: ScryptCost;
}

export const DEFAULT_STAFF_AUTH_SETTINGS: StaffAuthSettings = {
  sessionHours: 12,
  offlineDays: 14,
  scryptCost: DEFAULT_SCRYPT_COST,
};
