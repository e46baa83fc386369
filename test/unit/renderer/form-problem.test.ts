import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import { formProblem } from '../../../renderer/src/api/form-problem.js';

const fields = ['serverUrl', 'code'] as const;

describe('formProblem', () => {
  it('puts validation issues under the fields they name', () => {
    const error = validationError([
      { path: ['serverUrl'], message: 'The address must start with https://' },
      { path: ['code'], message: 'Not an enrolment code' },
    ]);
    expect(formProblem(error, fields)).toEqual({
      fields: { serverUrl: 'The address must start with https://', code: 'Not an enrolment code' },
      alert: null,
    });
  });

  it('says issues about other paths in the alert, with their path', () => {
    const error = validationError([
      { path: ['code'], message: 'Not an enrolment code' },
      { path: ['deviceName'], message: 'Too long' },
    ]);
    expect(formProblem(error, fields)).toEqual({
      fields: { code: 'Not an enrolment code' },
      alert: 'deviceName: Too long',
    });
  });

  it('explains a known code where the form says, in its own words', () => {
    const error = new AppError(ErrorCode.EnrolmentCodeInvalid, 'unknown code');
    const known = {
      [ErrorCode.EnrolmentCodeInvalid]: { field: 'code' as const, message: 'Ask an admin for a new code' },
    };
    expect(formProblem(error, fields, known)).toEqual({ fields: { code: 'Ask an admin for a new code' }, alert: null });
    const unavailable = new AppError(ErrorCode.ServerUnavailable, 'timeout');
    const alertOnly = { [ErrorCode.ServerUnavailable]: { message: 'No server answered' } };
    expect(formProblem(unavailable, fields, alertOnly)).toEqual({ fields: {}, alert: 'No server answered' });
  });

  it("gives any other error's own sentence in the alert", () => {
    const error = { code: ErrorCode.Internal, message: 'Disk full', details: {} };
    expect(formProblem(error, fields)).toEqual({ fields: {}, alert: 'Disk full' });
  });
});
