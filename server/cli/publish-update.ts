import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import { RELEASE_PUBLIC_KEY_PEM } from '../../core/release/release-public-key.js';
import { rolloutPercentSchema, updateChannelSchema, type UpdateChannel } from '../../core/release/update-admin-wire.js';
import { toAppError } from '../../db/central/pg-error.js';
import { updatesDirFromEnv } from '../config.js';
import { ArtifactStore } from '../updates/artifact-store.js';
import { publishRelease } from '../updates/publish-release.js';
import { describeChannel } from './channel-text.js';
import { stdio, type CliOutput } from './cli-output.js';
import { withMigratedDb } from './migrated-db.js';

const USAGE = `Usage: npm run publish-update -- <dir> --channel stable|beta [--notes TEXT] [--rollout PCT]
                                 [--public-key release-public.pem]

Publishes electron-builder's output in <dir> on the central server's update feed: every
latest*.yml must be signed (npm run sign-release) with the release key (the one built into
VetDesk, or --public-key) and every artifact it lists must match its sha512 and size; otherwise
nothing is stored. Artifacts go to VETDESK_UPDATES_DIR (default <VETDESK_DATA_DIR>/updates),
the release to the configured central database (migrated first). An artifact's .blockmap, when
present beside it, is kept for differential downloads.

  --channel C      stable or beta
  --notes TEXT     release notes (default: the manifests' releaseNotes)
  --rollout PCT    share of devices served the release at once, 0 to 100 (default 100)
  --public-key F   check signatures against this SPKI PEM instead of the built-in key`;

/** The command line, validated. */
export interface PublishCommand {
  dir: string;
  channel: UpdateChannel;
  notes: string | undefined;
  rolloutPercent: number;
  publicKeyFile: string | undefined;
}

const argsSchema = z.object({
  dir: z.string().min(1),
  channel: updateChannelSchema,
  notes: z.string().max(20_000).optional(),
  rollout: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole percent')
    .transform(Number)
    .pipe(rolloutPercentSchema)
    .optional(),
  publicKey: z.string().min(1).optional(),
});

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID naming the bad option; `undefined` for --help.
 */
export function parsePublishArgs(argv: readonly string[]): PublishCommand | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        channel: { type: 'string' },
        notes: { type: 'string' },
        rollout: { type: 'string' },
        'public-key': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1) throw new AppError(ErrorCode.ConfigInvalid, 'Give exactly one folder to publish');
  const args = argsSchema.safeParse({
    dir: positionals[0],
    channel: values.channel,
    notes: values.notes,
    rollout: values.rollout,
    publicKey: values['public-key'],
  });
  if (!args.success) {
    const issue = args.error.issues[0];
    const option = issue?.path[0] === 'publicKey' ? 'public-key' : String(issue?.path[0] ?? 'arguments');
    throw new AppError(ErrorCode.ConfigInvalid, `--${option}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    dir: path.resolve(args.data.dir),
    channel: args.data.channel,
    notes: args.data.notes,
    rolloutPercent: args.data.rollout ?? 100,
    publicKeyFile: args.data.publicKey === undefined ? undefined : path.resolve(args.data.publicKey),
  };
}

/**
 * `npm run publish-update`: checks and publishes a release (server/updates/publish-release.ts).
 * @returns the exit code: 0 published, 2 bad arguments, 3 the release does not check out
 *   (nothing stored), 1 anything else.
 */
export async function runPublishUpdate(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = stdio,
): Promise<number> {
  let command: PublishCommand | undefined;
  try {
    command = parsePublishArgs(argv);
  } catch (error) {
    io.err(`publish-update: ${toAppError(error).message} (see --help)\n`);
    return 2;
  }
  if (command === undefined) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const { dir, channel, notes, rolloutPercent, publicKeyFile } = command;
  try {
    const publicKeyPem = publicKeyFile === undefined ? RELEASE_PUBLIC_KEY_PEM : await readFile(publicKeyFile, 'utf8');
    const store = new ArtifactStore(updatesDirFromEnv(env));
    const published = await withMigratedDb(env, io, (db) =>
      publishRelease(db, store, {
        dir,
        channel,
        notes,
        rolloutPercent,
        publicKeyPem,
        publishedBy: `cli:${os.userInfo().username}`,
      }),
    );
    const waiting = published.state === 'pending' ? ' (waiting: the channel is held)' : '';
    io.out(`published: ${published.version} on ${published.channel}${waiting}\n`);
    io.out(describeChannel(published.channelState));
    for (const file of published.files) {
      const blockmap = file.blockmapSize === null ? '' : `, blockmap ${file.blockmapSize} bytes`;
      io.out(`  ${file.name}  ${file.size} bytes${blockmap}\n`);
    }
    return 0;
  } catch (error) {
    const appError = toAppError(error);
    io.err(`publish-update: ${appError.message}; nothing was published\n`);
    return appError.code === ErrorCode.ReleaseInvalid || appError.code === ErrorCode.ValidationFailed ? 3 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPublishUpdate(process.argv.slice(2));
}
