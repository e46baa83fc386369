import type { UpdateChannel } from '../../../core/release/update-admin-wire.js';
import type { SqlExecutor } from '../connection.js';

/**
 * The update feed's rows (migration 0022, docs/updates.md): releases, their manifests and
 * artifacts, and each channel's state. Artifact bytes are not here: they live in the
 * content-addressed folder under their sha512.
 */

/** A release as it is inserted. */
export interface NewRelease {
  channel: UpdateChannel;
  version: string;
  notes: string | null;
  publishedBy: string;
  manifests: readonly { name: string; body: string; signature: string; sha512Hex: string }[];
  /** Each artifact, with its blockmap (stored the same way) when the release had one. */
  files: readonly { name: string; sha512Hex: string; size: number; blockmap: StoredFile | null }[];
}

/** A file in the content-addressed folder: its sha512 (hex) and size. */
export interface StoredFile {
  sha512Hex: string;
  size: number;
}

/** A release's identity. */
export interface ReleaseRef {
  id: string;
  version: string;
}

/** A channel's state, with the versions its releases carry. */
export interface ChannelRow {
  channel: UpdateChannel;
  current: ReleaseRef | null;
  previous: ReleaseRef | null;
  pending: ReleaseRef | null;
  rolloutPercent: number;
  held: boolean;
  updatedAt: Date;
}

/** A channel's state as written. */
export interface ChannelChanges {
  currentReleaseId: string | null;
  previousReleaseId: string | null;
  pendingReleaseId: string | null;
  rolloutPercent: number;
  held: boolean;
}

/**
 * Inserts a release with its manifests and files.
 * @returns its id.
 * @throws the driver's unique violation (UNIQUE_VIOLATION through toAppError) when the channel
 *   already has this version.
 */
export async function insertRelease(tx: SqlExecutor, release: NewRelease): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into update_releases (channel, release_version, notes, published_by) values ($1, $2, $3, $4) returning id`,
    [release.channel, release.version, release.notes, release.publishedBy],
  );
  const id = rows[0]!.id;
  for (const manifest of release.manifests) {
    await tx.query(
      `insert into update_release_manifests (release_id, name, body, signature, sha512_hex) values ($1, $2, $3, $4, $5)`,
      [id, manifest.name, manifest.body, manifest.signature, manifest.sha512Hex],
    );
  }
  for (const file of release.files) {
    await tx.query(
      `insert into update_release_files (release_id, name, sha512_hex, size, blockmap_sha512_hex, blockmap_size)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, file.name, file.sha512Hex, file.size, file.blockmap?.sha512Hex ?? null, file.blockmap?.size ?? null],
    );
  }
  return id;
}

const CHANNEL_SELECT = `
  select c.channel, c.rollout_percent as "rolloutPercent", c.held, c.updated_at as "updatedAt",
         cur.id as "currentId", cur.release_version as "currentVersion",
         prev.id as "previousId", prev.release_version as "previousVersion",
         pend.id as "pendingId", pend.release_version as "pendingVersion"
    from update_channels c
    left join update_releases cur on cur.id = c.current_release_id
    left join update_releases prev on prev.id = c.previous_release_id
    left join update_releases pend on pend.id = c.pending_release_id`;

interface ChannelSqlRow {
  channel: UpdateChannel;
  rolloutPercent: number;
  held: boolean;
  updatedAt: Date;
  currentId: string | null;
  currentVersion: string | null;
  previousId: string | null;
  previousVersion: string | null;
  pendingId: string | null;
  pendingVersion: string | null;
}

function ref(id: string | null, version: string | null): ReleaseRef | null {
  return id === null || version === null ? null : { id, version };
}

function toChannel(row: ChannelSqlRow): ChannelRow {
  return {
    channel: row.channel,
    current: ref(row.currentId, row.currentVersion),
    previous: ref(row.previousId, row.previousVersion),
    pending: ref(row.pendingId, row.pendingVersion),
    rolloutPercent: row.rolloutPercent,
    held: row.held,
    updatedAt: row.updatedAt,
  };
}

/** Every channel, by name. */
export async function listChannels(db: SqlExecutor): Promise<ChannelRow[]> {
  const { rows } = await db.query<ChannelSqlRow>(`${CHANNEL_SELECT} order by c.channel`);
  return rows.map(toChannel);
}

/** One channel (migration 0022 makes a row for each), read as the feed serves it. */
export async function channelState(db: SqlExecutor, channel: UpdateChannel): Promise<ChannelRow> {
  const { rows } = await db.query<ChannelSqlRow>(`${CHANNEL_SELECT} where c.channel = $1`, [channel]);
  return toChannel(rows[0]!);
}

/** One channel, its row locked until the transaction ends: changes to a channel take turns. */
export async function channelForUpdate(tx: SqlExecutor, channel: UpdateChannel): Promise<ChannelRow> {
  const { rows } = await tx.query<ChannelSqlRow>(`${CHANNEL_SELECT} where c.channel = $1 for update of c`, [channel]);
  return toChannel(rows[0]!);
}

/** Writes a channel's state (inside the transaction that locked it). */
export async function updateChannel(tx: SqlExecutor, channel: UpdateChannel, changes: ChannelChanges): Promise<void> {
  await tx.query(
    `update update_channels
        set current_release_id = $2, previous_release_id = $3, pending_release_id = $4, rollout_percent = $5, held = $6
      where channel = $1`,
    [
      channel,
      changes.currentReleaseId,
      changes.previousReleaseId,
      changes.pendingReleaseId,
      changes.rolloutPercent,
      changes.held,
    ],
  );
}

/** The release of `channel` with `version`, or undefined. */
export async function releaseByVersion(
  db: SqlExecutor,
  channel: UpdateChannel,
  version: string,
): Promise<ReleaseRef | undefined> {
  const { rows } = await db.query<ReleaseRef>(
    `select id, release_version as version from update_releases where channel = $1 and release_version = $2`,
    [channel, version],
  );
  return rows[0];
}

/** A release as admins list it; file digests as hex. */
export interface ReleaseListing {
  channel: UpdateChannel;
  version: string;
  notes: string | null;
  publishedAt: Date;
  publishedBy: string;
  manifests: string[];
  files: { name: string; size: number; sha512Hex: string }[];
}

/** Every release, newest first. */
export async function listReleases(db: SqlExecutor): Promise<ReleaseListing[]> {
  const { rows } = await db.query<ReleaseListing>(
    `select r.channel, r.release_version as version, r.notes, r.created_at as "publishedAt",
            r.published_by as "publishedBy",
            coalesce((select jsonb_agg(m.name order by m.name) from update_release_manifests m
                       where m.release_id = r.id), '[]'::jsonb) as manifests,
            coalesce((select jsonb_agg(jsonb_build_object('name', f.name, 'size', f.size, 'sha512Hex', f.sha512_hex)
                                       order by f.name)
                        from update_release_files f where f.release_id = r.id), '[]'::jsonb) as files
       from update_releases r
      order by r.created_at desc, r.id desc`,
  );
  return rows;
}

/** A manifest of a release, or undefined. */
export async function releaseManifest(
  db: SqlExecutor,
  releaseId: string,
  name: string,
): Promise<{ body: string; signature: string; sha512Hex: string } | undefined> {
  const { rows } = await db.query<{ body: string; signature: string; sha512Hex: string }>(
    `select body, signature, sha512_hex as "sha512Hex" from update_release_manifests where release_id = $1 and name = $2`,
    [releaseId, name],
  );
  return rows[0];
}

/** An artifact of a release, or undefined. */
export async function releaseFile(db: SqlExecutor, releaseId: string, name: string): Promise<StoredFile | undefined> {
  const { rows } = await db.query<StoredFile>(
    `select sha512_hex as "sha512Hex", size from update_release_files where release_id = $1 and name = $2`,
    [releaseId, name],
  );
  return rows[0];
}

/**
 * The blockmap of the artifact `name` in any release of `channel`: `preferredReleaseId`'s when
 * it has one (the release the device is served), else the newest release's. An older
 * workstation asks for the blockmap of the version it runs, which may be any earlier release.
 */
export async function channelBlockmap(
  db: SqlExecutor,
  channel: UpdateChannel,
  preferredReleaseId: string,
  name: string,
): Promise<StoredFile | undefined> {
  const { rows } = await db.query<StoredFile>(
    `select f.blockmap_sha512_hex as "sha512Hex", f.blockmap_size as size
       from update_release_files f
       join update_releases r on r.id = f.release_id
      where r.channel = $1 and f.name = $3 and f.blockmap_sha512_hex is not null
      order by (r.id = $2) desc, r.created_at desc, r.id desc
      limit 1`,
    [channel, preferredReleaseId, name],
  );
  return rows[0];
}
