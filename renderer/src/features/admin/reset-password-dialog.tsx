import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { StaffRow } from '../../../../core/api/views.js';
import { PASSWORD_MIN_LENGTH } from '../../../../core/auth/password-policy.js';
import { resetPasswordRequestSchema } from '../../../../core/auth/wire.js';
import { formProblem } from '../../api/form-problem.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { showToast } from '../../ui/toast-store.js';
import { FormAlert, onlineOnlyProblems } from '../identity/online-only.js';
import { useAdminOperation } from './use-admin-operation.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type ResetFields = z.input<typeof resetPasswordRequestSchema>;
type ResetValues = z.output<typeof resetPasswordRequestSchema>;

/** An admin sets a new password for someone; their sessions end on every workstation. */
export function ResetPasswordDialog({
  member,
  open,
  onClose,
}: {
  member: StaffRow;
  open: boolean;
  onClose: () => void;
}) {
  const name = member.display_name ?? member.username ?? 'this staff member';
  return (
    <Dialog open={open} onClose={onClose} label={`Reset ${name}'s password`}>
      <ResetPasswordForm member={member} name={name} onClose={onClose} />
    </Dialog>
  );
}

function ResetPasswordForm({ member, name, onClose }: { member: StaffRow; name: string; onClose: () => void }) {
  const reset = useAdminOperation('admin.resetPassword');
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<ResetFields, unknown, ResetValues>({
    resolver: zodResolver(resetPasswordRequestSchema),
    defaultValues: { newPassword: '' },
  });
  useDirtyForm(form.formState.isDirty);
  const error = form.formState.errors.newPassword?.message;
  const help = `At least ${PASSWORD_MIN_LENGTH} characters.`;
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    reset.mutate(
      { id: member.id, newPassword: values.newPassword },
      {
        onSuccess: () => {
          showToast(`${name}'s password was reset; they sign in with the new one.`, 'success');
          onClose();
        },
        onError: (failure) => {
          const problem = formProblem(failure, ['newPassword'] as const, onlineOnlyProblems('Resetting a password'));
          if (problem.fields.newPassword) form.setError('newPassword', { message: problem.fields.newPassword });
          setAlert(problem.alert);
        },
      },
    );
  });
  return (
    <DialogForm
      title={`Reset ${name}'s password`}
      onSubmit={(event) => void submit(event)}
      onCancel={onClose}
      submitLabel="Reset password"
      pendingLabel="Resetting…"
      pending={reset.isPending}
      danger
      alert={<FormAlert message={alert} error={reset.error} />}
    >
      <p>
        They are signed out on every workstation and sign in again with the new password; changes they already made
        still sync. Give them the new password in person.
      </p>
      <FormField id="reset-password" label="New password" error={error} help={help}>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          autoFocus
          {...describedBy('reset-password', error, help)}
          {...form.register('newPassword')}
        />
      </FormField>
    </DialogForm>
  );
}
