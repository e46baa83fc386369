import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap.js';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor.js';
import { CancellationToken, type BlockMap, type UpdateInfo } from 'builder-util-runtime';
import type { AppUpdater } from 'electron-updater';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader.js';
import type { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';
import { createClient } from 'electron-updater/out/providerFactory.js';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { feedProviderOptions } from '../../../electron/main/update-feed.js';
import { buildApp } from '../../../server/http/app.js';
import { ArtifactStore } from '../../../server/updates/artifact-store.js';
import { publishRelease } from '../../../server/updates/publish-release.js';
import { generateReleaseKeyPair } from '../../../server/updates/release-keys.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { artifactBytes, makeReleaseDir, manifestText, writeSignedManifest } from '../../helpers/release-fixtures.js';
import { countRows } from '../../helpers/sync-fixtures.js';

// Differential downloads end to end (docs/updates.md): releases with the blockmaps
// electron-builder writes (made by electron-builder's own blockmap code), published and served
// by the feed, downloaded by electron-updater's own provider and differential downloader over
// HTTP, with the provider settings the workstation updater uses.

const keys = generateReleaseKeyPair();

/** electron-builder's Node HTTP client, recording the Range header of every request it makes. */
class RecordingExecutor extends NodeHttpExecutor {
  readonly ranges: string[] = [];

  // Typed loosely upstream (`options: any`); this override only reads the headers.
  override createRequest(options: { headers?: Record<string, unknown> }, callback: (response: unknown) => void) {
    const range = options.headers?.['range'] ?? options.headers?.['Range'];
    if (typeof range === 'string') this.ranges.push(range);
    return super.createRequest(options, callback);
  }
}

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The Windows installer of a test release and its blockmap, as electron-builder leaves them. */
interface BlockmappedRelease {
  dir: string;
  name: string;
  bytes: Buffer;
}

/** The next version's installer: the old one with a block changed, bytes inserted and a tail. */
function nextInstaller(old: Buffer): Buffer {
  const changed = Buffer.from(old);
  artifactBytes('changed', 4_000).copy(changed, 300_000);
  return Buffer.concat([
    changed.subarray(0, 600_000),
    artifactBytes('inserted', 3_000),
    changed.subarray(600_000),
    artifactBytes('tail', 20_000),
  ]);
}

describe.each(CENTRAL_BACKENDS)('differential downloads from the update feed on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  let updatesDir: string;
  const cleanup: string[] = [];

  afterEach(async () => {
    // A failed differential download can leave an answer unread: drop its connection.
    app?.server.closeAllConnections();
    await app?.close();
    app = undefined;
    await Promise.all(cleanup.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    cleanup.push(dir);
    return dir;
  }

  async function server(): Promise<FastifyInstance> {
    if (app) return app;
    updatesDir = await tempDir('vetdesk-updates-');
    app = buildApp({ db: db(), version: 'test', logLevel: 'silent', updatesDir });
    return app;
  }

  /** A signed release of one Windows installer, with its blockmap unless `blockmap` is false. */
  async function release(version: string, bytes: Buffer, blockmap = true): Promise<BlockmappedRelease> {
    const dir = await tempDir('vetdesk-release-');
    const name = `VetDesk-Setup-${version}.exe`;
    await writeFile(path.join(dir, name), bytes);
    if (blockmap) await buildBlockMap(path.join(dir, name), 'gzip', path.join(dir, `${name}.blockmap`));
    await writeSignedManifest(dir, 'latest.yml', manifestText(version, [{ name, bytes }]), keys.privateKeyPem);
    return { dir, name, bytes };
  }

  async function publish(made: { dir: string }, rolloutPercent = 100) {
    await server();
    return publishRelease(db(), new ArtifactStore(updatesDir), {
      dir: made.dir,
      channel: 'stable',
      rolloutPercent,
      publicKeyPem: keys.publicKeyPem,
      publishedBy: 'cli:test',
    });
  }

  /**
   * What electron-updater does on a Windows workstation running `old` (AppUpdater's
   * differentialDownloadInstaller): reads the channel file, fetches the new and the old
   * blockmap from the feed, then downloads only the changed blocks beside the old installer.
   * @returns the assembled file's bytes and the ranges it asked for.
   */
  async function differentialDownload(
    base: string,
    old: BlockmappedRelease,
    options: { providerSettings?: object; oldBytes?: Buffer } = {},
  ): Promise<{ bytes: Buffer; ranges: string[] }> {
    const executor = new RecordingExecutor();
    const headers = { 'x-vetdesk-device': newId() };
    const settings = options.providerSettings ?? feedProviderOptions(`${base}/updates/stable/`);
    // The provider reads only `channel` and `isAddNoCacheQuery` of the updater, and calls only
    // `request` and `createRequest` on the executor, which Electron's net module would carry.
    const updater = { channel: null, isAddNoCacheQuery: false } as unknown as AppUpdater;
    const provider = createClient(settings as Parameters<typeof createClient>[0], updater, {
      isUseMultipleRangeRequest: true,
      platform: 'win32',
      executor: executor as unknown as ElectronHttpExecutor,
    });
    provider.setRequestHeaders(headers);
    const info: UpdateInfo = await provider.getLatestVersion();
    const [file] = provider.resolveFiles(info);
    const [oldMapUrl, newMapUrl] = await provider.getBlockMapFiles(file!.url, '1.3.0', info.version);
    const cancellationToken = new CancellationToken();
    const blockMap = async (url: URL): Promise<BlockMap> =>
      JSON.parse(
        gunzipSync(await executor.downloadToBuffer(url, { headers, cancellationToken })).toString(),
      ) as BlockMap;
    const [oldMap, newMap] = [await blockMap(oldMapUrl!), await blockMap(newMapUrl!)];

    const workstation = await tempDir('vetdesk-workstation-');
    const oldFile = path.join(workstation, 'installer.exe');
    await writeFile(oldFile, options.oldBytes ?? old.bytes);
    const newFile = path.join(workstation, 'update.exe');
    executor.ranges.length = 0;
    await new GenericDifferentialDownloader(file!.info, executor as unknown as ElectronHttpExecutor, {
      newUrl: file!.url,
      oldFile,
      newFile,
      logger: quietLogger,
      isUseMultipleRangeRequest: provider.isUseMultipleRangeRequest,
      requestHeaders: headers,
      cancellationToken,
    }).download(oldMap, newMap);
    return { bytes: await readFile(newFile), ranges: executor.ranges };
  }

  async function twoReleases() {
    const old = await release('1.3.0', artifactBytes('installer', 1_000_000));
    const next = await release('1.4.0', nextInstaller(old.bytes));
    await publish(old);
    await publish(next);
    return { old, next, base: await (await server()).listen({ host: '127.0.0.1', port: 0 }) };
  }

  it('serves the blockmaps of the current and earlier releases; a workstation fetches only changed blocks', async () => {
    const { old, next, base } = await twoReleases();
    for (const made of [old, next]) {
      const reply = await app!.inject({ method: 'GET', url: `/updates/stable/${made.name}.blockmap` });
      expect(reply.statusCode).toBe(200);
      const published = await readFile(path.join(made.dir, `${made.name}.blockmap`));
      expect(reply.rawPayload.equals(published)).toBe(true);
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['etag']).toBe(`"${createHash('sha512').update(published).digest('hex')}"`);
      expect(reply.headers['vary']).toBe('x-vetdesk-device');
      const again = await app!.inject({
        method: 'GET',
        url: `/updates/stable/${made.name}.blockmap`,
        headers: { 'if-none-match': reply.headers['etag'] as string },
      });
      expect(again.statusCode).toBe(304);
    }

    const { bytes, ranges } = await differentialDownload(base, old);
    expect(bytes.equals(next.bytes)).toBe(true);
    // Several requests, each for one range, together far less than the installer.
    expect(ranges.length).toBeGreaterThan(1);
    let fetched = 0;
    for (const range of ranges) {
      const match = /^bytes=(\d+)-(\d+)$/.exec(range);
      expect(match, range).not.toBeNull();
      fetched += Number(match![2]) - Number(match![1]) + 1;
    }
    expect(fetched).toBeLessThan(next.bytes.length / 4);
  });

  it("also serves electron-updater's default, many ranges per request, as multipart/byteranges", async () => {
    // Workstations built before `useMultipleRangeRequest: false` ask this way.
    const { old, next, base } = await twoReleases();
    const defaults = { provider: 'generic', url: `${base}/updates/stable/` };
    const { bytes, ranges } = await differentialDownload(base, old, { providerSettings: defaults });
    expect(bytes.equals(next.bytes)).toBe(true);
    expect(ranges.some((range) => range.includes(','))).toBe(true);

    // The answer itself, part by part (RFC 9110 §14.6).
    const reply = await app!.inject({ url: `/updates/stable/${next.name}`, headers: { range: 'bytes=0-9, 500-599' } });
    expect(reply.statusCode).toBe(206);
    expect(reply.headers['content-length']).toBe(String(reply.rawPayload.length));
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(reply.headers['content-type'] as string)![1]!;
    const size = next.bytes.length;
    const expected = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-9/${size}\r\n\r\n`,
      ),
      next.bytes.subarray(0, 10),
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 500-599/${size}\r\n\r\n`,
      ),
      next.bytes.subarray(500, 600),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(reply.rawPayload.equals(expected)).toBe(true);
  });

  it("a blockmap that does not describe the workstation's installer fails the download, never assembles another file", async () => {
    const { old, base } = await twoReleases();
    // The workstation's installer is not the one the old blockmap describes (same size).
    const other = artifactBytes('another installer', old.bytes.length);
    await expect(differentialDownload(base, old, { oldBytes: other })).rejects.toMatchObject({
      code: 'ERR_CHECKSUM_MISMATCH',
    });
  });

  it('publishes a release without blockmaps (404 for them) and refuses a blockmap of another file', async () => {
    const plain = await makeReleaseDir('1.0.0', keys.privateKeyPem);
    cleanup.push(plain.dir);
    expect(await publish(plain)).toMatchObject({ version: '1.0.0', state: 'served' });
    const [installer] = plain.artifacts;
    expect((await app!.inject({ url: `/updates/stable/${installer!.name}.blockmap` })).statusCode).toBe(404);
    expect((await app!.inject({ url: '/updates/stable/..%2Flatest.yml.blockmap' })).statusCode).toBe(400);

    const before = { rows: await countRows(db(), 'update_releases'), files: await readdir(updatesDir) };
    const wrong = await release('1.1.0', artifactBytes('installer 1.1.0', 200_000));
    const elsewhere = await release('9.9.9', artifactBytes('some other file', 150_000));
    await writeFile(
      path.join(wrong.dir, `${wrong.name}.blockmap`),
      await readFile(path.join(elsewhere.dir, `${elsewhere.name}.blockmap`)),
    );
    await expect(publish(wrong)).rejects.toMatchObject({
      code: ErrorCode.ReleaseInvalid,
      details: { file: `${wrong.name}.blockmap`, reason: 'blockmap' },
    });
    await writeFile(path.join(wrong.dir, `${wrong.name}.blockmap`), 'not gzip');
    await expect(publish(wrong)).rejects.toMatchObject({ details: { reason: 'blockmap' } });
    expect({ rows: await countRows(db(), 'update_releases'), files: await readdir(updatesDir) }).toEqual(before);
  });
});
