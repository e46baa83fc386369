import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../core/errors.js';
import { rejectedResult, rejectionFor } from '../../../sync/server/rejection.js';

const driverError = (code: string) => Object.assign(new Error('driver says no'), { code });

describe('whose fault a failed mutation is', () => {
  it('rejects the mutation for rules, constraints and bad data', () => {
    expect(rejectionFor(driverError('VD001'))?.code).toBe(ErrorCode.RecordFinal);
    expect(rejectionFor(driverError('23505'))?.code).toBe(ErrorCode.UniqueViolation);
    expect(rejectionFor(driverError('22001'))?.code).toBe(ErrorCode.CheckViolation);
    expect(rejectionFor(driverError('22012'))?.code).toBe(ErrorCode.InvalidInput);
    expect(rejectionFor(driverError('22P05'))?.code).toBe(ErrorCode.InvalidInput);
    expect(rejectionFor(driverError('54000'))?.code).toBe(ErrorCode.ValueTooLarge);
    expect(rejectionFor(new AppError(ErrorCode.Forbidden, 'no'))?.code).toBe(ErrorCode.Forbidden);
  });

  it('leaves transient failures and server bugs to a retry of the whole push', () => {
    expect(rejectionFor(driverError('40P01'))).toBeUndefined();
    expect(rejectionFor(driverError('ECONNRESET'))).toBeUndefined();
    expect(rejectionFor(driverError('42703'))).toBeUndefined();
    expect(rejectionFor(new TypeError('undefined is not a function'))).toBeUndefined();
    expect(rejectionFor(new AppError(ErrorCode.Internal, 'bug'))).toBeUndefined();
  });

  it('reports a rejection without transaction or tables', () => {
    expect(rejectedResult('id', new AppError(ErrorCode.NotFound, 'gone'))).toEqual({
      id: 'id',
      status: 'rejected',
      txid: null,
      tables: [],
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
  });
});
