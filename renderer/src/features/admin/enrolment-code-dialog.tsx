import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { EnrolmentCodeResponse } from '../../../../core/auth/wire.js';
import { createEnrolmentCodeRequestSchema } from '../../../../core/auth/wire.js';
import { formProblem } from '../../api/form-problem.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatDateTime } from '../../ui/format.js';
import { FormAlert, onlineOnlyProblems } from '../identity/online-only.js';
import { useAdminOperation } from './use-admin-operation.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type CodeFields = z.input<typeof createEnrolmentCodeRequestSchema>;
type CodeValues = z.output<typeof createEnrolmentCodeRequestSchema>;
const FIELDS = ['deviceName', 'hours'] as const;
const HOURS_HELP = '1 to 168 (a week); 24 unless you need longer.';

/**
 * A one-time enrolment code for a new workstation: asks its name and how long the code lasts,
 * then shows the code once, large, with a copy button (the server keeps only its hash).
 */
export function EnrolmentCodeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<EnrolmentCodeResponse | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} label="New enrolment code">
      {created ? <CodeShown code={created} onClose={close} /> : <CodeForm onCreated={setCreated} onClose={close} />}
    </Dialog>
  );
}

function CodeForm({ onCreated, onClose }: { onCreated: (code: EnrolmentCodeResponse) => void; onClose: () => void }) {
  const create = useAdminOperation('admin.createEnrolmentCode');
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<CodeFields, unknown, CodeValues>({
    resolver: zodResolver(createEnrolmentCodeRequestSchema),
    defaultValues: { deviceName: '', hours: 24 },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    create.mutate(values, {
      onSuccess: onCreated,
      onError: (error) => {
        const problem = formProblem(error, FIELDS, onlineOnlyProblems('Creating an enrolment code'));
        for (const field of FIELDS) {
          const message = problem.fields[field];
          if (message) form.setError(field, { message }, { shouldFocus: true });
        }
        setAlert(problem.alert);
      },
    });
  });
  return (
    <DialogForm
      title="New enrolment code"
      onSubmit={(event) => void submit(event)}
      onCancel={onClose}
      submitLabel="Create code"
      pendingLabel="Creating…"
      pending={create.isPending}
      alert={<FormAlert message={alert} error={create.error} />}
    >
      <p className="muted">
        On the new workstation's first start, enter this server's address and the code. It works once.
      </p>
      <FormField id="code-device-name" label="Workstation name" error={errors.deviceName?.message}>
        <input
          className="input"
          autoComplete="off"
          placeholder="Front desk 2"
          autoFocus
          {...describedBy('code-device-name', errors.deviceName?.message)}
          {...form.register('deviceName')}
        />
      </FormField>
      <FormField id="code-hours" label="Valid for (hours)" error={errors.hours?.message} help={HOURS_HELP}>
        <input
          className="input"
          type="number"
          min={1}
          max={168}
          step={1}
          inputMode="numeric"
          {...describedBy('code-hours', errors.hours?.message, HOURS_HELP)}
          {...form.register('hours', { valueAsNumber: true })}
        />
      </FormField>
    </DialogForm>
  );
}

function CodeShown({ code, onClose }: { code: EnrolmentCodeResponse; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  // The new workstation asks for the server's address too: the one this workstation uses.
  const identity = useApiQuery('identity.state', {});
  const enrolment = identity.data?.enrolment;
  const serverUrl = enrolment?.state === 'enrolled' ? enrolment.serverUrl : null;
  return (
    <div className="dialog-body">
      <h2>Enrolment code for {code.deviceName}</h2>
      <p
        className="enrolment-code mono"
        data-testid="enrolment-code"
        aria-label={`Code ${code.code.split('').join(' ')}`}
      >
        {code.code}
      </p>
      {serverUrl ? (
        <dl className="details">
          <dt>Server address</dt>
          <dd className="mono enrolment-server" data-testid="enrolment-server">
            {serverUrl}
          </dd>
        </dl>
      ) : null}
      <p className="muted">Reading it out: 0 is always zero and 1 always one (codes have no O, I or L).</p>
      <p>
        Valid once, until <strong>{formatDateTime(code.expiresAt)}</strong>. Write it down or copy it now:{' '}
        <strong>it is not shown again.</strong>
      </p>
      <p role="status" className="muted">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copying was not allowed here; write the code down.' : ''}
      </p>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            navigator.clipboard.writeText(code.code).then(
              () => {
                setCopied('yes');
              },
              () => {
                setCopied('failed');
              },
            );
          }}
        >
          Copy code
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
