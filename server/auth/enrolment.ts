import {
  DEVICE_TOKEN_PREFIX,
  enrolmentCodeResponseSchema,
  enrolResponseSchema,
  type EnrolmentCodeResponse,
  type EnrolResponse,
} from '../../core/auth/wire.js';
import type { CentralDb } from '../../db/central/connection.js';
import { insertEnrolmentCode, redeemEnrolmentCode } from '../../db/central/queries/enrolment.js';
import { newEnrolmentCode, newSecretToken, tokenHash } from '../../sync/identity/secret-token.js';

/** Hours an enrolment code works when its maker does not say. */
export const DEFAULT_ENROLMENT_CODE_HOURS = 24;

/** What an admin (screen or CLI) asks for. */
export interface EnrolmentCodeRequest {
  clinicId: string;
  deviceName: string;
  /** 1 to 168; DEFAULT_ENROLMENT_CODE_HOURS when absent. Validated by the caller's schema. */
  hours?: number | undefined;
  /** The admin; null from the server CLI. */
  createdBy: string | null;
}

/**
 * Makes a one-time enrolment code for a workstation of `clinicId`. The code is returned once,
 * grouped for reading aloud; only its SHA-256 is stored, so nobody can read it back later.
 * @throws AppError FOREIGN_KEY_VIOLATION for an unknown clinic or staff member.
 */
export async function createEnrolmentCode(
  db: CentralDb,
  request: EnrolmentCodeRequest,
): Promise<EnrolmentCodeResponse> {
  const code = newEnrolmentCode();
  const { expiresAt } = await insertEnrolmentCode(db, {
    clinicId: request.clinicId,
    deviceName: request.deviceName,
    codeHash: tokenHash(code.normalized),
    createdBy: request.createdBy,
    validForHours: request.hours ?? DEFAULT_ENROLMENT_CODE_HOURS,
  });
  return enrolmentCodeResponseSchema.parse({
    code: code.display,
    deviceName: request.deviceName,
    expiresAt: expiresAt.toISOString(),
  });
}

/**
 * Trades a code (already normalised by `enrolmentCodeSchema`) for a new device and its token.
 * The token is returned once; the server keeps only its SHA-256.
 * @throws AppError ENROLMENT_CODE_INVALID (details.reason unknown | used | expired).
 */
export async function enrolDevice(
  db: CentralDb,
  request: { code: string; deviceName?: string | undefined },
): Promise<EnrolResponse> {
  const token = newSecretToken(DEVICE_TOKEN_PREFIX);
  const device = await redeemEnrolmentCode(db, {
    codeHash: tokenHash(request.code),
    tokenHash: tokenHash(token),
    ...(request.deviceName === undefined ? {} : { deviceName: request.deviceName }),
  });
  return enrolResponseSchema.parse({
    deviceId: device.deviceId,
    deviceName: device.deviceName,
    token,
    clinic: { id: device.clinicId, name: device.clinicName },
  });
}
