import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { API } from '../../../../core/api/contract.js';
import { PASSWORD_MIN_LENGTH } from '../../../../core/auth/password-policy.js';
import { ErrorCode } from '../../../../core/errors.js';
import { useClient } from '../../api/client-context.js';
import { formProblem } from '../../api/form-problem.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { showToast } from '../../ui/toast-store.js';
import { FormAlert, onlineOnlyProblems } from './online-only.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

/** The contract's input plus the repeated new password, which only the form needs. */
const changePasswordForm = API['session.changePassword'].input
  .extend({ confirmPassword: z.string() })
  .refine((value) => value.confirmPassword === value.newPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords differ',
  });
type ChangePasswordFields = z.input<typeof changePasswordForm>;
type ChangePasswordValues = z.output<typeof changePasswordForm>;
const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** The signed-in person changes their own password (online only; the policy is core's). */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} label="Change password">
      <ChangePasswordForm onClose={onClose} />
    </Dialog>
  );
}

function ChangePasswordForm({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const change = useMutation({
    mutationFn: (values: ChangePasswordValues) =>
      client['session.changePassword']({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
  });
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<ChangePasswordFields, unknown, ChangePasswordValues>({
    resolver: zodResolver(changePasswordForm),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    change.mutate(values, {
      onSuccess: () => {
        showToast('Password changed. Use the new one from now on, here and on other workstations.', 'success');
        onClose();
      },
      onError: (error) => {
        const problem = formProblem(error, FIELDS, {
          ...onlineOnlyProblems('Changing your password'),
          [ErrorCode.SignInFailed]: { field: 'currentPassword', message: 'This is not your current password' },
        });
        for (const field of FIELDS) {
          const message = problem.fields[field];
          if (message) form.setError(field, { message }, { shouldFocus: true });
        }
        setAlert(problem.alert);
      },
    });
  });
  const field = (name: (typeof FIELDS)[number], label: string, autoComplete: string, help?: string) => (
    <FormField id={`password-${name}`} label={label} error={errors[name]?.message} help={help}>
      <input
        className="input"
        type="password"
        autoComplete={autoComplete}
        autoFocus={name === 'currentPassword'}
        {...describedBy(`password-${name}`, errors[name]?.message, help)}
        {...form.register(name)}
      />
    </FormField>
  );
  return (
    <DialogForm
      title="Change password"
      onSubmit={(event) => void submit(event)}
      onCancel={onClose}
      submitLabel="Change password"
      pendingLabel="Changing…"
      pending={change.isPending}
      alert={<FormAlert message={alert} error={change.error} />}
    >
      {field('currentPassword', 'Current password', 'current-password')}
      {field(
        'newPassword',
        'New password',
        'new-password',
        `At least ${PASSWORD_MIN_LENGTH} characters; a few words make a good one.`,
      )}
      {field('confirmPassword', 'New password again', 'new-password')}
    </DialogForm>
  );
}
