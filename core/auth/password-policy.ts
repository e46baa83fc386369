import { z } from 'zod';
import { textProblem } from '../domain/text.js';

/**
 * The password rule, on every side (admin screen, sign-in, server, CLI). Following current
 * guidance (NIST SP 800-63B): length matters, composition rules and forced rotation do not.
 * Ten characters is the floor because a stolen workstation's cached verifier can be attacked
 * offline; the slow hash (scrypt, `sync/identity/password-hash.ts`) does the rest. A PIN alone
 * would be too weak against an offline attack on the cached verifier, so there is none.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; the cap only keeps hashing cost and request size bounded. */
export const PASSWORD_MAX_LENGTH = 200;

/** Why `password` is not acceptable as a new password, or undefined when it is. Never throws. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters`;
  if (textProblem(password, 'line') !== undefined) return 'Contains a character that cannot be typed';
  if (new Set(password).size < 3) return 'Use more than one or two different characters';
  return undefined;
}

/** A new password (creation, change, reset): the policy as a zod schema. */
export const newPasswordSchema = z.string().superRefine((value, context) => {
  const problem = passwordProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

/** A password offered at sign-in: only bounded, never judged (old passwords stay valid). */
export const offeredPasswordSchema = z.string().min(1, 'Enter the password').max(PASSWORD_MAX_LENGTH);
