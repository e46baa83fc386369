import type { SqlExecutor } from '../connection.js';
import type { Practice } from './rows.js';

/** Rows already in a database that a practice's rows would collide with, per kind of key. */
export interface SeedConflicts {
  /** Clinic, staff or price-list ids already present (the same seed written before). */
  ids: number;
  staffLogins: number;
  priceCodes: number;
  ownerEmails: number;
}

/**
 * Counts the rows of `db` that would make writing `practice` fail on a unique key: the
 * database keeps staff user names and e-mails, price-list codes and live owners' e-mails
 * unique (case-insensitive), and ids are primary keys. Reads only; takes no locks, so a
 * concurrent writer can still cause a clash afterwards.
 */
export async function findSeedConflicts(db: SqlExecutor, practice: Practice): Promise<SeedConflicts> {
  const count = async (text: string, params: unknown[]): Promise<number> => {
    const { rows } = await db.query<{ n: number }>(text, params);
    return rows[0]?.n ?? 0;
  };
  const ids = [...practice.clinics, ...practice.staff, ...practice.price_list_items].map((row) => row.id);
  const emails = practice.owners.flatMap((owner) => (owner.email === null ? [] : [owner.email.toLowerCase()]));
  return {
    ids: await count(
      `select (select count(*)::int from clinics where id = any($1::uuid[]))
            + (select count(*)::int from staff where id = any($1::uuid[]))
            + (select count(*)::int from price_list_items where id = any($1::uuid[])) as n`,
      [ids],
    ),
    staffLogins: await count(
      `select count(*)::int as n from staff
        where deleted_at is null and (lower(username) = any($1::text[]) or lower(email) = any($2::text[]))`,
      [practice.staff.map((s) => s.username.toLowerCase()), practice.staff.map((s) => s.email.toLowerCase())],
    ),
    priceCodes: await count(
      `select count(*)::int as n from price_list_items
        where deleted_at is null and code is not null and lower(code) = any($1::text[])`,
      [practice.price_list_items.map((item) => item.code.toLowerCase())],
    ),
    ownerEmails: await count(
      `select count(*)::int as n from owners
        where deleted_at is null and duplicate_of is null and lower(email) = any($1::text[])`,
      [emails],
    ),
  };
}
