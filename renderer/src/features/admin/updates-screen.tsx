import type {
  PublishedRelease,
  UpdateChannel,
  UpdateChannelState,
} from '../../../../core/release/update-admin-wire.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatDateTime } from '../../ui/format.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { AdminHeader } from './admin-header.js';
import { AdminError } from './admin-states.js';
import { ReloadButton } from './reload-button.js';
import { AdminTable } from './admin-table.js';
import { ChannelCard } from './channel-card.js';
import { channelLabel } from './channel-label.js';

const CHANNEL_ORDER: readonly UpdateChannel[] = ['stable', 'beta'];

/** Who published a release: the server command names the account it ran as (`cli:alice`). */
function publisher(publishedBy: string): string {
  return publishedBy.startsWith('cli:') ? `${publishedBy.slice(4)} (server command)` : publishedBy;
}

/** What a release is on its channel now, if anything. */
function ReleaseRole({ release, channel }: { release: PublishedRelease; channel: UpdateChannelState | undefined }) {
  if (channel?.current === release.version) return <span className="badge badge-success">Current</span>;
  if (channel?.pending === release.version) return <span className="badge badge-warning">Waiting</span>;
  if (channel?.previous === release.version) return <span className="badge">Previous</span>;
  return null;
}

/**
 * Admin: the update feed the central server offers workstations (docs/updates.md). Each channel
 * with its releases and the admin's controls, then every release, newest first. Online only:
 * channels live on the server, never on workstations.
 */
export function UpdatesScreen() {
  const overview = useApiQuery('admin.updates', {});
  // Stable first: the channel most workstations follow.
  const channels = [...(overview.data?.channels ?? [])].sort(
    (a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel),
  );
  const releases = overview.data?.releases ?? [];
  return (
    <div className="stack">
      <AdminHeader
        current="admin-updates"
        subtitle="New versions of VetDesk the practice's server offers its workstations, by channel."
      >
        <ReloadButton query={overview} />
      </AdminHeader>
      {overview.isPending ? <Skeleton lines={6} block /> : null}
      {overview.isError ? (
        <AdminError error={overview.error} onRetry={() => void overview.refetch()} action="Managing updates" />
      ) : null}
      {overview.data && releases.length === 0 ? (
        <EmptyState title="No release published yet">
          Releases are published on the server machine, from the signed output of a release build:{' '}
          <code>npm run publish-update -- &lt;folder&gt; --channel stable</code>. See docs/updates.md.
        </EmptyState>
      ) : null}
      {channels.length > 0 ? (
        <div className="channel-grid">
          {channels.map((state) => (
            <ChannelCard
              key={state.channel}
              state={state}
              releases={releases.filter((release) => release.channel === state.channel)}
            />
          ))}
        </div>
      ) : null}
      {releases.length > 0 ? (
        <AdminTable
          id="releases-title"
          title="Releases"
          count={releases.length}
          columns={['Version', 'Channel', 'Published', 'Notes']}
          actions={false}
        >
          {releases.map((release) => (
            <tr key={`${release.channel}/${release.version}`} data-testid="release-row">
              <th scope="row" className="admin-name">
                {release.version}{' '}
                <ReleaseRole
                  release={release}
                  channel={channels.find((channel) => channel.channel === release.channel)}
                />
              </th>
              <td>{channelLabel(release.channel)}</td>
              <td className="release-published">
                {formatDateTime(release.publishedAt)}
                <span className="admin-id">by {publisher(release.publishedBy)}</span>
              </td>
              <td className="release-notes">{release.notes ?? <span className="muted">No notes</span>}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </div>
  );
}
