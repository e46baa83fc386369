import {
  AppError,
  ErrorCode,
  issuesFromDetails,
  validationError,
  wireErrorSchema,
  type WireError,
} from '../../core/errors.js';

/** Codes a 401 may name: who failed to prove what (anything else there is UNAUTHENTICATED). */
const UNAUTHORIZED_CODES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.Unauthenticated,
  ErrorCode.DeviceRevoked,
  ErrorCode.SignInFailed,
  ErrorCode.SessionRequired,
  ErrorCode.EnrolmentCodeInvalid,
]);

/**
 * The code a failed HTTP answer from the central server stands for. The status decides where it
 * is unambiguous (the server's own troubles, throttling, credentials, protocol); otherwise the
 * body's wire error names it. Whether to retry is then `isRetryable`'s decision (core/errors.ts),
 * never the caller's.
 */
export function codeForStatus(status: number, body?: WireError): ErrorCode {
  if (status >= 500 || status === 408) return ErrorCode.ServerUnavailable;
  // A locked account is for its person to wait out, not for a program to retry.
  if (status === 429) return body?.code === ErrorCode.SignInLocked ? body.code : ErrorCode.RateLimited;
  if (status === 401) return body && UNAUTHORIZED_CODES.has(body.code) ? body.code : ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 426) return ErrorCode.ProtocolMismatch;
  // A 4xx without a wire error (a proxy's page) is a refusal of the request as sent.
  return body?.code ?? ErrorCode.Internal;
}

/**
 * The AppError a failed answer (`!response.ok`) stands for, with the server's own words when it
 * sent a wire error; reads the body. Validation details keep their issues in the one shape.
 */
export async function errorFromResponse(response: Response): Promise<AppError> {
  const parsed = wireErrorSchema.safeParse(await response.json().catch(() => null));
  const body = parsed.success ? parsed.data : undefined;
  const code = codeForStatus(response.status, body);
  const message = body?.message ?? `Server answered ${response.status} ${response.statusText}`;
  const details = body?.details ?? {};
  return code === ErrorCode.ValidationFailed
    ? validationError(issuesFromDetails(details), message, details)
    : new AppError(code, message, details);
}
