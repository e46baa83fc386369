import { AppError, ErrorCode } from '../../core/errors.js';
import type { UpdateChannel, UpdateChannelState, UpdatesOverview } from '../../core/release/update-admin-wire.js';
import type { AuditSettings, CentralDb } from '../../db/central/connection.js';
import {
  channelForUpdate,
  channelState,
  listChannels,
  listReleases,
  releaseByVersion,
  updateChannel,
  type ChannelChanges,
  type ChannelRow,
} from '../../db/central/queries/update-releases.js';
import { afterHold, afterRollback, afterRollout } from './channel-rules.js';

/**
 * Admins' changes to a channel (docs/updates.md), shared by the admin routes and
 * `npm run releases`: each locks the channel's row, applies one rule of channel-rules.ts and is
 * audited with who made it.
 */

/** A channel change as admins ask for it. */
export type ChannelCommand =
  { kind: 'hold'; held: boolean } | { kind: 'rollback'; version: string } | { kind: 'rollout'; percent: number };

/** A channel's state on the wire. */
export function channelView(row: ChannelRow): UpdateChannelState {
  return {
    channel: row.channel,
    current: row.current?.version ?? null,
    previous: row.previous?.version ?? null,
    pending: row.pending?.version ?? null,
    rolloutPercent: row.rolloutPercent,
    held: row.held,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Applies `command` to `channel`.
 * @returns the channel's state afterwards.
 * @throws AppError NOT_FOUND (rollback to a version the channel never had), CHANNEL_HELD
 *   (rollout change on a held channel).
 */
export async function changeChannel(
  db: CentralDb,
  channel: UpdateChannel,
  command: ChannelCommand,
  audit: AuditSettings = {},
): Promise<UpdateChannelState> {
  return db.transaction(
    async (tx) => {
      const state = await channelForUpdate(tx, channel);
      let changes: ChannelChanges;
      if (command.kind === 'hold') {
        changes = afterHold(state, command.held);
      } else if (command.kind === 'rollout') {
        changes = afterRollout(state, command.percent);
      } else {
        const release = await releaseByVersion(tx, channel, command.version);
        if (!release) {
          throw new AppError(ErrorCode.NotFound, `The ${channel} channel has no release ${command.version}`, {
            channel,
            version: command.version,
          });
        }
        changes = afterRollback(state, release);
      }
      await updateChannel(tx, channel, changes);
      return channelView(await channelState(tx, channel));
    },
    { audit: { ...audit, auditContext: { action: `update.${command.kind}`, channel, command } } },
  );
}

/** Every channel and every release, newest first; digests as base64, as manifests give them. */
export async function updatesOverview(db: CentralDb): Promise<UpdatesOverview> {
  const [channels, releases] = await Promise.all([listChannels(db), listReleases(db)]);
  return {
    channels: channels.map(channelView),
    releases: releases.map((release) => ({
      channel: release.channel,
      version: release.version,
      notes: release.notes,
      publishedAt: new Date(release.publishedAt).toISOString(),
      publishedBy: release.publishedBy,
      manifests: release.manifests,
      files: release.files.map((file) => ({
        name: file.name,
        size: file.size,
        sha512: Buffer.from(file.sha512Hex, 'hex').toString('base64'),
      })),
    })),
  };
}
