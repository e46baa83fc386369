import { toAppError } from '../../db/central/pg-error.js';

/** Where a command writes: results on `out`, progress and errors on `err`. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The process's stdout and stderr. */
export const stdio: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs a command the way the server's CLIs do: `parse` the arguments (a throw is a usage error),
 * print `usage` for `--help`, otherwise `run`; every error becomes one line `<name>: message`.
 * @returns the exit code: 0 on success or help, 2 for bad arguments, 1 for anything else.
 */
export async function runCommand<Args>(
  command: { name: string; usage: string; io: CliOutput },
  parse: () => Args | 'help',
  run: (args: Args) => Promise<void>,
): Promise<number> {
  const { name, usage, io } = command;
  let args: Args | 'help';
  try {
    args = parse();
  } catch (error) {
    io.err(`${name}: ${toAppError(error).message} (see --help)\n`);
    return 2;
  }
  if (args === 'help') {
    io.out(`${usage}\n`);
    return 0;
  }
  try {
    await run(args);
    return 0;
  } catch (error) {
    io.err(`${name}: ${toAppError(error).message}\n`);
    return 1;
  }
}
