import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import {
  holdChannelRequestSchema,
  rollbackChannelRequestSchema,
  rolloutChannelRequestSchema,
  updateChannelSchema,
  type UpdateChannelState,
  type UpdatesOverview,
} from '../../../core/release/update-admin-wire.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { changeChannel, updatesOverview, type ChannelCommand } from '../../updates/channel-admin.js';
import { parseInput } from '../parse-input.js';
import type { AdminActor, RequireAdmin } from './admin-devices.js';

export interface AdminUpdateRoutesOptions {
  db: CentralDb;
  requireAdmin: RequireAdmin;
}

const channelParamsSchema = z.object({ channel: updateChannelSchema });

/** The audit settings of an admin's channel change. */
function adminAudit(admin: AdminActor) {
  return { staffId: admin.staffId, deviceId: admin.deviceId };
}

/**
 * Admins steer the update feed (docs/updates.md, "Channels"); credentials are checked before
 * the body is read, and a refused or malformed request changes nothing:
 * - `GET /v1/admin/updates`: every channel's state and every release, newest first.
 * - `POST /v1/admin/updates/:channel/hold` `{ held }`: hold (serve nothing new) or resume
 *   (serve the release published meanwhile).
 * - `POST /v1/admin/updates/:channel/rollback` `{ version }`: serve that earlier release of
 *   the channel to everyone; 404 when the channel never had it.
 * - `POST /v1/admin/updates/:channel/rollout` `{ percent }`: the share of devices served the
 *   current release; 409 CHANNEL_HELD on a held channel.
 * The POSTs answer 200 with the channel's new state; all answer 401 without a device or
 * session, 403 for a non-admin, 400 for a bad channel or body.
 */
export const adminUpdateRoutes: FastifyPluginCallback<AdminUpdateRoutesOptions> = (app, { db, requireAdmin }, done) => {
  app.get('/v1/admin/updates', async (request): Promise<UpdatesOverview> => {
    await requireAdmin(request, 'GET /v1/admin/updates');
    return updatesOverview(db);
  });

  app.post('/v1/admin/updates/:channel/hold', async (request): Promise<UpdateChannelState> => {
    const admin = await requireAdmin(request, 'POST /v1/admin/updates/:channel/hold');
    const { channel } = parseInput(channelParamsSchema, request.params, 'Unknown update channel');
    const { held } = parseInput(holdChannelRequestSchema, request.body, 'Malformed hold request');
    return changeChannel(db, channel, { kind: 'hold', held }, adminAudit(admin));
  });

  app.post('/v1/admin/updates/:channel/rollback', async (request): Promise<UpdateChannelState> => {
    const admin = await requireAdmin(request, 'POST /v1/admin/updates/:channel/rollback');
    const { channel } = parseInput(channelParamsSchema, request.params, 'Unknown update channel');
    const { version } = parseInput(rollbackChannelRequestSchema, request.body, 'Malformed rollback request');
    const command: ChannelCommand = { kind: 'rollback', version };
    return changeChannel(db, channel, command, adminAudit(admin));
  });

  app.post('/v1/admin/updates/:channel/rollout', async (request): Promise<UpdateChannelState> => {
    const admin = await requireAdmin(request, 'POST /v1/admin/updates/:channel/rollout');
    const { channel } = parseInput(channelParamsSchema, request.params, 'Unknown update channel');
    const { percent } = parseInput(rolloutChannelRequestSchema, request.body, 'Malformed rollout request');
    return changeChannel(db, channel, { kind: 'rollout', percent }, adminAudit(admin));
  });
  done();
};
