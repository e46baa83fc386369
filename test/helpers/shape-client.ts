import {
  isControlMessage,
  Shape,
  ShapeStream,
  type Message,
  type Row,
  type ShapeStreamInterface,
  type ShapeStreamOptions,
} from '@electric-sql/client';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { newId } from '../../core/ids.js';
import type { CentralDb } from '../../db/central/connection.js';
import { buildApp } from '../../server/http/app.js';
import type { ShapeRouteOptions } from '../../server/http/routes/shape.js';

/**
 * Credentials of one development workstation (server/auth/development-device-auth.ts): servers
 * built by this helper run with `developmentAuth`.
 */
export const DEVICE_ID = newId();
export const AUTH_HEADERS = { authorization: `Bearer dev-device:${DEVICE_ID}` } as const;

/** A central HTTP app listening on 127.0.0.1 with a free port, as the official client needs. */
export interface ShapeServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>/v1/shape` */
  shapeUrl: string;
  close(): Promise<void>;
}

export async function startShapeServer(db: CentralDb, shape: ShapeRouteOptions = {}): Promise<ShapeServer> {
  const app = buildApp({
    db,
    version: 'test',
    logLevel: 'silent',
    shape: { longPollTimeoutMs: 2_000, ...shape },
    developmentAuth: true,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, shapeUrl: `${address}/v1/shape`, close: () => app.close() };
}

/**
 * For a describe block: `start` runs a shape server for the current test and `signal` gives
 * abort signals for its streams; after each test every signal is aborted and the server closed.
 */
export function useShapeServer(db: () => CentralDb): {
  start(shape?: ShapeRouteOptions): Promise<ShapeServer>;
  signal(): AbortSignal;
} {
  let server: ShapeServer | undefined;
  const controllers: AbortController[] = [];
  afterEach(async () => {
    for (const controller of controllers.splice(0)) controller.abort();
    await server?.close();
    server = undefined;
  });
  return {
    start: async (shape = {}) => {
      server = await startShapeServer(db(), shape);
      return server;
    },
    signal: () => {
      const controller = new AbortController();
      controllers.push(controller);
      return controller.signal;
    },
  };
}

/** Every row message and control message one stream delivered, in order. */
export class MessageLog {
  readonly messages: Message[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(stream: ShapeStream) {
    stream.subscribe(
      (batch) => {
        this.messages.push(...batch);
        for (const listener of [...this.#listeners]) listener();
      },
      () => {
        for (const listener of [...this.#listeners]) listener();
      },
    );
  }

  /** Control messages seen so far, by name. */
  controls(): string[] {
    return this.messages.flatMap((m) => (isControlMessage(m) ? [m.headers.control] : []));
  }

  /**
   * Resolves once `predicate` holds over the messages so far (checked after every batch).
   * Rejects after `deadlineMs` with what arrived, so a broken server fails the test instead of
   * hanging it.
   */
  waitFor(predicate: (messages: Message[]) => boolean, what: string, deadlineMs = 15_000): Promise<void> {
    return waitUntil(
      () => predicate(this.messages),
      this.#listeners,
      what,
      deadlineMs,
      () => JSON.stringify(this.messages.slice(-10), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    );
  }
}

/** Waits until a Shape's current rows satisfy `predicate` (checked on every change). */
export function waitForRows(
  shape: Shape,
  predicate: (rows: Row[]) => boolean,
  what: string,
  deadlineMs = 15_000,
): Promise<void> {
  const listeners = new Set<() => void>();
  const unsubscribe = shape.subscribe(() => {
    for (const listener of [...listeners]) listener();
  });
  return waitUntil(
    () => predicate(shape.currentRows),
    listeners,
    what,
    deadlineMs,
    () => `${shape.currentRows.length} rows`,
  ).finally(unsubscribe);
}

function waitUntil(
  check: () => boolean,
  listeners: Set<() => void>,
  what: string,
  deadlineMs: number,
  describe: () => string,
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const listener = () => {
      if (!check()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${what}; last seen: ${describe()}`));
    }, deadlineMs);
    const cleanup = () => {
      clearTimeout(timer);
      listeners.delete(listener);
    };
    listeners.add(listener);
  });
}

/** A ShapeStream on one table of the test server, with the workstation's credentials. */
export function shapeStream(
  server: ShapeServer,
  table: string,
  options: Partial<ShapeStreamOptions> & { signal: AbortSignal },
): ShapeStream {
  return new ShapeStream({
    url: server.shapeUrl,
    params: { table },
    headers: AUTH_HEADERS,
    ...options,
  });
}

/**
 * `new Shape(stream)`. The client declares `ShapeStreamInterface.shapeHandle` as `string` while
 * `ShapeStream` has `string | undefined`, which exactOptionalPropertyTypes rejects; the class is
 * the library's own implementation of that interface, so the cast is safe.
 */
export function shapeOf(stream: ShapeStream): Shape {
  return new Shape(stream as ShapeStreamInterface);
}

/** Reads a table once (no live updates) and returns its rows keyed by id. */
export async function readTable(server: ShapeServer, table: string): Promise<Map<string, Row>> {
  const controller = new AbortController();
  try {
    const shape = shapeOf(shapeStream(server, table, { subscribe: false, signal: controller.signal }));
    const rows = await shape.rows;
    return new Map(rows.map((row) => [row['id'] as string, row]));
  } finally {
    controller.abort();
  }
}

/** A promise with its resolve function, for holding a transaction open until a test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
