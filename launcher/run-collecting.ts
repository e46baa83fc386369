import { spawn } from 'node:child_process';

/**
 * Runs a build command to its end, collecting what it prints (shown only if it fails).
 * @throws Error naming the command, its exit code and its output when it does not exit 0.
 */
export async function runCollecting(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${code}):\n${output}`);
}
