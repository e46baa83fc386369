import type { PublishedRelease, UpdateChannelState } from '../../../../core/release/update-admin-wire.js';
import { CardSection } from '../../ui/card-section.js';
import { formatDateTime } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { adminFailure } from './admin-states.js';
import { channelLabel } from './channel-label.js';
import { ChannelRollback } from './channel-rollback.js';
import { ChannelRolloutForm } from './channel-rollout-form.js';
import { useAdminOperation } from './use-admin-operation.js';

/** What a channel serves now, in one badge. */
function ChannelBadge({ state }: { state: UpdateChannelState }) {
  if (state.held) return <span className="badge badge-warning">Held</span>;
  if (state.current === null) return <span className="badge">Nothing published</span>;
  return <span className="badge badge-success">Serving</span>;
}

/**
 * One update channel: its current, previous and waiting releases, rollout and hold state, and
 * the admin's actions on it (hold or resume, rollout percent, roll back).
 */
export function ChannelCard({
  state,
  releases,
}: {
  state: UpdateChannelState;
  /** The channel's releases, newest first. */
  releases: readonly PublishedRelease[];
}) {
  const hold = useAdminOperation('admin.holdChannel');
  const label = channelLabel(state.channel);
  return (
    <CardSection id={`channel-${state.channel}-title`} title={label} className="channel-card">
      <div className="stack" data-testid={`channel-${state.channel}`}>
        <div className="row-between">
          <ChannelBadge state={state} />
          <button
            type="button"
            className={`btn btn-sm ${state.held ? 'btn-primary' : ''}`.trim()}
            disabled={hold.isPending}
            aria-label={state.held ? `Resume ${label}` : `Hold ${label}`}
            onClick={() => {
              hold.mutate(
                { channel: state.channel, held: !state.held },
                {
                  onSuccess: (after) => {
                    showToast(
                      after.held
                        ? `${label} is held: workstations are offered nothing new`
                        : `${label} resumed${after.current ? `: it serves ${after.current}` : ''}`,
                      'success',
                    );
                  },
                  onError: (error) => {
                    showToast(adminFailure(error, state.held ? 'Resuming a channel' : 'Holding a channel'), 'error');
                  },
                },
              );
            }}
          >
            {state.held ? 'Resume' : 'Hold'}
          </button>
        </div>
        <dl className="details">
          <dt>Current release</dt>
          <dd data-testid="channel-current">{state.current ?? '—'}</dd>
          <dt>Previous release</dt>
          <dd data-testid="channel-previous">{state.previous ?? '—'}</dd>
          {state.pending ? (
            <>
              <dt>Waiting</dt>
              <dd>{state.pending}, served once the channel is resumed</dd>
            </>
          ) : null}
          <dt>Rollout</dt>
          <dd data-testid="channel-rollout">{state.rolloutPercent}% of devices</dd>
          <dt>Last changed</dt>
          <dd>{formatDateTime(state.updatedAt)}</dd>
        </dl>
        {/* A new state from the server (this admin's save or another's) starts the form afresh. */}
        <ChannelRolloutForm key={`${state.rolloutPercent}/${state.updatedAt}`} state={state} />
        <ChannelRollback key={state.current ?? ''} state={state} releases={releases} />
      </div>
    </CardSection>
  );
}
