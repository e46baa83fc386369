import { describe, expect, it } from 'vitest';
import { REDACTED_VALUE, type AuditEntry } from '../../../core/api/audit.js';
import { fieldChanges } from '../../../core/api/audit-diff.js';

function entry(action: AuditEntry['action'], oldValues: AuditEntry['oldValues'], newValues: AuditEntry['newValues']) {
  return {
    id: 1,
    action,
    changedAt: '2026-11-22T09:00:00.000Z',
    changedBy: null,
    changedByName: null,
    deviceId: null,
    deviceName: null,
    mutationId: null,
    oldValues,
    newValues,
    context: null,
  } satisfies AuditEntry;
}

describe('fieldChanges', () => {
  it("gives an update as before → after per changed field, in the table's column order", () => {
    expect(
      fieldChanges('owners', entry('update', { city: 'London', phone: null }, { city: 'Bath', phone: '0123' })),
    ).toEqual([
      { field: 'phone', before: null, after: '0123', redacted: false },
      { field: 'city', before: 'London', after: 'Bath', redacted: false },
    ]);
  });

  it('hides fields an update left as they were and bookkeeping columns', () => {
    expect(
      fieldChanges(
        'owners',
        entry('update', { city: 'Bath', version: 1, notes: 'x' }, { city: 'Bath', version: 2, notes: 'y' }),
      ),
    ).toEqual([{ field: 'notes', before: 'x', after: 'y', redacted: false }]);
  });

  it('gives an insert as its filled fields with nothing before', () => {
    const changes = fieldChanges(
      'owners',
      entry('insert', null, { id: 'a', first_name: 'Ada', email: null, notes: '', created_at: 'now', version: 1 }),
    );
    expect(changes).toEqual([{ field: 'first_name', before: undefined, after: 'Ada', redacted: false }]);
  });

  it('gives a delete as the fields that had a value, with nothing after', () => {
    expect(fieldChanges('patients', entry('delete', { id: 'a', name: 'Rex', breed: null }, null))).toEqual([
      { field: 'name', before: 'Rex', after: undefined, redacted: false },
    ]);
  });

  it('marks secret columns as redacted, even when both sides read the same', () => {
    expect(
      fieldChanges('owners', entry('update', { password_hash: REDACTED_VALUE }, { password_hash: REDACTED_VALUE })),
    ).toEqual([{ field: 'password_hash', before: REDACTED_VALUE, after: REDACTED_VALUE, redacted: true }]);
  });

  it("orders fields as the table's columns, secret columns last", () => {
    const changes = fieldChanges(
      'staff',
      entry('insert', null, { username: 'vera', password_hash: REDACTED_VALUE, role: 'vet', display_name: 'Vera' }),
    );
    expect(changes.map((change) => change.field)).toEqual(['role', 'display_name', 'username', 'password_hash']);
  });

  it('compares structured values by content', () => {
    expect(fieldChanges('owners', entry('update', { tags: { a: 1 } }, { tags: { a: 1 } }))).toEqual([]);
    expect(fieldChanges('owners', entry('update', { tags: { a: 1 } }, { tags: { a: 2 } }))).toHaveLength(1);
  });
});
