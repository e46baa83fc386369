import { createServer } from 'node:net';
import { AppError, ErrorCode } from '../../core/errors.js';

/** A TCP port someone asked for, and the setting that chose it (for the message). */
export interface RequestedPort {
  host: string;
  port: number;
  /** The environment variable that sets this port, e.g. `PORT`. */
  variable: string;
  /** What listens there, for people: "the central server", "the web bridge". */
  purpose: string;
}

/**
 * Checks that each requested port can be bound right now, by binding it and letting go, so a
 * start-up can stop before it migrates or seeds anything. Port 0 (any free port) always passes.
 * Another program can still take the port between this check and the real bind; that bind then
 * fails with the same kind of error, only later.
 * @throws AppError CONFIG_INVALID naming the port, its purpose and the variable to change, for
 *   the first port in use (EADDRINUSE) or not allowed (EACCES); other errors as they come.
 */
export async function assertPortsAvailable(requested: readonly RequestedPort[]): Promise<void> {
  for (const wanted of requested) {
    if (wanted.port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') {
          reject(error);
          return;
        }
        const why = error.code === 'EADDRINUSE' ? 'is already in use' : 'may not be used by this user';
        reject(
          new AppError(
            ErrorCode.ConfigInvalid,
            `Port ${wanted.port} on ${wanted.host} (${wanted.purpose}) ${why}: set ${wanted.variable} to another port ` +
              `(0 picks a free one), or stop the program using it`,
            { host: wanted.host, port: wanted.port, variable: wanted.variable, reason: error.code },
          ),
        );
      });
      probe.listen({ host: wanted.host, port: wanted.port, exclusive: true }, () => {
        probe.close(() => {
          resolve();
        });
      });
    });
  }
}
