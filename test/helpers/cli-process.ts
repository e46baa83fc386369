import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** What a finished command printed and its exit code. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a server CLI the way its npm script does (`tsx <script> ...args`) from the project
 * folder, with `env` over this process's environment and `stdin` written then closed (an
 * empty stdin when omitted, so a prompt never waits). Never rejects: a failure is a non-zero
 * `code` (1 when the process died without one, e.g. killed at `timeoutMs`).
 */
export function runCliScript(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {},
): Promise<CliOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      [script, ...args],
      { cwd: ROOT, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/** A command's `run*` function, run in this process (server/cli/command.ts). */
export type InProcessCommand = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { out: (text: string) => void; err: (text: string) => void },
) => Promise<number>;

/** Runs `command` in this process (no tsx start-up), collecting what it prints. */
export async function runInProcess(
  command: InProcessCommand,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(argv, env, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}
