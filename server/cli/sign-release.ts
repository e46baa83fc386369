import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MANIFEST_NAME_PATTERN, SIGNATURE_SUFFIX } from '../../core/release/release-manifest.js';
import { toAppError } from '../../db/central/pg-error.js';
import { signManifest } from '../updates/release-keys.js';
import { stdio, type CliOutput } from './cli-output.js';

const USAGE = `Usage: npm run sign-release -- <dir> --key <release-private.pem>

Signs each latest*.yml in <dir> (electron-builder's output) with the release key: writes
<name>.sig beside it, the base64 Ed25519 signature of the file's exact bytes. Run it where the
private key lives (the release pipeline), never on the central server.`;

/**
 * `npm run sign-release`: writes `<yml>.sig` for every `latest*.yml` in the folder.
 * @returns the exit code: 0 signed, 2 bad arguments, 1 anything else (no manifest, bad key).
 */
export async function runSignRelease(argv: readonly string[], io: CliOutput = stdio): Promise<number> {
  let dir: string;
  let keyFile: string;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { key: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1 || values.key === undefined) throw new Error('give one folder and --key');
    dir = path.resolve(positionals[0]!);
    keyFile = path.resolve(values.key);
  } catch (error) {
    io.err(`sign-release: ${(error as Error).message.split('\n')[0]} (see --help)\n`);
    return 2;
  }
  try {
    const privateKeyPem = await readFile(keyFile, 'utf8');
    const names = (await readdir(dir)).filter((name) => MANIFEST_NAME_PATTERN.test(name)).sort();
    if (names.length === 0) throw new Error(`no latest*.yml in ${dir}`);
    for (const name of names) {
      const signature = signManifest(await readFile(path.join(dir, name)), privateKeyPem);
      await writeFile(path.join(dir, `${name}${SIGNATURE_SUFFIX}`), `${signature}\n`);
      io.out(`signed: ${name}${SIGNATURE_SUFFIX}\n`);
    }
    return 0;
  } catch (error) {
    io.err(`sign-release: ${toAppError(error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSignRelease(process.argv.slice(2));
}
