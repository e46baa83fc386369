import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../core/errors.js';
import { serverConfigFromEnv } from '../../../server/config.js';

describe('serverConfigFromEnv', () => {
  it('keeps the change log for 30 days unless told otherwise', () => {
    expect(serverConfigFromEnv({}).changeLogRetainDays).toBe(30);
    expect(serverConfigFromEnv({ VETDESK_CHANGE_LOG_RETAIN_DAYS: '7' }).changeLogRetainDays).toBe(7);
  });

  it('refuses a retention that is not a whole number of days, naming the variable', () => {
    for (const value of ['0', '2.5', 'forever']) {
      let error: unknown;
      try {
        serverConfigFromEnv({ VETDESK_CHANGE_LOG_RETAIN_DAYS: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.ConfigInvalid);
      expect((error as AppError).message).toContain('VETDESK_CHANGE_LOG_RETAIN_DAYS');
    }
  });
});
