import { ErrorCode, isAppError, validationError, type AppError } from '../../errors.js';
import { API, type ApiName } from '../contract.js';
import { clientFrameSchema, type EventFrame, type ServerFrame } from './frames.js';
import type { FrameTransport } from './transport.js';

/** What the dispatcher calls: the workstation backend, which validates `input` against the contract. */
export interface ContractTarget {
  call(name: ApiName, input: never): Promise<unknown>;
}

export interface ServeContractOptions {
  target: ContractTarget;
  /** Subscribes to the backend's events; returns the unsubscribe function. */
  subscribe?: (push: (event: EventFrame) => void) => () => void;
  /** Called with failures that are not AppErrors (bugs); the page sees only INTERNAL. */
  onInternalError?: (error: unknown) => void;
}

/** The message a page sees for a bug: the real one may carry paths or SQL, so it stays in the log. */
export const INTERNAL_ERROR_MESSAGE = 'The workstation backend failed; see its log';

function unknownOperation(op: string): AppError {
  return validationError([{ path: ['op'], message: `Unknown operation ${op}` }], undefined, { op });
}

/** The answer to a frame that is not a request: by its id when one can be read, so the caller is not left waiting. */
function rejectMalformed(frame: unknown): ServerFrame {
  const record = typeof frame === 'object' && frame !== null ? (frame as Record<string, unknown>) : {};
  const id = record['id'];
  const op = record['op'];
  const error =
    typeof op === 'string' && !Object.hasOwn(API, op)
      ? unknownOperation(op)
      : validationError('Malformed frame: expected { id, op, input }');
  return {
    id: typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null,
    ok: false,
    error: error.toWire(),
  };
}

/**
 * Serves the API contract on one connection: the single dispatcher behind the web bridge and
 * the desktop app's MessagePort alike.
 *
 * Guarantees: every request frame gets exactly one response frame with its id (requests run
 * concurrently; answers may come out of order). Unknown operations and malformed frames are
 * answered VALIDATION_FAILED (with `id: null` when no id can be read); input is validated by
 * `target.call` only. A result of `undefined` is sent as null. A thrown AppError travels as its
 * wire form; anything else is reported to `onInternalError` and sent as INTERNAL with a fixed
 * message, never the thrown one. Each `ping` is answered with a `pong` at once. Events from
 * `subscribe` are forwarded until the connection closes.
 * @returns a function that stops serving: unsubscribes and closes the transport.
 */
export function serveContract(transport: FrameTransport<ServerFrame>, options: ServeContractOptions): () => void {
  let stopped = false;
  const send = (frame: ServerFrame) => {
    if (!stopped) transport.send(frame);
  };

  const offFrame = transport.onFrame((data) => {
    const parsed = clientFrameSchema.safeParse(data);
    if (!parsed.success) {
      send(rejectMalformed(data));
      return;
    }
    const frame = parsed.data;
    if ('ping' in frame) {
      send({ pong: frame.ping });
      return;
    }
    const { id, op, input } = frame;
    if (!Object.hasOwn(API, op)) {
      send({ id, ok: false, error: unknownOperation(op).toWire() });
      return;
    }
    // The cast hands unchecked data to the one function that checks it against the contract.
    Promise.resolve()
      .then(() => options.target.call(op as ApiName, input as never))
      .then(
        (result) => {
          send({ id, ok: true, result: result ?? null });
        },
        (error: unknown) => {
          if (isAppError(error)) {
            send({ id, ok: false, error: error.toWire() });
            return;
          }
          options.onInternalError?.(error);
          send({ id, ok: false, error: { code: ErrorCode.Internal, message: INTERNAL_ERROR_MESSAGE } });
        },
      );
  });
  const unsubscribe = options.subscribe?.(send) ?? (() => undefined);

  let offClose: () => void = () => undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    offFrame();
    offClose();
    unsubscribe();
    transport.close();
  };
  offClose = transport.onClose(stop);
  return stop;
}
