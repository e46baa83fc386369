import { AppError, ErrorCode } from '../../errors.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  BRIDGE_SUBPROTOCOL,
  BridgeCloseCode,
  bridgeAuthProtocol,
  bridgeWelcomeSchema,
  type BridgeHello,
} from '../bridge-protocol.js';
import { decodeJsonFrame, type ClientFrame } from './frames.js';
import { carryFrames } from './frame-transport.js';
import type { FrameTransport } from './transport.js';

/** The part of a WebSocket the connector uses: the browser's, or the `ws` package's in tests. */
export interface WebSocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

const STALE_KEY_MESSAGE =
  'This page’s access key is out of date (VetDesk was restarted): open VetDesk again from the link that npm start printed';

/**
 * A `connect` for `contractClient` over the web bridge at `url`: opens a WebSocket offering
 * the secret, says hello, and resolves with a transport of JSON text frames once welcomed.
 * Rejects with UNAUTHENTICATED when there is no secret, or when the socket closed before the
 * welcome and `keyRefused` says the bridge no longer takes this secret (a page left open across
 * a restart of `npm start`); PROTOCOL_MISMATCH when the bridge speaks another version (reload
 * the page); BACKEND_UNAVAILABLE when the socket closes or errs before the welcome otherwise.
 */
export function websocketConnector(
  url: string,
  secret: string | null,
  open: (url: string, protocols: string[]) => WebSocketLike,
  keyRefused: (secret: string) => Promise<boolean> = () => Promise.resolve(false),
): () => Promise<FrameTransport<ClientFrame>> {
  return () =>
    new Promise((resolve, reject) => {
      if (!secret) {
        reject(
          new AppError(
            ErrorCode.Unauthenticated,
            'Open VetDesk from the link `npm start` printed (it carries the access key)',
          ),
        );
        return;
      }
      const ws = open(url, [BRIDGE_SUBPROTOCOL, bridgeAuthProtocol(secret)]);
      let welcomed = false;
      const carried = carryFrames<ClientFrame>({
        send: (out) => {
          if (ws.readyState === OPEN) ws.send(JSON.stringify(out));
        },
        close: () => {
          ws.close(1000, 'client closing');
        },
      });
      ws.onopen = () => {
        ws.send(JSON.stringify({ hello: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION } satisfies BridgeHello));
      };
      ws.onmessage = (event) => {
        if (typeof event.data !== 'string') return;
        const frame = decodeJsonFrame(event.data);
        if (welcomed) {
          carried.deliver(frame);
          return;
        }
        if (!bridgeWelcomeSchema.safeParse(frame).success) return;
        welcomed = true;
        resolve(carried.transport);
      };
      ws.onerror = () => undefined; // a close event always follows, which says what happened
      ws.onclose = (event) => {
        if (welcomed) {
          carried.end();
          return;
        }
        if (event.code === BridgeCloseCode.ProtocolMismatch) {
          reject(
            new AppError(ErrorCode.ProtocolMismatch, 'VetDesk was updated: reload the page', { server: event.reason }),
          );
          return;
        }
        const unreachable = new AppError(ErrorCode.BackendUnavailable, 'The workstation backend could not be reached');
        keyRefused(secret).then(
          (refused) => {
            reject(refused ? new AppError(ErrorCode.Unauthenticated, STALE_KEY_MESSAGE) : unreachable);
          },
          () => {
            reject(unreachable);
          },
        );
      };
    });
}
