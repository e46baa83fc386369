import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { parseEnrolArgs, pickClinic } from '../../../server/cli/enrol.js';

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFIG_INVALID');
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

describe('npm run enrol arguments', () => {
  it('reads a code request, a listing and a revocation', () => {
    expect(parseEnrolArgs(['--name', ' Front desk 1 ', '--clinic', 'Main', '--hours', '48'])).toEqual({
      kind: 'code',
      deviceName: 'Front desk 1',
      clinic: 'Main',
      hours: 48,
    });
    expect(parseEnrolArgs(['--name', 'Desk'])).toEqual({
      kind: 'code',
      deviceName: 'Desk',
      clinic: undefined,
      hours: undefined,
    });
    expect(parseEnrolArgs(['--list'])).toEqual({ kind: 'list' });
    expect(parseEnrolArgs(['--revoke', '0195F0A0-0000-7000-8000-000000000001'])).toEqual({
      kind: 'revoke',
      deviceId: '0195f0a0-0000-7000-8000-000000000001',
    });
  });

  it.each([
    [[], /exactly one/],
    [['--name', 'Desk', '--list'], /exactly one/],
    [['--name', ''], /--name/],
    [['--name', 'Desk', '--hours', '0'], /--hours/],
    [['--name', 'Desk', '--hours', '169'], /--hours/],
    [['--name', 'Desk', '--hours', '1.5'], /--hours/],
    [['--revoke', 'desk-1'], /--revoke/],
    [['--colour', 'red'], /colour/],
  ])('refuses %j', (argv, message) => {
    expect(refusal(() => parseEnrolArgs(argv))).toMatch(message);
  });
});

describe('the clinic an enrolment code is for', () => {
  const main = { id: '0195f0a0-0000-7000-8000-000000000001', name: 'Main Street' };
  const annex = { id: '0195f0a0-0000-7000-8000-000000000002', name: 'Annex' };

  it('is the only clinic when none is named, else the one named by id or name', () => {
    expect(pickClinic([main], undefined)).toBe(main);
    expect(pickClinic([main, annex], ' annex ')).toBe(annex);
    expect(pickClinic([main, annex], annex.id.toUpperCase())).toBe(annex);
  });

  it('must be named among several, and must exist', () => {
    expect(refusal(() => pickClinic([], undefined))).toMatch(/no clinic/);
    expect(refusal(() => pickClinic([main, annex], undefined))).toMatch(/--clinic.*Main Street.*Annex/);
    expect(refusal(() => pickClinic([main, annex], 'Uptown'))).toMatch(/No clinic is called "Uptown"/);
  });
});
