import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyReleaseSignature } from '../../../core/release/release-signature.js';
import type { CliOutput } from '../../../server/cli/cli-output.js';
import { runPublishUpdate } from '../../../server/cli/publish-update.js';
import { RELEASE_KEY_FILES, runReleaseKey } from '../../../server/cli/release-key.js';
import { runReleases } from '../../../server/cli/releases.js';
import { runSignRelease } from '../../../server/cli/sign-release.js';
import { usePostgresWithUrl } from '../../helpers/central-db.js';
import { makeReleaseDir } from '../../helpers/release-fixtures.js';
import { countRows } from '../../helpers/sync-fixtures.js';

/** Runs a command in this process, collecting what it prints. */
async function cli(run: (io: CliOutput) => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run({ out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('release key, signing, publishing and channels from the command line (PostgreSQL)', () => {
  const { db, url } = usePostgresWithUrl('vetdesk_releasecli');
  const folders: string[] = [];
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    folders.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('makes a key pair once (private 0600), signs a release with it, publishes it and steers the channel', async () => {
    const keyDir = await tempDir('vetdesk-keys-');
    expect((await cli((io) => runReleaseKey([keyDir], io))).code).toBe(0);
    const privateFile = path.join(keyDir, RELEASE_KEY_FILES.privateKey);
    const publicFile = path.join(keyDir, RELEASE_KEY_FILES.publicKey);
    expect((await stat(privateFile)).mode & 0o777).toBe(0o600);
    const firstPrivate = await readFile(privateFile, 'utf8');
    const again = await cli((io) => runReleaseKey([keyDir], io));
    expect(again.code).toBe(1);
    expect(again.err).toContain('refusing to overwrite');
    expect(await readFile(privateFile, 'utf8')).toBe(firstPrivate);

    // An unsigned build, as electron-builder leaves it: sign-release writes each .sig.
    const release = await makeReleaseDir('2.0.0', firstPrivate);
    folders.push(release.dir);
    for (const name of ['latest.yml.sig', 'latest-linux.yml.sig']) await rm(path.join(release.dir, name));
    const signed = await cli((io) => runSignRelease([release.dir, '--key', privateFile], io));
    expect(signed.code, signed.err).toBe(0);
    const publicKeyPem = await readFile(publicFile, 'utf8');
    const yml = await readFile(path.join(release.dir, 'latest.yml'));
    const sig = await readFile(path.join(release.dir, 'latest.yml.sig'), 'utf8');
    expect(await verifyReleaseSignature(yml, sig, publicKeyPem)).toBe(true);

    const updatesDir = await tempDir('vetdesk-updates-');
    const env = { DATABASE_URL: url(), VETDESK_UPDATES_DIR: updatesDir };
    const published = await cli((io) =>
      runPublishUpdate([release.dir, '--channel', 'beta', '--public-key', publicFile, '--notes', 'Beta'], env, io),
    );
    expect(published.code, published.err).toBe(0);
    expect(published.out).toContain('published: 2.0.0 on beta\nbeta: 2.0.0\n');
    expect((await readdir(updatesDir)).length).toBe(2);

    const rollout = await cli((io) => runReleases(['rollout', '30', '--channel', 'beta'], env, io));
    expect(rollout.code, rollout.err).toBe(0);
    const held = await cli((io) => runReleases(['hold', '--channel', 'beta'], env, io));
    expect(held.out).toContain('HELD');
    const listed = await cli((io) => runReleases(['list'], env, io));
    expect(listed.out).toMatch(/^beta: 2\.0\.0, HELD$/m);
    expect(listed.out).toMatch(/^beta {2}2\.0\.0 {2}published \S+ by cli:/m);
    expect((await cli((io) => runReleases(['rollback', '1.0.0', '--channel', 'beta'], env, io))).code).toBe(1);
    expect((await cli((io) => runReleases(['rollout', '101', '--channel', 'beta'], env, io))).code).toBe(2);
  });

  it('refuses a release signed with another key than the built-in one, exits 3 and stores nothing', async () => {
    const keyDir = await tempDir('vetdesk-keys-');
    await cli((io) => runReleaseKey([keyDir], io));
    const release = await makeReleaseDir(
      '2.0.0',
      await readFile(path.join(keyDir, RELEASE_KEY_FILES.privateKey), 'utf8'),
    );
    folders.push(release.dir);
    const updatesDir = await tempDir('vetdesk-updates-');
    const env = { DATABASE_URL: url(), VETDESK_UPDATES_DIR: updatesDir };
    const refused = await cli((io) => runPublishUpdate([release.dir, '--channel', 'stable'], env, io));
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('latest-linux.yml is not signed with the release key; nothing was published');
    expect(await readdir(updatesDir).catch(() => [])).toEqual([]);
    expect(await countRows(db(), 'update_releases')).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const env = { DATABASE_URL: url() };
    expect((await cli((io) => runPublishUpdate(['dir', '--channel', 'nightly'], env, io))).code).toBe(2);
    expect((await cli((io) => runPublishUpdate(['dir', '--channel', 'stable', '--rollout', '-5'], env, io))).code).toBe(
      2,
    );
    expect((await cli((io) => runPublishUpdate(['--channel', 'stable'], env, io))).code).toBe(2);
    expect((await cli((io) => runReleases(['hold'], env, io))).code).toBe(2);
    expect((await cli((io) => runReleases(['promote', '--channel', 'stable'], env, io))).code).toBe(2);
    expect((await cli((io) => runSignRelease(['dir'], io))).code).toBe(2);
  });
});
