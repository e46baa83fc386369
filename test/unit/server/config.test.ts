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

  it('reads the limits with defaults, and refuses a metrics token too short to be secret', () => {
    const config = serverConfigFromEnv({ VETDESK_RATE_LIMIT_AUTH: '5', TRUST_PROXY: '1' });
    expect(config.limits).toMatchObject({ authPerMinute: 5, devicePerMinute: 600, trustProxy: true });
    expect(config.limits.metricsToken).toBeUndefined();
    expect(config.mutationsRetainDays).toBe(90);
    expect(() => serverConfigFromEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => serverConfigFromEnv({ VETDESK_MUTATIONS_RETAIN_DAYS: '7' })).toThrow(/VETDESK_MUTATIONS_RETAIN_DAYS/);
  });

  it('takes TLS_CERT and TLS_KEY together or not at all, and files it can read', () => {
    for (const env of [{ TLS_CERT: '/tmp/cert.pem' }, { TLS_KEY: '/tmp/key.pem' }]) {
      expect(() => serverConfigFromEnv(env)).toThrow(expect.objectContaining({ code: ErrorCode.ConfigInvalid }));
    }
    expect(() => serverConfigFromEnv({ TLS_CERT: '/nonexistent/cert.pem', TLS_KEY: '/nonexistent/key.pem' })).toThrow(
      /TLS_CERT: cannot read/,
    );
    expect(serverConfigFromEnv({}).tls).toBeUndefined();
  });
});
