import { AppError, ErrorCode, isAppError, validationError, type WireError } from '../../../core/errors.js';

interface FrameworkError {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Fastify's own refusals of a request it could not even hand to a route (body over the limit,
 * unparseable JSON, a content type no parser takes, a malformed URL or Content-Length) as the
 * AppError the client gets: VALUE_TOO_LARGE (413) for a body over the limit, VALIDATION_FAILED
 * (400) for the rest. Undefined for anything else (AppErrors, driver errors, bugs), which
 * `toAppError` decides.
 */
export function frameworkClientError(error: unknown): AppError | undefined {
  if (isAppError(error) || typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code, message } = error as FrameworkError;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  const text = typeof message === 'string' ? message : 'Malformed request';
  if (statusCode === 413) {
    return new AppError(ErrorCode.ValueTooLarge, 'The request body is larger than this route accepts', {
      reason: typeof code === 'string' ? code : 'body_too_large',
    });
  }
  if (statusCode === 415) {
    return validationError(
      [{ path: ['content-type'], message: text }],
      'Send JSON with Content-Type: application/json',
    );
  }
  return validationError([{ path: [], message: text }], text);
}

const GENERIC_MESSAGE = {
  [ErrorCode.DatabaseUnavailable]: 'The database is unavailable; try again shortly',
  [ErrorCode.TransactionConflict]: 'The request collided with another; try again',
} as Readonly<Partial<Record<string, string>>>;

/**
 * What a client sees of an error: 4xx as it is (the client's mistake, explained), 5xx with the
 * code only and a generic message, never the database's text, constraint, table or SQLSTATE
 * (those go to the server's log).
 */
export function publicWire(error: AppError, status: number): WireError {
  if (status < 500) return error.toWire();
  return { code: error.code, message: GENERIC_MESSAGE[error.code] ?? 'The server could not complete the request' };
}
