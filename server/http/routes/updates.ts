import { createHash } from 'node:crypto';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { uuidSchema } from '../../../core/domain/values.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import {
  MANIFEST_NAME_PATTERN,
  releaseFileNameSchema,
  SIGNATURE_SUFFIX,
} from '../../../core/release/release-manifest.js';
import { UPDATE_DEVICE_HEADER, updateChannelSchema } from '../../../core/release/update-admin-wire.js';
import type { CentralDb } from '../../../db/central/connection.js';
import {
  channelBlockmap,
  channelState,
  releaseFile,
  releaseManifest,
  type StoredFile,
} from '../../../db/central/queries/update-releases.js';
import type { ArtifactStore } from '../../updates/artifact-store.js';
import { BLOCKMAP_SUFFIX } from '../../updates/blockmap.js';
import { parseRange } from '../../updates/byte-range.js';
import { servedRelease } from '../../updates/channel-rules.js';
import { multipartByteranges } from '../../updates/multipart-ranges.js';
import { sendError } from '../limits/error-reply.js';
import { parseInput } from '../parse-input.js';

export interface UpdateFeedRoutesOptions {
  db: CentralDb;
  store: ArtifactStore;
}

/** Manifests and signatures change with every publish or rollout step: always revalidated. */
const MANIFEST_CACHING = 'no-cache';
/** An artifact's name in a release never changes its bytes (the store is content-addressed). */
const ARTIFACT_CACHING = 'public, max-age=31536000, immutable';
/**
 * A blockmap's name is looked up across the channel's releases, preferring the one this device
 * is served, so what a name answers can change with a publish or rollout: revalidated each time
 * (its ETag makes that a 304 for a copy that is still right). A blockmap is a few kilobytes.
 */
const BLOCKMAP_CACHING = 'no-cache';

const feedParamsSchema = z.object({ channel: z.string(), file: releaseFileNameSchema });

function notFound(what: string): AppError {
  return new AppError(ErrorCode.NotFound, what);
}

/** The requesting device from `x-vetdesk-device`, when it names one (a UUID). */
function deviceOf(request: FastifyRequest): string | undefined {
  const parsed = uuidSchema.safeParse(request.headers[UPDATE_DEVICE_HEADER]);
  return parsed.success ? parsed.data.toLowerCase() : undefined;
}

/** Whether `If-None-Match` names `etag` (or `*`). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/** Sends a manifest or signature: small text, revalidated every time, varying by device. */
function sendText(request: FastifyRequest, reply: FastifyReply, text: string, contentType: string, etag: string) {
  void reply.headers({ etag, 'cache-control': MANIFEST_CACHING, vary: UPDATE_DEVICE_HEADER });
  if (notModified(request, etag)) return reply.status(304).send();
  return reply.header('content-type', contentType).send(text);
}

/**
 * Sends a file of the store named `file` on the feed: `ETag` (its sha512), `Accept-Ranges`, a
 * byte range (206 with `Content-Range`) or several (206 `multipart/byteranges`), 416 when none
 * starts inside the file. The caller sets `Cache-Control`.
 */
async function sendStored(
  request: FastifyRequest,
  reply: FastifyReply,
  store: ArtifactStore,
  stored: StoredFile,
  file: string,
) {
  const etag = `"${stored.sha512Hex}"`;
  void reply.headers({ etag, 'accept-ranges': 'bytes' });
  if (notModified(request, etag)) return reply.status(304).send();
  const ifRange = request.headers['if-range'];
  // A range of a file the client no longer has the same copy of would splice two files.
  const rangeHeader = ifRange === undefined || ifRange === etag ? request.headers.range : undefined;
  const range = parseRange(rangeHeader, stored.size);
  if (range.kind === 'unsatisfiable') {
    const error = new AppError(ErrorCode.RangeNotSatisfiable, `${file} has ${stored.size} bytes`, {
      size: stored.size,
    });
    void reply.removeHeader('cache-control');
    return sendError(reply.header('content-range', `bytes */${stored.size}`), error, 416);
  }
  if (range.kind === 'parts') {
    // The first part is opened before answering, so a missing file is a 500, not a cut-off 206.
    const first = await store.read(stored.sha512Hex, range.parts[0]!.start, range.parts[0]!.end);
    const multipart = multipartByteranges(range.parts, stored.size, (part, index) =>
      index === 0 ? Promise.resolve(first) : store.read(stored.sha512Hex, part.start, part.end),
    );
    void reply.status(206).headers({ 'content-type': multipart.contentType, 'content-length': multipart.length });
    return reply.send(multipart.body);
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, stored.size - 1];
  void reply.header('content-type', 'application/octet-stream').header('content-length', String(end - start + 1));
  if (range.kind === 'part') {
    void reply.status(206).header('content-range', `bytes ${start}-${end}/${stored.size}`);
  }
  if (stored.size === 0) return reply.send(Buffer.alloc(0));
  return reply.send(await store.read(stored.sha512Hex, start, end));
}

/**
 * The update feed electron-updater reads (docs/updates.md), open to anyone who can reach the
 * server (releases are not secret; their signatures make them trustworthy), rate limited per
 * address like every route:
 * - `GET /updates/:channel/latest*.yml` (and `.sig`): the manifest of the release this device
 *   is served: the channel's current release if the device (`x-vetdesk-device`) is in the
 *   rollout, else the previous one; `Cache-Control: no-cache`, `ETag`, `Vary: x-vetdesk-device`.
 * - `GET /updates/:channel/<artifact>`: an artifact of that release, with `Accept-Ranges`,
 *   byte ranges (206, `Content-Range`, or `multipart/byteranges` for several; 416 past the end),
 *   `ETag` (its sha512 in hex) and
 *   an immutable year-long `Cache-Control`.
 * - `GET /updates/:channel/<artifact>.blockmap`: that artifact's blockmap in the release this
 *   device is served or, for the version a workstation runs, any other release of the channel
 *   (differential downloads); ranges and `ETag` alike, `Cache-Control: no-cache`.
 * 404 for an unknown channel, a channel with no release, or a file the served release does
 * not have; 400 for a name that is no plain file name (so no path reaches the file system).
 */
export const updateFeedRoutes: FastifyPluginCallback<UpdateFeedRoutesOptions> = (app, { db, store }, done) => {
  app.get('/updates/:channel/:file', async (request, reply) => {
    const params = parseInput(feedParamsSchema, request.params, 'Malformed update file name');
    const channel = updateChannelSchema.safeParse(params.channel);
    if (!channel.success) throw notFound(`No update channel ${params.channel}`);
    const release = servedRelease(await channelState(db, channel.data), deviceOf(request));
    if (!release) throw notFound(`The ${channel.data} channel has no release yet`);
    const file = params.file;

    const manifestName = file.endsWith(SIGNATURE_SUFFIX) ? file.slice(0, -SIGNATURE_SUFFIX.length) : file;
    if (MANIFEST_NAME_PATTERN.test(manifestName)) {
      const manifest = await releaseManifest(db, release.id, manifestName);
      if (!manifest) throw notFound(`Release ${release.version} has no ${file}`);
      if (manifestName === file) {
        return sendText(request, reply, manifest.body, 'text/yaml; charset=utf-8', `"${manifest.sha512Hex}"`);
      }
      const signature = `${manifest.signature}\n`;
      const etag = `"${createHash('sha512').update(signature).digest('hex')}"`;
      return sendText(request, reply, signature, 'text/plain; charset=utf-8', etag);
    }

    const artifact = await releaseFile(db, release.id, file);
    if (artifact) {
      void reply.header('cache-control', ARTIFACT_CACHING);
      return sendStored(request, reply, store, artifact, file);
    }
    if (file.endsWith(BLOCKMAP_SUFFIX)) {
      const blockmap = await channelBlockmap(db, channel.data, release.id, file.slice(0, -BLOCKMAP_SUFFIX.length));
      if (blockmap) {
        void reply.headers({ 'cache-control': BLOCKMAP_CACHING, vary: UPDATE_DEVICE_HEADER });
        return sendStored(request, reply, store, blockmap, file);
      }
    }
    throw notFound(`Release ${release.version} has no ${file}`);
  });
  done();
};
