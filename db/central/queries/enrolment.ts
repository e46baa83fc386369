import { AppError, ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { CentralDb } from '../connection.js';
import { auditSettingsStatement } from '../transaction-settings.js';

/**
 * One-time enrolment codes (migration 0010). Codes and device tokens arrive here already
 * hashed (sync/identity/secret-token.ts): this layer never sees a secret it could leak.
 */

/** A code to record. */
export interface NewEnrolmentCode {
  clinicId: string;
  deviceName: string;
  /** SHA-256 hex of the normalised code. */
  codeHash: string;
  /** The admin making it; null from the server CLI. */
  createdBy: string | null;
  /** Hours from now (the database's clock) until the code stops working. */
  validForHours: number;
}

/**
 * Records a code.
 * @returns its id and when it expires.
 * @throws AppError FOREIGN_KEY_VIOLATION for an unknown clinic or staff member.
 */
export async function insertEnrolmentCode(
  db: CentralDb,
  code: NewEnrolmentCode,
): Promise<{ id: string; expiresAt: Date }> {
  const { rows } = await db.query<{ id: string; expiresAt: Date }>(
    `insert into enrolment_codes (clinic_id, device_name, code_hash, created_by, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(hours => $5::int))
     returning id, expires_at as "expiresAt"`,
    [code.clinicId, code.deviceName, code.codeHash, code.createdBy, code.validForHours],
  );
  return rows[0]!;
}

/** Why a code was refused; in `details.reason` of ENROLMENT_CODE_INVALID. */
export type EnrolmentRefusal = 'unknown' | 'used' | 'expired';

/** What trading a code made. */
export interface EnrolledDevice {
  deviceId: string;
  deviceName: string;
  clinicId: string;
  clinicName: string | null;
}

interface CodeRow {
  id: string;
  clinicId: string;
  clinicName: string | null;
  deviceName: string;
  createdBy: string | null;
  used: boolean;
  expired: boolean;
}

function refused(reason: EnrolmentRefusal): AppError {
  const messages: Record<EnrolmentRefusal, string> = {
    unknown: 'This enrolment code is not known: check it, or ask an admin for a new one',
    used: 'This enrolment code was already used: ask an admin for a new one',
    expired: 'This enrolment code has expired: ask an admin for a new one',
  };
  return new AppError(ErrorCode.EnrolmentCodeInvalid, messages[reason], { reason });
}

/**
 * Trades a code for a new device holding `tokenHash`, atomically: the code row is locked, so
 * of two concurrent uses of one code exactly one creates a device and the other is refused as
 * `used`. The device joins the code's clinic, named `deviceName` or else the name the admin
 * gave the code. Audited as a change by the code's maker from the new device.
 * @throws AppError ENROLMENT_CODE_INVALID with `details.reason` unknown, used or expired;
 *   nothing is written then.
 */
export async function redeemEnrolmentCode(
  db: CentralDb,
  request: { codeHash: string; tokenHash: string; deviceName?: string },
): Promise<EnrolledDevice> {
  const deviceId = newId();
  return db.transaction(
    async (tx) => {
      const { rows } = await tx.query<CodeRow>(
        `select e.id, e.clinic_id as "clinicId", c.name as "clinicName", e.device_name as "deviceName",
                e.created_by as "createdBy", e.used_at is not null as used, e.expires_at <= now() as expired
           from enrolment_codes e join clinics c on c.id = e.clinic_id
          where e.code_hash = $1
            for update of e`,
        [request.codeHash],
      );
      const code = rows[0];
      if (!code) throw refused('unknown');
      if (code.used) throw refused('used');
      if (code.expired) throw refused('expired');
      // Known only now: the audit rows of this transaction name the admin who made the code.
      const maker = auditSettingsStatement(code.createdBy === null ? undefined : { staffId: code.createdBy });
      if (maker) await tx.query(maker.text, maker.params);
      const deviceName = request.deviceName ?? code.deviceName;
      await tx.query(
        `insert into devices (id, clinic_id, name, token_hash, enrolled_at, last_seen_at)
         values ($1, $2, $3, $4, now(), now())`,
        [deviceId, code.clinicId, deviceName, request.tokenHash],
      );
      await tx.query('update enrolment_codes set used_at = now(), device_id = $2 where id = $1', [code.id, deviceId]);
      return { deviceId, deviceName, clinicId: code.clinicId, clinicName: code.clinicName };
    },
    { audit: { deviceId, auditContext: { action: 'device.enrol' } } },
  );
}
