import { z } from 'zod';
import { wireErrorSchema } from '../../core/errors.js';

/**
 * Control messages between Electron main and the backend utility process (on the process's
 * parent port; API traffic never goes this way, it uses the MessagePorts main hands over).
 */
export const controlToBackendSchema = z.discriminatedUnion('type', [
  /** First message: open the workstation. */
  z.object({ type: z.literal('open'), dataDir: z.string().min(1), serverUrl: z.url(), staffId: z.uuid() }),
  /** Carries (in `ports[0]`) a new port to serve, one per page load of the window. */
  z.object({ type: z.literal('connect') }),
  /** Stop syncing, close the database, exit. */
  z.object({ type: z.literal('stop') }),
]);
export type ControlToBackend = z.infer<typeof controlToBackendSchema>;

export const controlFromBackendSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), deviceId: z.string() }),
  /** The workstation could not open (for example MIGRATION_MISMATCH after a downgrade). */
  z.object({ type: z.literal('failed'), error: wireErrorSchema }),
]);
export type ControlFromBackend = z.infer<typeof controlFromBackendSchema>;
