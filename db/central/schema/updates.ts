import { bigint, boolean, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, rowMetaColumns } from './columns.js';

/**
 * The update feed's releases and channels (migration 0022, docs/updates.md). Artifact bytes
 * live outside the database, in a folder named by sha512; these rows name them. Checks on
 * versions, names and digests live in the migration; a test holds this file to the database.
 */

export const updateReleases = pgTable(
  'update_releases',
  {
    id: idColumn(),
    channel: text('channel').notNull(),
    releaseVersion: text('release_version').notNull(),
    notes: text('notes'),
    publishedBy: text('published_by').notNull(),
    ...rowMetaColumns(),
  },
  (table) => [unique().on(table.channel, table.releaseVersion)],
);

/** Each `latest*.yml` of a release: its exact text (the signed bytes) and its signature. */
export const updateReleaseManifests = pgTable(
  'update_release_manifests',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => updateReleases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    body: text('body').notNull(),
    signature: text('signature').notNull(),
    sha512Hex: text('sha512_hex').notNull(),
  },
  (table) => [primaryKey({ columns: [table.releaseId, table.name] })],
);

/** Every artifact the manifests list. */
export const updateReleaseFiles = pgTable(
  'update_release_files',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => updateReleases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sha512Hex: text('sha512_hex').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The artifact's `.blockmap` (differential downloads, migration 0024); null when it had none. */
    blockmapSha512Hex: text('blockmap_sha512_hex'),
    blockmapSize: bigint('blockmap_size', { mode: 'number' }),
  },
  (table) => [primaryKey({ columns: [table.releaseId, table.name] })],
);

/** One row per channel: what it serves, to whom (rollout), and whether it is held. */
export const updateChannels = pgTable('update_channels', {
  id: idColumn(),
  channel: text('channel').notNull().unique(),
  currentReleaseId: uuid('current_release_id').references(() => updateReleases.id, { onDelete: 'restrict' }),
  previousReleaseId: uuid('previous_release_id').references(() => updateReleases.id, { onDelete: 'restrict' }),
  pendingReleaseId: uuid('pending_release_id').references(() => updateReleases.id, { onDelete: 'restrict' }),
  rolloutPercent: integer('rollout_percent').notNull().default(100),
  held: boolean('held').notNull().default(false),
  ...rowMetaColumns(),
});

export const updateTables = { updateReleases, updateReleaseManifests, updateReleaseFiles, updateChannels } as const;
