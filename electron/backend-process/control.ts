import { z } from 'zod';
import { wireErrorSchema } from '../../core/errors.js';
import { updateStateSchema } from '../../core/update/update-state.js';

/**
 * Control messages between Electron main and the backend utility process (on the process's
 * parent port; API traffic never goes this way, it uses the MessagePorts main hands over).
 */
export const controlToBackendSchema = z.discriminatedUnion('type', [
  /**
   * First message: open the workstation in `dataDir`. `sealSecrets`: main can seal secrets with
   * safeStorage (the OS keychain); without it they are kept in 0600 files only.
   */
  z.object({ type: z.literal('open'), dataDir: z.string().min(1), sealSecrets: z.boolean() }),
  /** Carries (in `ports[0]`) a new port to serve, one per page load of the window. */
  z.object({ type: z.literal('connect') }),
  /** Stop syncing, close the database, exit. */
  z.object({ type: z.literal('stop') }),
  /** The updater's state changed (main runs electron-updater; the page learns it from the backend). */
  z.object({ type: z.literal('update-state'), state: updateStateSchema }),
  /** Main's answer to a `secret` request: the sealed or opened value, or why not. */
  z.object({
    type: z.literal('secret-result'),
    id: z.number().int(),
    value: z.string().nullable(),
    error: z.string().nullable(),
  }),
]);
export type ControlToBackend = z.infer<typeof controlToBackendSchema>;

export const controlFromBackendSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), deviceId: z.string().nullable() }),
  /** The workstation could not open (for example MIGRATION_MISMATCH after a downgrade). */
  z.object({ type: z.literal('failed'), error: wireErrorSchema }),
  /** Asks main to seal (`encrypt`) or open (`decrypt`, base64) a secret with safeStorage. */
  z.object({
    type: z.literal('secret'),
    id: z.number().int(),
    op: z.enum(['encrypt', 'decrypt']),
    value: z.string().max(10_000),
  }),
  /** Staff asked (through the page) to look for an update now, or to restart into the ready one. */
  z.object({ type: z.literal('update-command'), command: z.enum(['check', 'install']) }),
  /** The server refused this version's sync protocol (426): main's updater says an update is required. */
  z.object({ type: z.literal('protocol-too-old'), reason: z.string().max(1_000) }),
]);
export type ControlFromBackend = z.infer<typeof controlFromBackendSchema>;
