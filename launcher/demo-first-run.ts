import type { StaffRole } from '../core/domain/enums.js';
import { AppError, ErrorCode } from '../core/errors.js';
import type { CentralDb } from '../db/central/connection.js';
import { listClinics } from '../db/central/queries/clinics.js';
import { firstStaffWithRole } from '../db/central/queries/practice.js';
import type { Workstation } from '../electron/backend/workstation.js';
import { createEnrolmentCode } from '../server/auth/enrolment.js';
import { demoAccountsBlock, giveDemoPasswords, type DemoAccount } from './demo-accounts.js';

/** The demo workstation's name on the server's device list. */
export const DEMO_DEVICE_NAME = 'Demo workstation';

/** What the first run of the demo hands to its workstation: a one-time code and whom to sign in. */
export interface DemoFirstRun {
  enrolmentCode: string;
  /** The first staff member with the demo role, with the password just made for them. */
  account: DemoAccount;
}

/**
 * The first run's accounts and enrolment, after seeding: every demo staff member gets a fresh
 * password (printed once, in one block, with role and user name), and the server makes a
 * one-time enrolment code for the demo workstation through its own function, as the admin
 * screen and `npm run enrol` do. The code is valid for an hour: it is used at once.
 * @throws AppError NOT_FOUND when the practice has no clinic or no staff member with `role`.
 */
export async function prepareDemoFirstRun(
  db: CentralDb,
  role: StaffRole,
  print: (line: string) => void,
): Promise<DemoFirstRun> {
  const accounts = await giveDemoPasswords(db);
  print('');
  for (const line of demoAccountsBlock(accounts)) print(line);
  print('');
  const chosen = await firstStaffWithRole(db, role);
  const account = accounts.find((candidate) => candidate.id === chosen?.id);
  if (!account) {
    throw new AppError(ErrorCode.NotFound, `The practice has no ${role.replace('_', ' ')} staff member to sign in as`);
  }
  const [clinic] = await listClinics(db);
  if (!clinic) throw new AppError(ErrorCode.NotFound, 'The demo practice has no clinic');
  const { code } = await createEnrolmentCode(db, {
    clinicId: clinic.id,
    deviceName: DEMO_DEVICE_NAME,
    hours: 1,
    createdBy: null,
  });
  return { enrolmentCode: code, account };
}

/**
 * Enrols the workstation with `serverUrl` through the real HTTP path (a device token in its
 * secret store) and, when `account` is given, signs that person in online (a server session and
 * a signing key, as the sign-in screen would). Does nothing when the workstation is enrolled.
 * @throws AppError ENROLMENT_CODE_INVALID, SERVER_UNAVAILABLE, SIGN_IN_FAILED.
 */
export async function enrolWorkstation(
  workstation: Workstation,
  serverUrl: string,
  enrolmentCode: string,
  account?: DemoAccount,
): Promise<void> {
  const { identity } = workstation;
  if (identity.state().enrolment.state !== 'not_enrolled') return;
  // The code carries the workstation's name, chosen by whoever made it.
  await identity.enrol({ serverUrl, code: enrolmentCode });
  if (account) await identity.signIn(account.username, account.password);
}
