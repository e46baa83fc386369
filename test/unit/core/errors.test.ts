import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  detailsIf,
  errorCodeOf,
  ErrorCode,
  issuesFromDetails,
  isRetryable,
  requestDisposition,
  validationError,
} from '../../../core/errors.js';

describe('AppError', () => {
  it('travels as { code, message, details } and comes back equal', () => {
    const error = new AppError(ErrorCode.UniqueViolation, 'E-mail already registered', { field: 'email' });
    const wire = JSON.parse(JSON.stringify(error.toWire())) as unknown;
    expect(wire).toEqual({
      code: 'UNIQUE_VIOLATION',
      message: 'E-mail already registered',
      details: { field: 'email' },
    });
    const back = AppError.fromWire(wire);
    expect(back).toBeInstanceOf(AppError);
    expect([back.code, back.message, back.details]).toEqual([error.code, error.message, error.details]);
  });

  it('omits empty details on the wire', () => {
    expect(new AppError(ErrorCode.NotFound, 'gone').toWire()).toEqual({ code: 'NOT_FOUND', message: 'gone' });
  });

  it('refuses to rebuild from an unknown code', () => {
    expect(() => AppError.fromWire({ code: 'MADE_UP', message: 'x' })).toThrow();
  });

  it('treats only transient database failures as retryable', () => {
    expect(isRetryable(ErrorCode.DatabaseUnavailable)).toBe(true);
    expect(isRetryable(ErrorCode.TransactionConflict)).toBe(true);
    expect(validationError('bad').retryable).toBe(false);
    expect(isRetryable(ErrorCode.BillLocked)).toBe(false);
  });

  it('retries the unreachable or throttling server too, and decides retry, block or refuse in one place', () => {
    expect(isRetryable(ErrorCode.ServerUnavailable)).toBe(true);
    expect(isRetryable(ErrorCode.RateLimited)).toBe(true);
    expect(requestDisposition(ErrorCode.ServerUnavailable)).toBe('retry');
    expect(requestDisposition(ErrorCode.DatabaseUnavailable)).toBe('retry');
    expect(requestDisposition(ErrorCode.Unauthenticated)).toBe('block');
    expect(requestDisposition(ErrorCode.DeviceRevoked)).toBe('block');
    expect(requestDisposition(ErrorCode.ProtocolMismatch)).toBe('block');
    expect(requestDisposition(ErrorCode.ValidationFailed)).toBe('refuse');
    expect(requestDisposition(ErrorCode.Internal)).toBe('refuse');
  });
});

describe('typed details', () => {
  it('requires the details a code promises, and types what it reads back', () => {
    // @ts-expect-error VALIDATION_FAILED promises its issues: build it with validationError()
    const bare = new AppError(ErrorCode.ValidationFailed, 'bad');
    // @ts-expect-error UNKNOWN_MUTATION promises the name it did not know
    const nameless = new AppError(ErrorCode.UnknownMutation, 'which?');
    const forbidden = new AppError(ErrorCode.Forbidden, 'no', { reason: 'role' });
    // @ts-expect-error FORBIDDEN's reason is one of the server's
    const unheard = new AppError(ErrorCode.Forbidden, 'no', { reason: 'mood' });
    const reason: string | undefined = forbidden.details.reason;
    expect([bare.code, nameless.code, unheard.code, reason]).toEqual([
      'VALIDATION_FAILED',
      'UNKNOWN_MUTATION',
      'FORBIDDEN',
      'role',
    ]);
  });
});

describe('validationError', () => {
  it('keeps zod paths as arrays and the first message by default', () => {
    const parsed = z.object({ changes: z.object({ city: z.string().max(3) }), n: z.number() }).safeParse({
      changes: { city: 'Leeds' },
      n: 'x',
    });
    const error = validationError(parsed.error!);
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.details.issues.map((issue) => issue.path)).toEqual([['changes', 'city'], ['n']]);
    expect(error.message).toBe(error.details.issues[0]!.message);
    expect(validationError(parsed.error!, 'Invalid owner.update').message).toBe('Invalid owner.update');
  });

  it('states issues by hand, or one about the whole input, with extra context beside them', () => {
    expect(validationError([{ path: ['items', 0, 'amount'], message: 'Not a number' }]).toWire()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Not a number',
      details: { issues: [{ path: ['items', 0, 'amount'], message: 'Not a number' }] },
    });
    expect(validationError('An update of owners must change something', { table: 'owners' }).toWire()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'An update of owners must change something',
      details: { table: 'owners', issues: [{ path: [], message: 'An update of owners must change something' }] },
    });
  });

  it('reads issues in every shape ever sent, and fromWire normalises them', () => {
    expect(
      issuesFromDetails({
        issues: [
          { path: 'changes.city', message: 'dotted' },
          { path: ['items', '0', 'amount'], message: 'strings' },
          { path: ['items', 1], message: 'array' },
          { param: 'offset', message: 'param' },
          { path: '', message: 'root' },
          { path: 3, message: 'unreadable' },
          'junk',
        ],
      }),
    ).toEqual([
      { path: ['changes', 'city'], message: 'dotted' },
      { path: ['items', '0', 'amount'], message: 'strings' },
      { path: ['items', 1], message: 'array' },
      { path: ['offset'], message: 'param' },
      { path: [], message: 'root' },
    ]);
    const legacy = AppError.fromWire({
      code: 'VALIDATION_FAILED',
      message: 'old',
      details: { issues: [{ path: 'changes.city', message: 'Too long' }] },
    });
    expect(legacy.details).toEqual({ issues: [{ path: ['changes', 'city'], message: 'Too long' }] });
    expect(AppError.fromWire({ code: 'VALIDATION_FAILED', message: 'bare' }).details).toEqual({ issues: [] });
  });

  it('gives the details of an error with a given code, AppError or wire form, and nothing otherwise', () => {
    const wire = { code: 'BACKEND_UNAVAILABLE', message: 'x', details: { reason: 'central_unreachable' } };
    expect(detailsIf(wire, ErrorCode.BackendUnavailable)?.reason).toBe('central_unreachable');
    expect(detailsIf(wire, ErrorCode.Forbidden)).toBeUndefined();
    expect(detailsIf(new AppError(ErrorCode.Forbidden, 'no'), ErrorCode.Forbidden)).toEqual({});
    expect(detailsIf(new Error('plain'), ErrorCode.Internal)).toBeUndefined();
    expect(detailsIf(null, ErrorCode.Internal)).toBeUndefined();
    expect(errorCodeOf(wire)).toBe(ErrorCode.BackendUnavailable);
    expect(errorCodeOf({ code: 'MADE_UP' })).toBeUndefined();
    expect(errorCodeOf('VALIDATION_FAILED')).toBeUndefined();
  });
});
