import { useState } from 'react';
import { ErrorCode } from '../../../../core/errors.js';
import { rolloutPercentSchema, type UpdateChannelState } from '../../../../core/release/update-admin-wire.js';
import { formProblem } from '../../api/form-problem.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { showToast } from '../../ui/toast-store.js';
import { FormAlert, onlineOnlyProblems } from '../identity/online-only.js';
import { channelLabel } from './channel-label.js';
import { useAdminOperation } from './use-admin-operation.js';

const OUT_OF_RANGE = 'Give a whole percent from 0 to 100.';

/**
 * The share of devices a channel serves its current release to: a number from 0 to 100 and
 * Save. A value out of range is refused here; the server's refusals (a held channel, the
 * connection) show under the field or as the form's alert.
 */
export function ChannelRolloutForm({ state }: { state: UpdateChannelState }) {
  const [value, setValue] = useState(String(state.rolloutPercent));
  const [localError, setLocalError] = useState<string | undefined>();
  const save = useAdminOperation('admin.setRollout');
  const id = `rollout-${state.channel}`;
  const label = channelLabel(state.channel);
  const problem = save.isError
    ? formProblem(save.error, ['percent'], {
        ...onlineOnlyProblems('Changing the rollout'),
        [ErrorCode.ChannelHeld]: {
          field: 'percent',
          message: `${label} is held: resume it before changing the rollout.`,
        },
      })
    : { fields: {}, alert: null };
  const error = localError ?? problem.fields.percent;
  const help = 'Devices outside the rollout keep getting the previous release.';
  return (
    <form
      className="stack-sm"
      aria-label={`${label} rollout`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const percent = rolloutPercentSchema.safeParse(value.trim() === '' ? Number.NaN : Number(value));
        if (!percent.success) {
          setLocalError(OUT_OF_RANGE);
          return;
        }
        setLocalError(undefined);
        save.mutate(
          { channel: state.channel, percent: percent.data },
          {
            onSuccess: (after) => {
              setValue(String(after.rolloutPercent));
              showToast(`${label} now goes to ${after.rolloutPercent}% of devices`, 'success');
            },
          },
        );
      }}
    >
      <div className="channel-rollout-row">
        <FormField id={id} label="Rollout, % of devices" error={error} className="channel-percent-field">
          <input
            {...describedBy(id, error, help)}
            className="input channel-percent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setLocalError(undefined);
              save.reset();
            }}
          />
        </FormField>
        <button
          type="submit"
          className="btn"
          disabled={save.isPending || value === String(state.rolloutPercent)}
          aria-label={`Save ${label} rollout`}
        >
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      {/* Under the row rather than inside the field, so Save stays beside the number. */}
      {error ? null : (
        <span id={`${id}-help`} className="field-help">
          {help}
        </span>
      )}
      <FormAlert message={problem.alert} error={save.error} />
    </form>
  );
}
