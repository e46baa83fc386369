import { z } from 'zod';
import { releaseVersionSchema } from './release-manifest.js';
import { updateChannelSchema } from './update-channel.js';

/**
 * The update channels and the admin routes' wire format (docs/updates.md), shared by the
 * central server and its clients.
 */

export { updateChannelSchema, type UpdateChannel } from './update-channel.js';

/** The header a workstation names itself in on feed requests, for the staged rollout. */
export const UPDATE_DEVICE_HEADER = 'x-vetdesk-device';

/** A rollout share: whole percent of devices, 0 to 100. */
export const rolloutPercentSchema = z.number().int().min(0).max(100);

/** `POST /v1/admin/updates/:channel/hold`: `true` holds the channel, `false` resumes it. */
export const holdChannelRequestSchema = z.strictObject({ held: z.boolean() });
/** `POST /v1/admin/updates/:channel/rollback`: the release of this channel to serve again. */
export const rollbackChannelRequestSchema = z.strictObject({ version: releaseVersionSchema });
/** `POST /v1/admin/updates/:channel/rollout`: the share of devices that get the current release. */
export const rolloutChannelRequestSchema = z.strictObject({ percent: rolloutPercentSchema });

/** A channel as admins see it; versions are null where no release is set. */
export const updateChannelStateSchema = z.object({
  channel: updateChannelSchema,
  current: z.string().nullable(),
  previous: z.string().nullable(),
  /** Published while the channel was held: served once it is resumed. */
  pending: z.string().nullable(),
  rolloutPercent: rolloutPercentSchema,
  held: z.boolean(),
  updatedAt: z.string(),
});
export type UpdateChannelState = z.infer<typeof updateChannelStateSchema>;

/** One published release. */
export const publishedReleaseSchema = z.object({
  channel: updateChannelSchema,
  version: z.string(),
  notes: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  manifests: z.array(z.string()),
  files: z.array(z.object({ name: z.string(), size: z.number(), sha512: z.string() })),
});
export type PublishedRelease = z.infer<typeof publishedReleaseSchema>;

/** `GET /v1/admin/updates`: every channel, and every release newest first. */
export const updatesOverviewSchema = z.object({
  channels: z.array(updateChannelStateSchema),
  releases: z.array(publishedReleaseSchema),
});
export type UpdatesOverview = z.infer<typeof updatesOverviewSchema>;
