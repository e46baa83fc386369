import type { ClientFrame } from './frames.js';
import type { FrameTransport, Timers } from './transport.js';

/**
 * Pings over `transport` every `intervalMs` and calls `onDead` when no frame at all arrived
 * within `timeoutMs` of a ping: the backend is hung, or the connection is half-open (a
 * WebSocket whose peer vanished without a FIN, a MessagePort whose process died). Any frame
 * counts as a sign of life, so a busy connection needs no extra round trip to stay up. The
 * deadline runs from the ping, not from the last frame, so a page whose timers the browser
 * throttles (a background tab) is not declared dead for its own slowness.
 * @returns a function that stops the heartbeat.
 */
export function startHeartbeat(
  transport: FrameTransport<ClientFrame>,
  timers: Timers,
  timing: { intervalMs: number; timeoutMs: number },
  onDead: () => void,
): () => void {
  let stopped = false;
  let seq = 0;
  let next: unknown = null;
  let deadline: unknown = null;

  const schedule = () => {
    next = timers.set(ping, timing.intervalMs);
  };
  const ping = () => {
    next = null;
    if (stopped) return;
    transport.send({ ping: seq++ });
    deadline = timers.set(() => {
      deadline = null;
      if (stopped) return;
      stopped = true;
      offFrame();
      onDead();
    }, timing.timeoutMs);
  };
  const offFrame = transport.onFrame(() => {
    if (deadline === null) return;
    timers.clear(deadline);
    deadline = null;
    schedule();
  });
  schedule();
  return () => {
    stopped = true;
    offFrame();
    if (next !== null) timers.clear(next);
    if (deadline !== null) timers.clear(deadline);
  };
}
