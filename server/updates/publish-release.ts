import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../core/errors.js';
import {
  MANIFEST_NAME_PATTERN,
  parseReleaseManifest,
  SIGNATURE_SUFFIX,
  type ReleaseManifest,
} from '../../core/release/release-manifest.js';
import { signatureFromFile, verifyReleaseSignature } from '../../core/release/release-signature.js';
import type { UpdateChannel, UpdateChannelState } from '../../core/release/update-admin-wire.js';
import type { AuditSettings, CentralDb } from '../../db/central/connection.js';
import {
  channelForUpdate,
  channelState,
  insertRelease,
  updateChannel,
} from '../../db/central/queries/update-releases.js';
import type { ArtifactStore, StagedArtifact } from './artifact-store.js';
import { BLOCKMAP_SUFFIX, blockmapProblem, MAX_BLOCKMAP_BYTES } from './blockmap.js';
import { channelView } from './channel-admin.js';
import { afterPublish } from './channel-rules.js';

/** The largest manifest read: electron-builder's are a few hundred bytes. */
const MAX_MANIFEST_BYTES = 1_000_000;

/** What to publish and where. */
export interface PublishRequest {
  /** electron-builder's output folder: `latest*.yml`, their `.sig` files and the artifacts. */
  dir: string;
  channel: UpdateChannel;
  /** Release notes; the manifests' `releaseNotes` when absent. */
  notes?: string | undefined;
  /** Share of devices served the release at once (default 100). */
  rolloutPercent?: number | undefined;
  /** The release public key (SPKI PEM) every manifest must be signed with. */
  publicKeyPem: string;
  publishedBy: string;
  audit?: AuditSettings;
}

/** What was published. */
export interface PublishedSummary {
  version: string;
  channel: UpdateChannel;
  manifests: string[];
  /** Each artifact, with the size of its blockmap when the folder had one. */
  files: { name: string; size: number; blockmapSize: number | null }[];
  /** Served at once, or waiting because the channel is held. */
  state: 'served' | 'pending';
  /** The channel afterwards. */
  channelState: UpdateChannelState;
}

interface CheckedManifest {
  name: string;
  bytes: Buffer;
  signature: string;
  manifest: ReleaseManifest;
}

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError(ErrorCode.ReleaseInvalid, message, details);
}

/** Reads and checks one manifest: UTF-8 YAML of electron-builder's shape, signed with the release key. */
async function checkManifest(dir: string, name: string, publicKeyPem: string): Promise<CheckedManifest> {
  const bytes = await readFile(path.join(dir, name));
  if (bytes.length > MAX_MANIFEST_BYTES) throw invalid(`${name} is too large for a manifest`, { file: name });
  const manifest = parseReleaseManifest(bytes, name);
  const sigText = await readFile(path.join(dir, `${name}${SIGNATURE_SUFFIX}`), 'utf8').catch(() => undefined);
  if (sigText === undefined) {
    throw invalid(`${name}${SIGNATURE_SUFFIX} is missing: sign the release first (npm run sign-release)`, {
      file: name,
      reason: 'unsigned',
    });
  }
  const signature = signatureFromFile(sigText);
  if (signature === undefined || !(await verifyReleaseSignature(bytes, signature, publicKeyPem))) {
    throw invalid(`${name} is not signed with the release key`, { file: name, reason: 'signature' });
  }
  // Stored as text: the stored text must give back exactly the signed bytes.
  if (!Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) {
    throw invalid(`${name} is not plain UTF-8`, { file: name, reason: 'encoding' });
  }
  return { name, bytes, signature, manifest };
}

/**
 * The artifacts the manifests list (`files[]` and `path`), each once, with the sha512 and size
 * they promise.
 * @throws AppError RELEASE_INVALID when two manifests disagree about a file or their versions.
 */
function listedArtifacts(manifests: readonly CheckedManifest[]): Map<string, { sha512: string; size: number | null }> {
  const versions = new Set(manifests.map((entry) => entry.manifest.version));
  if (versions.size !== 1) {
    throw invalid(`The manifests name several versions: ${[...versions].join(', ')}`, { reason: 'versions' });
  }
  const artifacts = new Map<string, { sha512: string; size: number | null }>();
  const add = (name: string, sha512: string, size: number | null) => {
    const known = artifacts.get(name);
    if (known && (known.sha512 !== sha512 || (known.size !== null && size !== null && known.size !== size))) {
      throw invalid(`The manifests disagree about ${name}`, { file: name, reason: 'conflict' });
    }
    artifacts.set(name, { sha512, size: size ?? known?.size ?? null });
  };
  for (const { manifest } of manifests) {
    for (const file of manifest.files) add(file.url, file.sha512, file.size);
    add(manifest.path, manifest.sha512, null);
  }
  return artifacts;
}

/** An artifact copied into the store, and its blockmap when the release folder has one. */
interface StagedFile {
  artifact: StagedArtifact;
  blockmap: StagedArtifact | undefined;
}

/** Every copy a staged release holds. */
function copiesOf(staged: Map<string, StagedFile>): StagedArtifact[] {
  return [...staged.values()].flatMap(({ artifact, blockmap }) => (blockmap ? [artifact, blockmap] : [artifact]));
}

/**
 * Copies `<name>.blockmap` into the store when the folder has it. Not in any manifest, so not
 * signed: checked only to be a blockmap of this artifact (blockmap.ts says why that is enough).
 */
async function stageBlockmap(
  store: ArtifactStore,
  dir: string,
  name: string,
  artifactSize: number,
): Promise<StagedArtifact | undefined> {
  const fileName = `${name}${BLOCKMAP_SUFFIX}`;
  const source = path.join(dir, fileName);
  const info = await lstat(source).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const bad = (reason: string) => invalid(`${fileName} ${reason}`, { file: fileName, reason: 'blockmap' });
  if (info.size > MAX_BLOCKMAP_BYTES) throw bad(`is larger than ${MAX_BLOCKMAP_BYTES} bytes`);
  const bytes = await readFile(source);
  const problem = blockmapProblem(bytes, artifactSize);
  if (problem !== undefined) throw bad(`is not this artifact's blockmap: ${problem}`);
  const copy = await store.stage(source);
  if (copy.sha512Hex !== createHash('sha512').update(bytes).digest('hex')) {
    await copy.drop();
    throw bad('changed while it was published');
  }
  return copy;
}

/**
 * Copies each artifact (and its blockmap) into the store, checking what was copied against its
 * manifest.
 */
async function stageArtifacts(
  store: ArtifactStore,
  dir: string,
  artifacts: Map<string, { sha512: string; size: number | null }>,
): Promise<Map<string, StagedFile>> {
  const staged = new Map<string, StagedFile>();
  try {
    for (const [name, expected] of artifacts) {
      const source = path.join(dir, name);
      const info = await lstat(source).catch(() => undefined);
      if (!info?.isFile())
        throw invalid(`${name} is listed in a manifest but missing`, { file: name, reason: 'missing' });
      const copy = await store.stage(source);
      const entry: StagedFile = { artifact: copy, blockmap: undefined };
      staged.set(name, entry);
      if (expected.size !== null && copy.size !== expected.size) {
        throw invalid(`${name} is ${copy.size} bytes, its manifest says ${expected.size}`, {
          file: name,
          reason: 'size',
        });
      }
      if (copy.sha512Base64 !== expected.sha512) {
        throw invalid(`${name} does not match the sha512 in its manifest`, { file: name, reason: 'sha512' });
      }
      entry.blockmap = await stageBlockmap(store, dir, name, copy.size);
    }
  } catch (error) {
    await Promise.all(copiesOf(staged).map((copy) => copy.drop()));
    throw error;
  }
  return staged;
}

/**
 * Publishes electron-builder's output on a channel: every `latest*.yml` must carry a valid
 * signature by the release key and every artifact it lists must match its sha512 and size; an
 * artifact's `.blockmap`, when the folder has one, is kept with it for differential downloads.
 * Nothing is stored unless all of it checks out; then the artifacts are named in the store and
 * the release and the channel's new state are written in one transaction (served at once, or
 * pending on a held channel).
 * @throws AppError RELEASE_INVALID (what does not check out, `details.file` and `reason`;
 *   `blockmap` for a `.blockmap` that cannot be its artifact's),
 *   VALIDATION_FAILED (a manifest that is not electron-builder's), UNIQUE_VIOLATION (the
 *   channel already has this version).
 */
export async function publishRelease(
  db: CentralDb,
  store: ArtifactStore,
  request: PublishRequest,
): Promise<PublishedSummary> {
  const names = (await readdir(request.dir)).filter((name) => MANIFEST_NAME_PATTERN.test(name)).sort();
  if (names.length === 0) {
    throw invalid(`No latest*.yml in ${request.dir}: give electron-builder's output folder`, { reason: 'empty' });
  }
  const manifests: CheckedManifest[] = [];
  for (const name of names) manifests.push(await checkManifest(request.dir, name, request.publicKeyPem));
  const artifacts = listedArtifacts(manifests);
  const version = manifests[0]!.manifest.version;
  const staged = await stageArtifacts(store, request.dir, artifacts);

  const added: string[] = [];
  try {
    for (const copy of copiesOf(staged)) if (await copy.keep()) added.push(copy.sha512Hex);
    const notes =
      request.notes ?? manifests.find((entry) => entry.manifest.releaseNotes)?.manifest.releaseNotes ?? null;
    const { pending, channelState: after } = await db.transaction(
      async (tx) => {
        const releaseId = await insertRelease(tx, {
          channel: request.channel,
          version,
          notes,
          publishedBy: request.publishedBy,
          manifests: manifests.map((entry) => ({
            name: entry.name,
            body: entry.bytes.toString('utf8'),
            signature: entry.signature,
            sha512Hex: createHash('sha512').update(entry.bytes).digest('hex'),
          })),
          files: [...staged].map(([name, { artifact, blockmap }]) => ({
            name,
            sha512Hex: artifact.sha512Hex,
            size: artifact.size,
            blockmap: blockmap ? { sha512Hex: blockmap.sha512Hex, size: blockmap.size } : null,
          })),
        });
        const state = await channelForUpdate(tx, request.channel);
        await updateChannel(tx, request.channel, afterPublish(state, releaseId, request.rolloutPercent ?? 100));
        return { pending: state.held, channelState: channelView(await channelState(tx, request.channel)) };
      },
      { audit: { ...request.audit, auditContext: { action: 'update.publish', channel: request.channel, version } } },
    );
    return {
      version,
      channel: request.channel,
      manifests: names,
      files: [...staged].map(([name, { artifact, blockmap }]) => ({
        name,
        size: artifact.size,
        blockmapSize: blockmap?.size ?? null,
      })),
      state: pending ? 'pending' : 'served',
      channelState: after,
    };
  } catch (error) {
    // Only files this publish added: another release may share the rest.
    await Promise.all(copiesOf(staged).map((copy) => copy.drop()));
    await Promise.all(added.map((digest) => store.remove(digest)));
    throw error;
  }
}
