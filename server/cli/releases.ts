import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError, ErrorCode } from '../../core/errors.js';
import { releaseVersionSchema } from '../../core/release/release-manifest.js';
import { rolloutPercentSchema, updateChannelSchema, type UpdateChannel } from '../../core/release/update-admin-wire.js';
import type { CentralDb } from '../../db/central/connection.js';
import { toAppError } from '../../db/central/pg-error.js';
import { changeChannel, updatesOverview, type ChannelCommand } from '../updates/channel-admin.js';
import { describeChannel } from './channel-text.js';
import { stdio, type CliOutput } from './cli-output.js';
import { withMigratedDb } from './migrated-db.js';

const USAGE = `Usage: npm run releases -- list
       npm run releases -- hold|resume --channel stable|beta
       npm run releases -- rollback <version> --channel stable|beta
       npm run releases -- rollout <percent> --channel stable|beta

The update feed's channels (docs/updates.md) on the configured central database:
  list            every channel (current, previous, pending release, rollout, held) and release
  hold            serve nothing new on the channel (a release published meanwhile waits)
  resume          serve again: the release published while held goes out
  rollback V      serve the channel's earlier release V to every device
  rollout P       serve the current release to P percent of devices (0 to 100)`;

/** The command line, validated. */
export type ReleasesCommand =
  { kind: 'list' } | { kind: 'help' } | { kind: 'change'; channel: UpdateChannel; change: ChannelCommand };

function bad(message: string): AppError {
  return new AppError(ErrorCode.ConfigInvalid, message);
}

/** The channel change a verb and its argument ask for. */
function changeOf(verb: string, argument: string | undefined): ChannelCommand {
  const needs = (count: number) => {
    if ((argument === undefined ? 0 : 1) !== count) throw bad(`${verb} takes ${count === 0 ? 'no' : 'one'} argument`);
  };
  switch (verb) {
    case 'hold':
    case 'resume':
      needs(0);
      return { kind: 'hold', held: verb === 'hold' };
    case 'rollback': {
      needs(1);
      const version = releaseVersionSchema.safeParse(argument);
      if (!version.success) throw bad(`rollback: ${version.error.issues[0]?.message ?? 'bad version'}`);
      return { kind: 'rollback', version: version.data };
    }
    case 'rollout': {
      needs(1);
      const percent = rolloutPercentSchema.safeParse(/^\d{1,3}$/.test(argument ?? '') ? Number(argument) : NaN);
      if (!percent.success) throw bad('rollout: give a whole percent from 0 to 100');
      return { kind: 'rollout', percent: percent.data };
    }
    default:
      throw bad(`Unknown command ${verb}: list, hold, resume, rollback or rollout`);
  }
}

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID naming what is wrong.
 */
export function parseReleasesArgs(argv: readonly string[]): ReleasesCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { channel: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw bad((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [verb, argument, ...rest] = positionals;
  if (verb === undefined || rest.length > 0) throw bad('Give one command: list, hold, resume, rollback or rollout');
  if (verb === 'list') {
    if (argument !== undefined || values.channel !== undefined) throw bad('list takes no argument or --channel');
    return { kind: 'list' };
  }
  const change = changeOf(verb, argument);
  const channel = updateChannelSchema.safeParse(values.channel);
  if (!channel.success) throw bad('--channel: stable or beta');
  return { kind: 'change', channel: channel.data, change };
}

async function run(db: CentralDb, command: Exclude<ReleasesCommand, { kind: 'help' }>, io: CliOutput): Promise<void> {
  if (command.kind === 'change') {
    io.out(describeChannel(await changeChannel(db, command.channel, command.change)));
    return;
  }
  const overview = await updatesOverview(db);
  for (const channel of overview.channels) io.out(describeChannel(channel));
  if (overview.releases.length === 0) io.out('No releases yet.\n');
  for (const release of overview.releases) {
    io.out(`${release.channel}  ${release.version}  published ${release.publishedAt} by ${release.publishedBy}\n`);
  }
}

/**
 * `npm run releases`: lists the update channels and releases, or changes a channel as the admin
 * routes do (server/updates/channel-admin.ts).
 * @returns the exit code: 0 done, 2 bad arguments, 1 refused or failed (an unknown version, a
 *   held channel's rollout).
 */
export async function runReleases(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = stdio,
): Promise<number> {
  let command: ReleasesCommand;
  try {
    command = parseReleasesArgs(argv);
  } catch (error) {
    io.err(`releases: ${toAppError(error).message} (see --help)\n`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const chosen = command;
  try {
    await withMigratedDb(env, io, (db) => run(db, chosen, io));
    return 0;
  } catch (error) {
    io.err(`releases: ${toAppError(error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runReleases(process.argv.slice(2));
}
