import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import { toAppError } from '../../db/central/pg-error.js';

import { stdio, type CliOutput } from './cli-output.js';

export { stdio, type CliOutput };

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

const fileSchema = z.string().trim().min(1, 'name the backup file');

/**
 * Parses `<file> [--option value ...] [--help]`: exactly one file (resolved against the working
 * folder) and the string options named.
 * @throws AppError CONFIG_INVALID with a one-line message (unknown option, no file, two files).
 */
export function parseFileCommand<Option extends string>(
  argv: readonly string[],
  stringOptions: readonly Option[],
): 'help' | { file: string; options: Partial<Record<Option, string>> } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(stringOptions.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length > 1) throw new AppError(ErrorCode.ConfigInvalid, 'Name one backup file');
  const file = fileSchema.safeParse(parsed.positionals[0] ?? '');
  if (!file.success) throw new AppError(ErrorCode.ConfigInvalid, file.error.issues[0]?.message ?? 'invalid');
  const options: Partial<Record<Option, string>> = {};
  for (const name of stringOptions) {
    // parseArgs types the values from a literal options object; these are built from names.
    const value = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (typeof value === 'string') options[name] = value;
  }
  return { file: path.resolve(file.data), options };
}
