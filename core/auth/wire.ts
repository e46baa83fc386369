import { z } from 'zod';
import { STAFF_ROLES } from '../domain/enums.js';
import { TEXT_CAPS } from '../domain/text.js';
import { emailSchema, instant, requiredText, uuidSchema } from '../domain/values.js';
import { newPasswordSchema, offeredPasswordSchema } from './password-policy.js';

/**
 * The identity routes' wire format (architecture §5), shared by the central server, the
 * workstation and scripts. Credentials travel in headers:
 * - `Authorization: Bearer <device token>` on every request a workstation makes;
 * - `x-vetdesk-session: <session token>` beside it on requests that act for a staff member
 *   (admin routes, the audit route, sign-out, password change).
 * Mutations do not need a session: each carries its own proof (a signature made with the
 * signing key issued at its author's last online sign-in), so changes made offline are pushed
 * later under their author's name, whoever is signed in then.
 */

/** Header carrying a staff session token. */
export const SESSION_HEADER = 'x-vetdesk-session';
/** Device tokens start with this, so logs and secret scanners can tell what leaked. */
export const DEVICE_TOKEN_PREFIX = 'vdd_';
/** Session tokens start with this. */
export const SESSION_TOKEN_PREFIX = 'vds_';
/** Longest token either kind may be (prefix + base64url of 32 bytes, with room to spare). */
export const MAX_TOKEN_LENGTH = 100;

/** An enrolment code as people type it: letters and digits, dashes and spaces ignored. */
export const enrolmentCodeSchema = z
  .string()
  .max(40)
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{8,20}$/, 'Not an enrolment code: it looks like ABCDE-FGHJK'));

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'At least 2 characters')
  .max(64, 'At most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Letters, digits, dots, dashes and underscores only');

/** An Ed25519 public key, SPKI DER in base64 (what node's `KeyObject.export` gives). */
export const signingPublicKeySchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not a base64 public key');

export const deviceNameSchema = requiredText(TEXT_CAPS.name, 'A workstation name');

/** `POST /v1/enrol` (no credentials): trades a one-time code for a device token. */
export const enrolRequestSchema = z.object({
  code: enrolmentCodeSchema,
  /** Overrides the name the admin gave the code, e.g. the machine's host name. */
  deviceName: deviceNameSchema.optional(),
});
export type EnrolRequest = z.input<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  deviceId: uuidSchema,
  deviceName: z.string(),
  /** Shown once: the server keeps only its hash. */
  token: z.string().startsWith(DEVICE_TOKEN_PREFIX).max(MAX_TOKEN_LENGTH),
  clinic: z.object({ id: uuidSchema, name: z.string().nullable() }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** `POST /v1/auth/sign-in` (device token): checks a password and opens a session. */
export const signInRequestSchema = z.object({
  username: usernameSchema,
  password: offeredPasswordSchema,
  /** The public half of a key pair the workstation just made for this session's signatures. */
  signingPublicKey: signingPublicKeySchema,
});
export type SignInRequest = z.input<typeof signInRequestSchema>;

export const signedInStaffSchema = z.object({
  id: uuidSchema,
  clinicId: uuidSchema.nullable(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(STAFF_ROLES),
});
export type SignedInStaff = z.infer<typeof signedInStaffSchema>;

export const signInResponseSchema = z.object({
  staff: signedInStaffSchema,
  session: z.object({
    token: z.string().startsWith(SESSION_TOKEN_PREFIX).max(MAX_TOKEN_LENGTH),
    expiresAt: instant,
  }),
  /** The registered signing key: mutations signed with it are accepted until `expiresAt`. */
  signingKey: z.object({ id: uuidSchema, expiresAt: instant }),
  /**
   * The person's credential generation this session and key belong to (`credential_version` of
   * the replicated staff row). A workstation forgets the offline credential it caches from this
   * answer once its replica shows a higher one: the key was revoked, the password may have changed.
   */
  credentialVersion: z.number().int().positive(),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/** `POST /v1/auth/password` (device token + session): the signed-in person changes their password. */
export const changePasswordRequestSchema = z.object({
  currentPassword: offeredPasswordSchema,
  newPassword: newPasswordSchema,
  /** A fresh key pair's public half: the answer is a new session, as after a sign-in. */
  signingPublicKey: signingPublicKeySchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

/** `POST /v1/admin/staff` (admin session). */
export const createStaffRequestSchema = z.object({
  username: usernameSchema,
  displayName: requiredText(TEXT_CAPS.name, 'A name'),
  email: emailSchema.nullable().optional(),
  role: z.enum(STAFF_ROLES),
  password: newPasswordSchema,
});
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;

/** `PATCH /v1/admin/staff/:id` (admin session): `active: false` deactivates (and ends their sessions). */
export const updateStaffRequestSchema = z
  .object({
    displayName: requiredText(TEXT_CAPS.name, 'A name').optional(),
    email: emailSchema.nullable().optional(),
    role: z.enum(STAFF_ROLES).optional(),
    active: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((member) => member !== undefined), 'Nothing to change');
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>;

/** `POST /v1/admin/staff/:id/password` (admin session): a reset; ends the person's sessions and keys. */
export const resetPasswordRequestSchema = z.object({ newPassword: newPasswordSchema });
export type ResetPasswordRequest = z.input<typeof resetPasswordRequestSchema>;

/** `POST /v1/admin/enrolment-codes` (admin session). */
export const createEnrolmentCodeRequestSchema = z.object({
  deviceName: deviceNameSchema,
  /** Hours until the code expires: 24 unless said (at most a week). */
  hours: z.number().int().min(1).max(168).optional(),
});
export type CreateEnrolmentCodeRequest = z.input<typeof createEnrolmentCodeRequestSchema>;

export const enrolmentCodeResponseSchema = z.object({
  /** Shown once, grouped for reading aloud (ABCDE-FGHJK); the server keeps only its hash. */
  code: z.string(),
  deviceName: z.string(),
  expiresAt: instant,
});
export type EnrolmentCodeResponse = z.infer<typeof enrolmentCodeResponseSchema>;

/** A staff member as the admin routes answer (never a password hash). */
export const staffAccountSchema = signedInStaffSchema.extend({
  email: z.string().nullable(),
  active: z.boolean(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;
