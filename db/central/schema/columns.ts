import { sql } from 'drizzle-orm';
import { bigint, numeric, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `id uuid primary key`, defaulting to a server-made UUIDv7 when the writer sends none. */
export const idColumn = () =>
  uuid('id')
    .primaryKey()
    .default(sql`vetdesk.uuid_v7()`);

/** A `timestamptz` read as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Money: `numeric(12,2)`, kept as a decimal string so no cent is lost to floating point. */
export const money = (name: string) => numeric(name, { precision: 12, scale: 2 });

/** `created_at`, `updated_at`, `version`: maintained by the `t10_touch` trigger. */
export const rowMetaColumns = () => ({
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});

/** `deleted_at`: set by a staff soft delete; default queries exclude such rows. */
export const deletedAtColumn = () => timestamptz('deleted_at');
