import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RejectionView } from '../../../../core/api/views.js';
import { findMutation } from '../../../../core/mutations/registry.js';
import { useClient } from '../../api/client-context.js';
import { errorMessage } from '../../api/errors.js';
import { fieldErrors } from '../../api/field-errors.js';
import { Dialog } from '../../ui/dialog.js';
import { humanize } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { FormField, describedBy } from '../../ui/form-field.js';
import { type EditableField, editableFields, withEdits } from './rejection-fields.js';

interface RejectionEditDialogProps {
  rejection: RejectionView;
  open: boolean;
  onClose: () => void;
}

/**
 * Corrects a refused change and sends it again: the workstation checks the new values against
 * the change's shared schema, so a wrong value is named under its field and nothing is lost.
 */
export function RejectionEditDialog({ rejection, open, onClose }: RejectionEditDialogProps) {
  // The form is the dialog's child so it only lives while open: Cancel drops the edits and the
  // last answer, and opening it again starts from the change as it was refused.
  return (
    <Dialog open={open} onClose={onClose} label="Edit and send again" wide>
      <RejectionEditForm rejection={rejection} onClose={onClose} />
    </Dialog>
  );
}

function RejectionEditForm({ rejection, onClose }: Omit<RejectionEditDialogProps, 'open'>) {
  const client = useClient();
  const queryClient = useQueryClient();
  const schema = findMutation(rejection.name)?.args;
  const fields = editableFields(rejection.args, schema);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const send = useMutation({
    mutationFn: () => client['rejections.retry']({ id: rejection.id, args: withEdits(rejection.args, edits, schema) }),
    onSuccess: async () => {
      showToast('Corrected and sent again', 'success');
      onClose();
      await queryClient.invalidateQueries();
    },
  });
  const errors = send.error ? fieldErrors(send.error) : {};
  const unplaced = send.error && Object.keys(errors).every((key) => !fields.some((field) => field.key === key));
  const idFor = (key: string) => `rejection-${rejection.id}-${key.replaceAll('.', '-')}`;
  return (
    <form
      className="dialog-body"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <h2>Edit and send again</h2>
      <p className="alert-banner">{rejection.error?.message ?? 'The server refused this change.'}</p>
      {fields.length === 0 ? <p className="muted">This change has no values that can be edited here.</p> : null}
      {fields.map((field, index) => {
        const id = idFor(field.key);
        const value = edits[field.key] ?? field.text;
        const onChange = (text: string) => {
          setEdits((current) => ({ ...current, [field.key]: text }));
        };
        return (
          <FormField key={field.key} id={id} label={humanize(field.name)} error={errors[field.key]}>
            <FieldControl
              field={field}
              id={id}
              value={value}
              error={errors[field.key]}
              autoFocus={index === 0}
              onChange={onChange}
            />
          </FormField>
        );
      })}
      {unplaced ? (
        <p role="alert" className="field-error">
          {errorMessage(send.error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={send.isPending || fields.length === 0}>
          Send again
        </button>
      </div>
    </form>
  );
}

interface FieldControlProps {
  field: EditableField;
  id: string;
  value: string;
  error: string | undefined;
  autoFocus: boolean;
  onChange: (text: string) => void;
}

/** The control for one field: a list for the schema's choices, a text area for long text. */
function FieldControl({ field, id, value, error, autoFocus, onChange }: FieldControlProps) {
  const common = { ...describedBy(id, error), className: 'input', value, autoFocus };
  if (field.kind === 'choice') {
    return (
      <select
        {...common}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {field.nullable || value === '' ? <option value="">—</option> : null}
        {(field.choices ?? []).map((choice) => (
          <option key={choice} value={choice}>
            {humanize(choice)}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === 'long-text') {
    return (
      <textarea
        {...common}
        rows={4}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    );
  }
  return (
    <input
      {...common}
      inputMode={field.kind === 'number' ? 'decimal' : undefined}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    />
  );
}
