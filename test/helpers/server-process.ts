import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A central server started as `npm run server` starts it: a child process running server/main.ts. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Resolves with the exit code once `child` has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
}

/** Starts server/main.ts as `npm run server` does, with `env` added, collecting what it prints. */
function startMain(env: Record<string, string>): {
  child: ChildProcess & { stdout: NodeJS.ReadableStream };
  output: () => string;
} {
  // `node --import tsx`, one process, as `npm run server`, not the tsx wrapper: the wrapper passes
  // SIGTERM on only if the server acknowledges it within about 60 ms and SIGKILLs it otherwise,
  // so on a busy machine a graceful stop became a kill (exit 143).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/**
 * Runs server/main.ts with `env` added to this process's environment, and resolves once it
 * prints the address it listens on.
 * @throws Error with everything the process printed if it exits first.
 */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output } = startMain(env);
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (!match) return;
      child.stdout.off('data', onData);
      resolve({
        child,
        url: match[1]!,
        output,
        stop: () => {
          child.kill('SIGTERM');
          return exited(child);
        },
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });
}

/** Runs server/main.ts expecting it to fail; resolves with its exit code and output. */
export async function runServerToFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = startMain(env);
  const code = await exited(child);
  if (/listening on/.test(output())) throw new Error(`server started although it should have refused:\n${output()}`);
  return { code, output: output() };
}
