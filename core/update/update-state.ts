import { z } from 'zod';

/**
 * Where the workstation's updater stands, as the status bar shows it.
 * - `unavailable`: no updater here (the web bridge, a development build, no server configured).
 * - `idle`: nothing new since the last check.
 * - `checking`, `downloading{percent}`: a new version is being looked for or fetched.
 * - `ready{version, notes}`: downloaded and verified; staff choose when to restart.
 * - `refused{reason}`: a download failed verification and will never be installed.
 * - `error{message}`: the last check failed (offline, server down); retried at the next check.
 * - `required{reason}`: the server refuses this version's sync protocol (426): staff must update.
 */
export const updateStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('unavailable') }),
  z.strictObject({ state: z.literal('idle') }),
  z.strictObject({ state: z.literal('checking') }),
  z.strictObject({ state: z.literal('downloading'), percent: z.number().min(0).max(100) }),
  z.strictObject({ state: z.literal('ready'), version: z.string().min(1).max(100), notes: z.string().max(100_000) }),
  z.strictObject({ state: z.literal('refused'), reason: z.string().max(1_000) }),
  z.strictObject({ state: z.literal('error'), message: z.string().max(1_000) }),
  z.strictObject({ state: z.literal('required'), reason: z.string().max(1_000) }),
]);
export type UpdateState = z.infer<typeof updateStateSchema>;

/** What moves the update state: the updater's events, and the server's 426. */
export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'verified'; version: string; notes: string }
  | { type: 'refused'; reason: string }
  | { type: 'error'; message: string }
  | { type: 'protocol-too-old'; reason: string };

/**
 * The next update state. A verified download (`ready`) and a refusal stay until a later check
 * finds something else to say, so a background check never hides a version waiting for a
 * restart; the server's 426 turns any state but `ready` and `downloading` into `required`
 * (those already are the way out), and `required` stays until a version is ready.
 */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  const keepsReady = state.state === 'ready';
  switch (event.type) {
    case 'checking':
      return keepsReady || state.state === 'required' || state.state === 'downloading' ? state : { state: 'checking' };
    case 'not-available':
      return keepsReady || state.state === 'required' ? state : { state: 'idle' };
    case 'progress':
      return keepsReady ? state : { state: 'downloading', percent: Math.max(0, Math.min(100, event.percent)) };
    case 'verified':
      return { state: 'ready', version: event.version, notes: event.notes };
    case 'refused':
      return { state: 'refused', reason: event.reason };
    case 'error':
      return keepsReady || state.state === 'required' ? state : { state: 'error', message: event.message };
    case 'protocol-too-old':
      return keepsReady || state.state === 'downloading' ? state : { state: 'required', reason: event.reason };
  }
}
