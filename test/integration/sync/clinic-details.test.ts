import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertRow, insertStaff } from '../../helpers/central-fixtures.js';
import { envelope, pushOne, withStatus } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('clinic details on %s', (kind) => {
  const db = useCentralDb(kind);

  async function practice() {
    const own = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Lee Valley Veterinary Clinic' });
    const other = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Annex' });
    const admin = (await insertStaff(db(), { role: 'admin', clinic_id: own.id })).id;
    const frontDesk = (await insertStaff(db(), { role: 'front_desk', clinic_id: own.id })).id;
    return { own: own.id, other: other.id, admin, frontDesk, deviceId: newId() };
  }

  const update = (id: string, changes: Record<string, unknown>, base: Record<string, unknown>) => ({
    id,
    changes,
    base,
  });

  it("lets an admin set their clinic's invoice details, and keeps them", async () => {
    const p = await practice();
    const result = await pushOne(
      db(),
      p.deviceId,
      envelope(
        'clinic.update',
        update(
          p.own,
          { tax_registration_number: 'IE 1234567T', payment_terms: 'Within 14 days', default_due_days: 14 },
          { tax_registration_number: null, payment_terms: null, default_due_days: 30 },
        ),
        p.admin,
      ),
    );
    expect(result).toMatchObject({ status: 'applied', tables: ['clinics'] });
    const { rows } = await db().query(
      `select tax_registration_number, payment_terms, default_due_days from clinics where id = $1`,
      [p.own],
    );
    expect(rows).toEqual([
      { tax_registration_number: 'IE 1234567T', payment_terms: 'Within 14 days', default_due_days: 14 },
    ]);
  });

  it("refuses another clinic's details, other roles, and values out of range, writing nothing", async () => {
    const p = await practice();
    const change = (id: string) => update(id, { tax_registration_number: 'XX 1' }, { tax_registration_number: null });
    const other = await pushOne(db(), p.deviceId, envelope('clinic.update', change(p.other), p.admin));
    expect(withStatus(other, 'rejected').error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'other_clinic' },
    });
    const desk = await pushOne(db(), p.deviceId, envelope('clinic.update', change(p.own), p.frontDesk));
    expect(withStatus(desk, 'rejected').error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    const unknown = await pushOne(db(), p.deviceId, envelope('clinic.update', change(newId()), p.admin));
    expect(withStatus(unknown, 'rejected').error.code).toBe('NOT_FOUND');
    const tooLong = await pushOne(
      db(),
      p.deviceId,
      envelope('clinic.update', update(p.own, { default_due_days: 366 }, { default_due_days: 30 }), p.admin),
    );
    expect(withStatus(tooLong, 'rejected').error.code).toBe('VALIDATION_FAILED');
    const { rows } = await db().query(
      `select count(*)::int as n from clinics where tax_registration_number is not null`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
