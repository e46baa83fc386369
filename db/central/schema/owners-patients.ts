import { boolean, date, numeric, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { deletedAtColumn, idColumn, rowMetaColumns } from './columns.js';
import { patientGender, patientStatus, species } from './enums.js';

export const owners = pgTable('owners', {
  id: idColumn(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  city: text('city'),
  postcode: text('postcode'),
  notes: text('notes'),
  duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => owners.id, { onDelete: 'set null' }),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

export const patients = pgTable('patients', {
  id: idColumn(),
  ownerId: uuid('owner_id').references(() => owners.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  species: species('species').notNull(),
  breed: text('breed'),
  color: text('color'),
  gender: patientGender('gender').notNull().default('unknown'),
  neutered: boolean('neutered').notNull().default(false),
  birthDate: date('birth_date', { mode: 'string' }),
  weightKg: numeric('weight_kg', { precision: 7, scale: 3 }),
  microchip: text('microchip'),
  status: patientStatus('status').notNull().default('active'),
  alerts: text('alerts'),
  notes: text('notes'),
  /** The day a deceased patient died; null otherwise (and on deaths recorded without one). */
  deceasedOn: date('deceased_on', { mode: 'string' }),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});
