import { z } from 'zod';
import { bridgeEventSchema, bridgeRequestSchema, bridgeResponseSchema } from './bridge-protocol.js';

/**
 * Messages between the desktop app's preload and its backend process, carried over a
 * MessagePort. They are the web bridge's request, response and event messages
 * (`bridge-protocol.ts`), so the backend answers the same shapes whichever way the UI reaches
 * it. Both ends parse what they receive: a port is a process boundary.
 *
 * No hello/welcome handshake: the preload and the backend ship in the same application bundle
 * and cannot differ in version (the web bridge, whose ends can, needs one).
 */

/** A call from the UI: `{ id, op, input }`, `op` an operation name of the contract. */
export const ipcRequestSchema = bridgeRequestSchema;
export type IpcRequest = z.infer<typeof ipcRequestSchema>;

/** Everything the backend may send down the port: `{ id, ok, result | error }` or `{ event, payload }`. */
export const ipcBackendMessageSchema = z.union([bridgeResponseSchema, bridgeEventSchema]);
export type IpcBackendMessage = z.infer<typeof ipcBackendMessageSchema>;
export type IpcEvent = z.infer<typeof bridgeEventSchema>;

/** The channel on which main hands the renderer's end of the MessagePort to the preload. */
export const IPC_PORT_CHANNEL = 'vetdesk:port';

/** The channel on which the preload asks main for a port (once per page load). */
export const IPC_CONNECT_CHANNEL = 'vetdesk:connect';
