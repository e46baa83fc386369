import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../core/errors.js';
import { assertDevelopmentAuthAllowed, serverConfigFromEnv } from '../../../server/config.js';

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

  it('keeps update artifacts in VETDESK_UPDATES_DIR, else in the data folder, whichever database is used', () => {
    expect(serverConfigFromEnv({ VETDESK_UPDATES_DIR: '/srv/vetdesk-updates' }).updatesDir).toBe(
      '/srv/vetdesk-updates',
    );
    expect(serverConfigFromEnv({ VETDESK_DATA_DIR: '/srv/vd' }).updatesDir).toBe('/srv/vd/updates');
    expect(
      serverConfigFromEnv({ VETDESK_DATA_DIR: '/srv/vd', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/vetdesk' })
        .updatesDir,
    ).toBe('/srv/vd/updates');
    expect(serverConfigFromEnv({ XDG_DATA_HOME: '/home/x/.data' }).updatesDir).toBe('/home/x/.data/vetdesk/updates');
  });

  it('turns the development device scheme on only for VETDESK_DEV_AUTH=1, and refuses other values', () => {
    expect(serverConfigFromEnv({}).developmentAuth).toBe(false);
    expect(serverConfigFromEnv({ VETDESK_DEV_AUTH: '0' }).developmentAuth).toBe(false);
    expect(serverConfigFromEnv({ VETDESK_DEV_AUTH: '1' }).developmentAuth).toBe(true);
    expect(() => serverConfigFromEnv({ VETDESK_DEV_AUTH: 'yes' })).toThrow(/VETDESK_DEV_AUTH/);
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

describe('assertDevelopmentAuthAllowed', () => {
  it('allows the development scheme on loopback hosts only', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(() => {
        assertDevelopmentAuthAllowed({ developmentAuth: true, host });
      }).not.toThrow();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'vetdesk.clinic.lan']) {
      let error: unknown;
      try {
        assertDevelopmentAuthAllowed({ developmentAuth: true, host });
      } catch (caught) {
        error = caught;
      }
      expect(error, host).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.ConfigInvalid);
      expect((error as AppError).message).toContain('VETDESK_DEV_AUTH');
    }
    expect(() => {
      assertDevelopmentAuthAllowed({ developmentAuth: false, host: '0.0.0.0' });
    }).not.toThrow();
  });
});
