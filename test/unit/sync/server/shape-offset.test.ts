import { describe, expect, it } from 'vitest';
import { logOffset, parseOffset, snapshotOffset } from '../../../../sync/server/shape-offset.js';
import { parseColumnList, resolveShapeTable } from '../../../../sync/server/shape-table.js';

describe('shape offsets', () => {
  it('reads back the log and snapshot offsets it writes, for any uuid', () => {
    expect(parseOffset(logOffset(0))).toEqual({ kind: 'log', seq: 0 });
    expect(parseOffset(logOffset(123456))).toEqual({ kind: 'log', seq: 123456 });
    for (const id of [
      '00000000-0000-0000-0000-000000000000',
      '01934b7e-1c2d-7a3b-8c4d-5e6f70819203',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ]) {
      const offset = snapshotOffset(42, id);
      expect(offset).toMatch(/^42_[1-9]\d*$/);
      expect(parseOffset(offset)).toEqual({ kind: 'snapshot', seq: 42, after: id });
    }
    expect(parseOffset('-1')).toEqual({ kind: 'start' });
    expect(parseOffset('now')).toEqual({ kind: 'now' });
  });

  it('orders snapshot cursors as PostgreSQL orders uuids', () => {
    const low = BigInt(snapshotOffset(1, '01934b7e-0000-7000-8000-000000000000').split('_')[1]!);
    const high = BigInt(snapshotOffset(1, '01934b7f-0000-7000-8000-000000000000').split('_')[1]!);
    expect(high > low).toBe(true);
  });

  it('rejects offsets it never issues', () => {
    for (const text of ['', 'abc', '1', '1_', '_1', '-2', '1.5_0', '9007199254740993_0', `1_${(1n << 128n) + 1n}`]) {
      expect(parseOffset(text), text).toBeNull();
    }
  });
});

describe('shape columns', () => {
  it("splits the official client's quoted list and a plain one", () => {
    expect(parseColumnList('"id","first_name"')).toEqual(['id', 'first_name']);
    expect(parseColumnList('id, first_name')).toEqual(['id', 'first_name']);
    expect(parseColumnList('"we""ird",id')).toEqual(['we"ird', 'id']);
  });

  it('refuses malformed lists', () => {
    for (const text of ['', 'id,', ',id', '"id', '"id"x']) {
      expect(() => parseColumnList(text), text).toThrow(/Invalid shape request/);
    }
  });

  it('keeps the spec order, requires the id and knows schema-qualified tables', () => {
    expect(resolveShapeTable('owners', ['first_name', 'id']).columns).toEqual(['id', 'first_name']);
    expect(() => resolveShapeTable('owners', ['first_name'])).toThrow(/id/);
    expect(resolveShapeTable('sync.conflicts', undefined)).toMatchObject({
      key: 'conflicts',
      schema: 'sync',
      name: 'conflicts',
    });
    expect(resolveShapeTable('public.owners', undefined)).toMatchObject({ key: 'owners', schema: 'public' });
  });
});
