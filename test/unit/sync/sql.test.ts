import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import {
  buildDelete,
  buildInsert,
  buildSelectForUpdate,
  buildUpdate,
  qualifiedTable,
  quoteIdent,
  triggerTableName,
  writableColumn,
} from '../../../sync/server/sql.js';

const id = '0195f0a0-0000-7000-8000-000000000001';

describe('row operation SQL', () => {
  it('quotes identifiers and qualifies tables outside public', () => {
    expect(quoteIdent('weird"name')).toBe('"weird""name"');
    expect(qualifiedTable('owners')).toBe('"owners"');
    expect(qualifiedTable('conflicts')).toBe('"sync"."conflicts"');
    expect(triggerTableName('conflicts')).toBe('conflicts');
  });

  it('builds an insert of exactly the given columns, values as parameters', () => {
    expect(buildInsert('owners', { id, first_name: "O'Brien", email: null })).toEqual({
      text: 'insert into "owners" ("id", "first_name", "email") values ($1, $2, $3)',
      params: [id, "O'Brien", null],
    });
  });

  it('sends jsonb values as JSON text cast to jsonb', () => {
    expect(buildUpdate('conflicts', id, { winner_value: 'x', status: 'open' })).toEqual({
      text: 'update "sync"."conflicts" set "winner_value" = $2::text::jsonb, "status" = $3 where id = $1',
      params: [id, '"x"', 'open'],
    });
  });

  it('locks the row and reads only replicated columns (never secrets)', () => {
    const { text, params } = buildSelectForUpdate('staff', id);
    expect(text).toMatch(/^select "id", .* from "staff" where id = \$1 for update$/);
    expect(text).not.toContain('password_hash');
    expect(params).toEqual([id]);
  });

  it('builds a delete by id', () => {
    expect(buildDelete('bill_medical_records', id)).toEqual({
      text: 'delete from "bill_medical_records" where id = $1',
      params: [id],
    });
  });

  it.each([
    ['an unknown column', 'owners', 'is_admin'],
    ['a secret column', 'staff', 'password_hash'],
    ['a column the database maintains', 'owners', 'version'],
    ['an injection attempt', 'owners', 'email" = null; --'],
    ['deleted_at of a table without soft delete', 'bills', 'deleted_at'],
  ] as const)('refuses to write %s', (_label, table, column) => {
    expect(() => writableColumn(table, column, { insert: true })).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
  });

  it('refuses to change an id, to insert without one, and an empty update', () => {
    expect(() => buildUpdate('owners', id, { id })).toThrow();
    expect(() => buildInsert('owners', { first_name: 'Ada' })).toThrow();
    expect(() => buildUpdate('owners', id, {})).toThrow();
  });
});
