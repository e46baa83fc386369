import { z } from 'zod';

/** The release channels of the update feed: `stable` for every practice, `beta` for early adopters. */
export const updateChannelSchema = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

/** The channel a workstation follows unless configured otherwise. */
export const DEFAULT_UPDATE_CHANNEL: UpdateChannel = 'stable';
