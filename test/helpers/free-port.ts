import { createServer } from 'node:net';

/**
 * A local port that was free a moment ago: for a server that must come back on the same URL,
 * or, left unused, for a server that is down.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no local TCP port');
  return address.port;
}
