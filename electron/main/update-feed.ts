import { serverAddressProblem } from '../../core/auth/server-address.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { UpdateChannel } from '../../core/release/update-channel.js';

/**
 * The update feed of `channel` on the central server: `<server>/updates/<channel>/`, where
 * electron-updater's generic provider finds the channel file and the artifacts.
 *
 * Only https, or plain http to this computer: a feed anyone on the network can answer for
 * would at best be refused by the signature check after a wasted download, and at worst
 * reveal which version each workstation runs. Unlike the sync connection, the development
 * switch for plain http does not apply here.
 * @throws AppError UPDATE_FEED_INSECURE for any other address.
 */
export function updateFeedUrl(serverUrl: string, channel: UpdateChannel): string {
  const problem = serverAddressProblem(serverUrl);
  if (problem !== undefined) {
    throw new AppError(ErrorCode.UpdateFeedInsecure, `No automatic updates from ${serverUrl}: ${problem}`, {
      serverUrl,
    });
  }
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  return new URL(`updates/${channel}/`, base).toString();
}

/**
 * The channel file electron-updater reads on this platform (its generic provider's naming):
 * `latest.yml` on Windows, `latest-mac.yml` on macOS, `latest-linux.yml` on 64-bit Intel Linux
 * and `latest-linux-<arch>.yml` on other Linux machines.
 */
export function channelFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  return 'latest.yml';
}

/** electron-updater's generic provider settings (its `GenericServerOptions`) for a feed. */
export interface FeedProviderOptions {
  provider: 'generic';
  url: string;
  useMultipleRangeRequest: false;
}

/**
 * The provider settings the updater is given for `feedUrl`. A differential download asks for the
 * changed blocks one range per request: electron-updater's default puts up to a thousand ranges
 * in one request and needs a multipart/byteranges answer, which the feed gives but a proxy or
 * cache in front of the server may drop or mangle (the download would then fall back to fetching
 * everything). These settings replace those of app-update.yml, so electron-builder.yml's publish
 * settings say the same.
 */
export function feedProviderOptions(feedUrl: string): FeedProviderOptions {
  return { provider: 'generic', url: feedUrl, useMultipleRangeRequest: false };
}
