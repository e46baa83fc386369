import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPECIES } from '../../../../core/domain/enums.js';
import { UUID_PATTERN } from '../../../../core/ids.js';
import { lineTotalCents } from '../../../../db/central/seed/billing.js';
import { NOW_MINUTE } from '../../../../db/central/seed/context.js';
import { generatePractice, MIN_PATIENT_AGE_DAYS } from '../../../../db/central/seed/generate.js';
import { Random } from '../../../../db/central/seed/random.js';
import type { Practice } from '../../../../db/central/seed/rows.js';
import { PRACTICE_TABLES } from '../../../../db/central/seed/rows.js';
import { clinicDay, clinicTime, MS_PER_MINUTE, parseDay } from '../../../../db/central/seed/time.js';

const ANCHOR = '2026-06-15';
const anchorDay = parseDay(ANCHOR);
const cache = new Map<string, Practice>();

/** Generation is pure, so tests that only read a practice may share one. */
function practiceOf(seed: number, owners: number): Practice {
  const key = `${seed}/${owners}`;
  let practice = cache.get(key);
  if (!practice) {
    practice = generatePractice({ seed, owners, anchorDate: ANCHOR });
    cache.set(key, practice);
  }
  return practice;
}

const cents = (text: string) => Math.round(Number(text) * 100);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('seeded random numbers', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps int() within both bounds and reaches each of them', () => {
    const rng = new Random(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(1, 4)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('never picks a zero-weight choice', () => {
    const rng = new Random(5);
    const picks = new Set(
      Array.from({ length: 1000 }, () =>
        rng.weighted([
          ['a', 1],
          ['never', 0],
          ['b', 3],
        ] as const),
      ),
    );
    expect(picks.has('never')).toBe(false);
    expect(picks.size).toBe(2);
  });
});

describe('generatePractice', () => {
  it('returns identical rows for the same seed, owners and anchor date', () => {
    const a = generatePractice({ seed: 42, owners: 120, anchorDate: ANCHOR });
    const b = generatePractice({ seed: 42, owners: 120, anchorDate: ANCHOR });
    expect(a).toEqual(b);
  });

  it('returns a different practice for a different seed', () => {
    const a = practiceOf(1, 120);
    const b = practiceOf(2, 120);
    expect(a.owners.map((o) => o.id)).not.toEqual(b.owners.map((o) => o.id));
    expect(a.owners.map((o) => o.last_name)).not.toEqual(b.owners.map((o) => o.last_name));
  });

  it('uses neither the clock nor Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    expect(() => generatePractice({ seed: 9, owners: 40, anchorDate: ANCHOR })).not.toThrow();
  });

  it('scales every client-driven table linearly with the number of owners', () => {
    const small = practiceOf(11, 300);
    const large = practiceOf(11, 600);
    expect(large.owners).toHaveLength(600);
    for (const table of [
      'patients',
      'medical_records',
      'appointments',
      'bills',
      'bill_items',
      'bill_medical_records',
      'payments',
    ] as const) {
      const ratio = large[table].length / small[table].length;
      expect(ratio, table).toBeGreaterThan(1.6);
      expect(ratio, table).toBeLessThan(2.4);
    }
  });

  it('makes about thirteen rows per owner, as documented', () => {
    const practice = practiceOf(5, 2000);
    const rows = PRACTICE_TABLES.reduce((sum, table) => sum + practice[table].length, 0);
    expect(rows / 2000).toBeGreaterThan(11);
    expect(rows / 2000).toBeLessThan(16);
    expect(practice.patients.length / 2000).toBeGreaterThan(1.3);
    expect(practice.patients.length / 2000).toBeLessThan(1.8);
  });

  it('has every species in a practice of 300 owners', () => {
    const species = new Set(practiceOf(42, 300).patients.map((p) => p.species));
    expect([...species].sort()).toEqual([...SPECIES].sort());
  });

  it('staffs the practice with an admin, three vets for a small practice and four for a large one', () => {
    const roles = (p: Practice) => p.staff.map((s) => s.role);
    expect(roles(practiceOf(42, 300)).filter((r) => r === 'vet')).toHaveLength(3);
    expect(roles(practiceOf(5, 2000)).filter((r) => r === 'vet')).toHaveLength(4);
    expect(roles(practiceOf(42, 300)).filter((r) => r === 'admin')).toHaveLength(1);
    expect(practiceOf(42, 300).staff.every((s) => !('password_hash' in s))).toBe(true);
  });

  it('gives every row a unique UUIDv7 whose time is its creation time, none after the anchor day', () => {
    const practice = practiceOf(42, 300);
    const ids = new Set<string>();
    const endOfAnchorDay = clinicTime(anchorDay + 1, 0);
    for (const table of PRACTICE_TABLES) {
      for (const row of practice[table] as { id: string; created_at: string }[]) {
        expect(row.id).toMatch(UUID_PATTERN);
        expect(row.id[14]).toBe('7');
        const created = Date.parse(row.created_at);
        expect(parseInt(row.id.replace(/-/g, '').slice(0, 12), 16), table).toBe(created);
        expect(created, table).toBeLessThan(endOfAnchorDay);
        ids.add(row.id);
      }
    }
    expect(ids.size).toBe(PRACTICE_TABLES.reduce((sum, table) => sum + practice[table].length, 0));
  });

  it('records nothing after the notional now (11:45 on the anchor day) except bookings ahead', () => {
    const practice = practiceOf(42, 300);
    const now = clinicTime(anchorDay, NOW_MINUTE);
    const stamps = [
      'created_at',
      'visit_at',
      'finalized_at',
      'issued_at',
      'paid_at',
      'cancelled_at',
      'checked_in_at',
      'started_at',
      'completed_at',
    ];
    for (const table of PRACTICE_TABLES) {
      for (const row of practice[table] as unknown as Record<string, unknown>[]) {
        for (const column of stamps) {
          const value = row[column];
          if (typeof value === 'string') expect(Date.parse(value), `${table}.${column}`).toBeLessThanOrEqual(now);
        }
      }
    }
  });

  it('creates nothing before what it refers to', () => {
    const practice = practiceOf(42, 300);
    const created = new Map<string, string>();
    for (const table of PRACTICE_TABLES) for (const row of practice[table]) created.set(row.id, row.created_at);
    const notBefore = (row: { created_at: string }, parentId: string | null, label: string) => {
      if (parentId !== null) expect(row.created_at >= created.get(parentId)!, label).toBe(true);
    };
    for (const p of practice.patients) notBefore(p, p.owner_id, 'patient/owner');
    for (const r of practice.medical_records) notBefore(r, r.patient_id, 'record/patient');
    for (const a of practice.appointments) notBefore(a, a.patient_id, 'appointment/patient');
    for (const b of practice.bills) notBefore(b, b.patient_id, 'bill/patient');
    for (const l of practice.bill_medical_records) notBefore(l, l.medical_record_id, 'link/record');
    const bills = new Map(practice.bills.map((b) => [b.id, b]));
    for (const payment of practice.payments) {
      const bill = bills.get(payment.bill_id)!;
      expect(bill.issued_at, 'payment on an unissued bill').not.toBeNull();
      expect(payment.paid_at >= bill.issued_at!).toBe(true);
      if (bill.paid_at !== null) expect(payment.paid_at <= bill.paid_at).toBe(true);
    }
  });

  it('keeps owner e-mails unique and lower-case, with some owners having none', () => {
    const owners = practiceOf(5, 2000).owners;
    const emails = owners.flatMap((o) => (o.email === null ? [] : [o.email]));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => e === e.toLowerCase() && /^[a-z0-9.]+@[a-z.]+$/.test(e))).toBe(true);
    expect(emails.length).toBeLessThan(owners.length);
    expect(emails.length).toBeGreaterThan(owners.length * 0.8);
  });

  it('chips most dogs with unique 15-digit numbers and births every patient at least nine weeks before the anchor', () => {
    const patients = practiceOf(5, 2000).patients;
    const chips = patients.flatMap((p) => (p.microchip === null ? [] : [p.microchip]));
    expect(new Set(chips).size).toBe(chips.length);
    expect(chips.every((c) => /^\d{15}$/.test(c))).toBe(true);
    const dogs = patients.filter((p) => p.species === 'dog');
    expect(dogs.filter((d) => d.microchip !== null).length / dogs.length).toBeGreaterThan(0.9);
    expect(patients.every((p) => parseDay(p.birth_date) <= anchorDay - MIN_PATIENT_AGE_DAYS)).toBe(true);
    expect(patients.every((p) => p.weight_kg !== null && Number(p.weight_kg) > 0)).toBe(true);
    expect(new Set(patients.map((p) => p.status))).toEqual(new Set(['active', 'inactive', 'deceased']));
  });

  it('records weights at examinations so that patients have a weight curve', () => {
    const practice = practiceOf(42, 300);
    const weighings = new Map<string, number>();
    for (const record of practice.medical_records) {
      if (record.weight_kg === null) continue;
      expect(['exam', 'dental', 'surgery']).toContain(record.record_type);
      weighings.set(record.patient_id, (weighings.get(record.patient_id) ?? 0) + 1);
    }
    const withCurve = [...weighings.values()].filter((n) => n >= 3).length;
    expect(withCurve).toBeGreaterThan(practice.patients.length * 0.1);
  });

  it('finalises records except recent drafts, and points addenda at earlier final records of the same patient', () => {
    const records = practiceOf(5, 2000).medical_records;
    const byId = new Map(records.map((r) => [r.id, r]));
    const addenda = records.filter((r) => r.addendum_of !== null);
    expect(addenda.length).toBeGreaterThan(0);
    for (const addendum of addenda) {
      const target = byId.get(addendum.addendum_of!);
      expect(target?.status).toBe('final');
      expect(target?.patient_id).toBe(addendum.patient_id);
      expect(target!.created_at < addendum.created_at).toBe(true);
    }
    const drafts = records.filter((r) => r.status === 'draft');
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.length).toBeLessThan(records.length * 0.05);
    expect(drafts.every((r) => clinicDay(Date.parse(r.visit_at)) >= anchorDay - 14 && r.finalized_at === null)).toBe(
      true,
    );
    expect(
      records.filter((r) => r.status === 'final').every((r) => r.finalized_at !== null && r.finalized_by === r.vet_id),
    ).toBe(true);
  });

  it('books each vet solid on the anchor day, 08:30 to 18:00 clinic time, without overlaps', () => {
    const practice = practiceOf(42, 300);
    const today = practice.appointments.filter((a) => clinicDay(Date.parse(a.scheduled_at)) === anchorDay);
    const startOfDay = clinicTime(anchorDay, 0);
    for (const vet of practice.staff.filter((s) => s.role === 'vet')) {
      const slots = today
        .filter((a) => a.vet_id === vet.id)
        .map((a) => ({ start: (Date.parse(a.scheduled_at) - startOfDay) / MS_PER_MINUTE, minutes: a.duration_minutes }))
        .sort((x, y) => x.start - y.start);
      expect(slots.length).toBeGreaterThanOrEqual(14);
      expect(slots[0]!.start).toBe(8 * 60 + 30);
      const last = slots[slots.length - 1]!;
      expect(last.start + last.minutes).toBeLessThanOrEqual(18 * 60);
      expect(last.start + last.minutes).toBeGreaterThan(17 * 60);
      for (let i = 1; i < slots.length; i++)
        expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.start + slots[i - 1]!.minutes);
      expect(slots.every((s) => s.minutes >= 15 && s.minutes <= 30)).toBe(true);
    }
    expect(new Set(today.map((a) => a.status))).toEqual(
      new Set(['completed', 'in_progress', 'checked_in', 'confirmed', 'scheduled']),
    );
  });

  it('books no vet twice at once, past or future, in a practice its vets can handle', () => {
    const practice = practiceOf(42, 300);
    const live = practice.appointments.filter((a) => a.status !== 'cancelled' && a.status !== 'no_show');
    for (const vet of practice.staff.filter((s) => s.role === 'vet')) {
      const book = live
        .filter((a) => a.vet_id === vet.id)
        .map((a) => ({
          start: Date.parse(a.scheduled_at),
          end: Date.parse(a.scheduled_at) + a.duration_minutes * MS_PER_MINUTE,
        }))
        .sort((x, y) => x.start - y.start);
      expect(book.length).toBeGreaterThan(50);
      const overlapping = book.filter((slot, i) => i > 0 && slot.start < book[i - 1]!.end);
      expect(overlapping, vet.display_name).toEqual([]);
    }
  });

  it('keeps past appointments settled and future ones open', () => {
    const practice = practiceOf(42, 300);
    for (const appointment of practice.appointments) {
      const day = clinicDay(Date.parse(appointment.scheduled_at));
      if (day < anchorDay) expect(['completed', 'no_show', 'cancelled']).toContain(appointment.status);
      if (day > anchorDay) expect(['scheduled', 'confirmed']).toContain(appointment.status);
    }
    expect(practice.appointments.some((a) => clinicDay(Date.parse(a.scheduled_at)) > anchorDay + 7)).toBe(true);
  });

  it('covers every paid bill exactly by its payments and leaves open bills unpaid in full', () => {
    const practice = practiceOf(5, 2000);
    const totals = new Map<string, number>();
    for (const item of practice.bill_items) {
      const line = lineTotalCents(
        Number(item.quantity),
        cents(item.unit_price),
        Math.round(Number(item.tax_rate) * 10000),
      );
      totals.set(item.bill_id, (totals.get(item.bill_id) ?? 0) + line);
    }
    const paid = new Map<string, number>();
    for (const payment of practice.payments)
      paid.set(payment.bill_id, (paid.get(payment.bill_id) ?? 0) + cents(payment.amount));
    const statuses = new Set(practice.bills.map((b) => b.status));
    expect(statuses).toEqual(new Set(['draft', 'sent', 'paid', 'overdue', 'cancelled']));
    for (const bill of practice.bills) {
      expect(totals.get(bill.id), bill.id).toBeGreaterThan(0);
      if (bill.status === 'paid') expect(paid.get(bill.id)).toBe(totals.get(bill.id));
      else expect(paid.get(bill.id) ?? 0).toBeLessThan(totals.get(bill.id)!);
      if (bill.status === 'draft' || bill.status === 'cancelled') expect(paid.has(bill.id)).toBe(false);
    }
    const paidShare = practice.bills.filter((b) => b.status === 'paid').length / practice.bills.length;
    expect(paidShare).toBeGreaterThan(0.8);
  });

  it('orders bills by creation so the database numbers them chronologically', () => {
    const bills = practiceOf(42, 300).bills;
    const created = bills.map((b) => b.created_at);
    expect(created).toEqual([...created].sort());
  });

  it('rejects a bad owner count or anchor date', () => {
    expect(() => generatePractice({ seed: 1, owners: 0, anchorDate: ANCHOR })).toThrow(RangeError);
    expect(() => generatePractice({ seed: 1, owners: 2.5, anchorDate: ANCHOR })).toThrow(RangeError);
    expect(() => generatePractice({ seed: 1, owners: 10, anchorDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generatePractice({ seed: 1, owners: 10, anchorDate: '15/06/2026' })).toThrow(RangeError);
  });
});
