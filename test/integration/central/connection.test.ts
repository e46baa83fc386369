import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('central connection on %s', (kind) => {
  const db = useCentralDb(kind);

  it('parses int8 as number, numeric as string, date as text and timestamptz as Date', async () => {
    const { rows } = await db().query(
      `select 9007199254740991::int8 as big, 12.50::numeric(12,2) as money, '2024-02-29'::date as day,
              '2024-02-29T10:00:00Z'::timestamptz as at, '{"a":1}'::jsonb as doc`,
    );
    expect(rows).toEqual([
      { big: 9007199254740991, money: '12.50', day: '2024-02-29', at: new Date('2024-02-29T10:00:00Z'), doc: { a: 1 } },
    ]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const kept = await db().transaction((tx) => insertOwner(tx, { last_name: 'Kept' }));
    await expect(
      db().transaction(async (tx) => {
        await insertOwner(tx, { last_name: 'Lost' });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    const { rows } = await db().query<{ id: string }>('select id from owners');
    expect(rows).toEqual([{ id: kept.id }]);
  });

  it('keeps audit settings local to their transaction', async () => {
    const staffId = '01890000-0000-7000-8000-000000000001';
    const inside = await db().transaction(
      async (tx) => (await tx.query(`select vetdesk.setting('staff_id') as v`)).rows[0],
      { audit: { staffId } },
    );
    expect(inside).toEqual({ v: staffId });
    const { rows } = await db().query(`select vetdesk.setting('staff_id') as v`);
    expect(rows).toEqual([{ v: null }]);
  });

  it('runs drizzle inside the transaction it was given', async () => {
    const { owners } = await import('../../../db/central/schema/owners-patients.js');
    await expect(
      db().transaction(async (tx) => {
        await tx.orm.insert(owners).values({ firstName: 'Drizzle', lastName: 'Row' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db().orm.select().from(owners)).toEqual([]);
  });

  it('never interleaves statements of concurrent transactions on one session', async () => {
    // Two transactions that each read, wait, then write what they read plus one: interleaved on
    // one PGlite session they would both read 0. PostgreSQL gives each its own connection, and
    // the row lock taken by FOR UPDATE orders them.
    await db().exec(`create table counter (n int not null); insert into counter values (0);`);
    const bump = () =>
      db().transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('select n from counter for update');
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.query('update counter set n = $1', [rows[0]!.n + 1]);
      });
    await Promise.all([bump(), bump(), bump()]);
    const { rows } = await db().query('select n from counter');
    expect(rows).toEqual([{ n: 3 }]);
  });
});
