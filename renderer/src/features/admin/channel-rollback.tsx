import { useState } from 'react';
import type { PublishedRelease, UpdateChannelState } from '../../../../core/release/update-admin-wire.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatDate } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { adminFailure } from './admin-states.js';
import { channelLabel } from './channel-label.js';
import { useAdminOperation } from './use-admin-operation.js';

/**
 * Serves another release of the channel to every device at once: a select of the channel's
 * releases other than the current one (newest first) and a button that asks before it acts.
 */
export function ChannelRollback({
  state,
  releases,
}: {
  state: UpdateChannelState;
  /** The channel's releases, newest first. */
  releases: readonly PublishedRelease[];
}) {
  const choices = releases.filter((release) => release.version !== state.current);
  const [version, setVersion] = useState(choices[0]?.version ?? '');
  const [asking, setAsking] = useState(false);
  const rollback = useAdminOperation('admin.rollbackChannel');
  const label = channelLabel(state.channel);
  const id = `rollback-${state.channel}`;
  if (choices.length === 0) {
    return <p className="muted">No earlier release of {label.toLowerCase()} to roll back to.</p>;
  }
  const chosen = choices.some((release) => release.version === version) ? version : choices[0]!.version;
  return (
    <div className="channel-rollout-row">
      <div className="field">
        <label htmlFor={id}>Roll back to</label>
        <select
          id={id}
          className="select"
          value={chosen}
          onChange={(event) => {
            setVersion(event.target.value);
          }}
        >
          {choices.map((release) => (
            <option key={release.version} value={release.version}>
              {release.version} · published {formatDate(release.publishedAt)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn"
        onClick={() => {
          setAsking(true);
        }}
      >
        Roll back…
      </button>
      <ConfirmDialog
        open={asking}
        title={`Roll ${label.toLowerCase()} back to ${chosen}?`}
        confirmLabel={`Roll back to ${chosen}`}
        danger
        busy={rollback.isPending}
        onCancel={() => {
          setAsking(false);
        }}
        onConfirm={() => {
          rollback.mutate(
            { channel: state.channel, version: chosen },
            {
              onSuccess: () => {
                showToast(`${label} now serves ${chosen} to every device`, 'success');
              },
              onError: (error) => {
                showToast(adminFailure(error, 'Rolling back'), 'error');
              },
              onSettled: () => {
                setAsking(false);
              },
            },
          );
        }}
      >
        <p>
          Every workstation on the {label.toLowerCase()} channel is offered {chosen} at its next check, at once: a
          staged rollout under way ends. Workstations already on a newer version keep it unless their updater allows
          going back.
        </p>
      </ConfirmDialog>
    </div>
  );
}
