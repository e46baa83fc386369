import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, ErrorCode } from '../../core/errors.js';
import { toAppError } from '../../db/central/pg-error.js';
import { generateReleaseKeyPair } from '../updates/release-keys.js';
import { type CliOutput, stdio } from './cli-output.js';

const USAGE = `Usage: npm run release-key -- <out dir>

Makes the release signing key pair (Ed25519) in <out dir>:
  release-private.pem  PKCS#8, mode 0600: keep it off the central server (CI secret, offline)
  release-public.pem   SPKI: the key the server and the workstations check releases against
Refuses to overwrite either file.`;

/** The file names `npm run release-key` writes. */
export const RELEASE_KEY_FILES = { privateKey: 'release-private.pem', publicKey: 'release-public.pem' } as const;

/**
 * `npm run release-key -- <out dir>`: writes a new key pair; never overwrites (`wx`).
 * @returns the exit code: 0 written, 2 bad arguments, 1 anything else (an existing file).
 */
export async function runReleaseKey(argv: readonly string[], io: CliOutput = stdio): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (argv.length !== 1 || argv[0]!.startsWith('-')) {
    io.err(`release-key: give exactly one output folder (see --help)\n`);
    return 2;
  }
  const dir = path.resolve(argv[0]!);
  const { privateKeyPem, publicKeyPem } = generateReleaseKeyPair();
  const privatePath = path.join(dir, RELEASE_KEY_FILES.privateKey);
  const publicPath = path.join(dir, RELEASE_KEY_FILES.publicKey);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Both checked before either is written, so a refusal leaves no half pair behind.
    for (const file of [privatePath, publicPath]) await refuseExisting(file);
    await writeExclusive(privatePath, privateKeyPem, 0o600);
    await writeExclusive(publicPath, publicKeyPem, 0o644);
  } catch (error) {
    io.err(`release-key: ${toAppError(error).message}\n`);
    return 1;
  }
  io.out(`private key: ${privatePath} (keep it secret, off the server)\npublic key:  ${publicPath}\n`);
  return 0;
}

async function refuseExisting(file: string): Promise<void> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new AppError(ErrorCode.ConfigInvalid, `${file} exists: refusing to overwrite a release key`);
}

/** @throws AppError CONFIG_INVALID when `file` exists: a release key is never replaced by accident. */
async function writeExclusive(file: string, text: string, mode: number): Promise<void> {
  try {
    await writeFile(file, text, { flag: 'wx', mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError(ErrorCode.ConfigInvalid, `${file} exists: refusing to overwrite a release key`);
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runReleaseKey(process.argv.slice(2));
}
