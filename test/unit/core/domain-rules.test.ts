import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { API } from '../../../core/api/contract.js';
import {
  isLiveAppointment,
  LIVE_APPOINTMENT_STATUSES,
  liveAppointmentSql,
  NOT_LIVE_APPOINTMENT_STATUSES,
} from '../../../core/domain/appointments.js';
import { isOpenBill, sumMoney } from '../../../core/domain/bill-totals.js';
import { dayRangeProblem, DAY_RANGE_MESSAGES, MAX_RANGE_DAYS } from '../../../core/domain/day-range.js';
import { APPOINTMENT_STATUSES, BILL_STATUSES } from '../../../core/domain/enums.js';

describe('a live appointment', () => {
  it('is every status but cancelled and no-show, and not deleted', () => {
    expect([...LIVE_APPOINTMENT_STATUSES, ...NOT_LIVE_APPOINTMENT_STATUSES].sort()).toEqual(
      [...APPOINTMENT_STATUSES].sort(),
    );
    expect(APPOINTMENT_STATUSES.filter((status) => isLiveAppointment({ status }))).toEqual(LIVE_APPOINTMENT_STATUSES);
    expect(isLiveAppointment({ status: 'scheduled', deleted_at: '2026-11-01T09:00:00.000Z' })).toBe(false);
    expect(isLiveAppointment({ status: 'scheduled', deleted_at: null })).toBe(true);
  });

  it('means the same in SQL as in TypeScript, for every status, deleted or not', () => {
    const db = new Database(':memory:');
    try {
      db.exec('create table appointments (id integer primary key, status text not null, deleted_at text)');
      const insert = db.prepare('insert into appointments (status, deleted_at) values (?, ?)');
      const rows = APPOINTMENT_STATUSES.flatMap((status) => [
        { status, deleted_at: null },
        { status, deleted_at: '2026-11-01T09:00:00.000Z' },
      ]);
      for (const row of rows) insert.run(row.status, row.deleted_at);
      const live = db
        .prepare(`select a.status, a.deleted_at from appointments a where ${liveAppointmentSql('a')} order by a.id`)
        .all();
      expect(live).toEqual(rows.filter((row) => isLiveAppointment(row)));
    } finally {
      db.close();
    }
  });

  it('refuses an alias that is not a plain SQL name', () => {
    expect(() => liveAppointmentSql('a; drop table x')).toThrow(RangeError);
  });
});

describe('the day range limit', () => {
  it(`answers 1 to ${MAX_RANGE_DAYS} days, first day first, with one message per refusal`, () => {
    expect(dayRangeProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(dayRangeProblem('2026-11-01', '2026-12-01')).toBeNull();
    expect(dayRangeProblem('2026-11-01', '2026-12-02')).toBe(DAY_RANGE_MESSAGES.tooLong);
    expect(dayRangeProblem('2026-11-29', '2026-11-23')).toBe(DAY_RANGE_MESSAGES.reversed);
  });

  it('is the rule and the message of the appointments.range input schema', () => {
    const schema = API['appointments.range'].input;
    expect(schema.safeParse({ from: '2026-11-01', to: '2026-12-01' }).success).toBe(true);
    const tooLong = schema.safeParse({ from: '2026-11-01', to: '2026-12-02' });
    expect(tooLong.error?.issues).toEqual([
      expect.objectContaining({ message: DAY_RANGE_MESSAGES.tooLong, path: ['to'] }),
    ]);
    const reversed = schema.safeParse({ from: '2026-11-29', to: '2026-11-23' });
    expect(reversed.error?.issues).toEqual([
      expect.objectContaining({ message: DAY_RANGE_MESSAGES.reversed, path: ['to'] }),
    ]);
  });
});

describe('money over bills', () => {
  it('sums balances exactly, to the cent, negative ones included', () => {
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['1000000.01', '-0.02', '12.5'])).toBe('1000012.49');
  });

  it('counts sent and overdue bills as open', () => {
    expect(BILL_STATUSES.filter(isOpenBill)).toEqual(['sent', 'overdue']);
  });
});
