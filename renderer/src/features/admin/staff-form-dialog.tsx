import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { type z } from 'zod';
import type { StaffRow } from '../../../../core/api/views.js';
import { PASSWORD_MIN_LENGTH } from '../../../../core/auth/password-policy.js';
import { createStaffRequestSchema, updateStaffRequestSchema } from '../../../../core/auth/wire.js';
import { STAFF_ROLES } from '../../../../core/domain/enums.js';
import { ErrorCode } from '../../../../core/errors.js';
import { formProblem } from '../../api/form-problem.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { humanize } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { FormAlert, onlineOnlyProblems } from '../identity/online-only.js';
import { useAdminOperation } from './use-admin-operation.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type CreateFields = z.input<typeof createStaffRequestSchema>;
type CreateValues = z.output<typeof createStaffRequestSchema>;
/** Editing asks the same fields as creating, minus the username and the first password. */
const editSchema = createStaffRequestSchema.pick({ displayName: true, email: true, role: true });
type EditFields = z.input<typeof editSchema>;
type EditValues = z.output<typeof editSchema>;
const FIELDS = ['username', 'displayName', 'email', 'role', 'password'] as const;
/** Where the backend reports an edit's problems (`admin.updateStaff` nests them under `changes`). */
const EDIT_FIELD = {
  'changes.displayName': 'displayName',
  'changes.email': 'email',
  'changes.role': 'role',
} as const;
const EDIT_PATHS = Object.keys(EDIT_FIELD) as (keyof typeof EDIT_FIELD)[];
type Field = (typeof FIELDS)[number];
const PASSWORD_HELP = `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them in person; they can change it from their menu.`;

interface StaffFormDialogProps {
  /** The member to edit; absent: a new account. */
  member?: StaffRow;
  open: boolean;
  onClose: () => void;
}

/** Creates a staff account (with a first password) or edits a member's name, e-mail and role. */
export function StaffFormDialog({ member, open, onClose }: StaffFormDialogProps) {
  const title = member ? `Edit ${member.display_name ?? member.username ?? 'staff member'}` : 'New staff member';
  return (
    <Dialog open={open} onClose={onClose} label={title}>
      {member ? (
        <EditStaffForm member={member} title={title} onClose={onClose} />
      ) : (
        <CreateStaffForm title={title} onClose={onClose} />
      )}
    </Dialog>
  );
}

const KNOWN = {
  ...onlineOnlyProblems('Changing staff accounts'),
  [ErrorCode.UniqueViolation]: { field: 'username' as const, message: 'Someone already has this username' },
};

function CreateStaffForm({ title, onClose }: { title: string; onClose: () => void }) {
  const create = useAdminOperation('admin.createStaff');
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<CreateFields, unknown, CreateValues>({
    resolver: zodResolver(createStaffRequestSchema),
    defaultValues: { username: '', displayName: '', email: '', role: 'front_desk', password: '' },
  });
  useDirtyForm(form.formState.isDirty);
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    create.mutate(values, {
      onSuccess: (account) => {
        showToast(`${account.displayName ?? account.username} can now sign in as “${account.username}”`, 'success');
        onClose();
      },
      onError: (error) => {
        const problem = formProblem<Field>(error, FIELDS, KNOWN);
        for (const field of FIELDS) {
          const message = problem.fields[field];
          if (message) form.setError(field, { message }, { shouldFocus: true });
        }
        setAlert(problem.alert);
      },
    });
  });
  const { errors } = form.formState;
  return (
    <DialogForm
      title={title}
      onSubmit={(event) => void submit(event)}
      onCancel={onClose}
      submitLabel="Create account"
      pendingLabel="Creating…"
      pending={create.isPending}
      alert={<FormAlert message={alert} error={create.error} />}
    >
      <div className="form-grid">
        <FormField id="staff-username" label="Username" error={errors.username?.message}>
          <input
            className="input mono"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            {...describedBy('staff-username', errors.username?.message)}
            {...form.register('username')}
          />
        </FormField>
        <StaffDetailFields register={(name) => form.register(name)} errors={errors} />
        <FormField
          id="staff-password"
          label="First password"
          error={errors.password?.message}
          help={PASSWORD_HELP}
          className="span-all"
        >
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            {...describedBy('staff-password', errors.password?.message, PASSWORD_HELP)}
            {...form.register('password')}
          />
        </FormField>
      </div>
    </DialogForm>
  );
}

function EditStaffForm({ member, title, onClose }: { member: StaffRow; title: string; onClose: () => void }) {
  const update = useAdminOperation('admin.updateStaff');
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<EditFields, unknown, EditValues>({
    resolver: zodResolver(editSchema),
    defaultValues: { displayName: member.display_name ?? '', email: member.email ?? '', role: member.role },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, dirtyFields } = form.formState;
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    // Only what the admin changed: an untouched field must not undo someone else's change.
    const changes = {
      ...(dirtyFields.displayName ? { displayName: values.displayName } : {}),
      ...(dirtyFields.email ? { email: values.email ?? null } : {}),
      ...(dirtyFields.role ? { role: values.role } : {}),
    };
    if (!updateStaffRequestSchema.safeParse(changes).success) {
      onClose();
      return;
    }
    update.mutate(
      { id: member.id, changes },
      {
        onSuccess: () => {
          showToast('Staff member saved', 'success');
          onClose();
        },
        onError: (error) => {
          const problem = formProblem(error, EDIT_PATHS, onlineOnlyProblems('Changing staff accounts'));
          for (const path of EDIT_PATHS) {
            const message = problem.fields[path];
            if (message) form.setError(EDIT_FIELD[path], { message }, { shouldFocus: true });
          }
          setAlert(problem.alert);
        },
      },
    );
  });
  return (
    <DialogForm
      title={title}
      onSubmit={(event) => void submit(event)}
      onCancel={onClose}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={update.isPending}
      alert={<FormAlert message={alert} error={update.error} />}
    >
      <p className="muted">
        Username <span className="mono">{member.username ?? '—'}</span> (it does not change).
      </p>
      <div className="form-grid">
        <StaffDetailFields register={(name) => form.register(name)} errors={errors} autoFocus />
      </div>
    </DialogForm>
  );
}

type DetailForm = ReturnType<typeof useForm<EditFields, unknown, EditValues>>;
type DetailField = 'displayName' | 'email' | 'role';

/** Name, e-mail and role: the fields creating and editing share. */
function StaffDetailFields({
  register,
  errors,
  autoFocus = false,
}: {
  register: (name: DetailField) => UseFormRegisterReturn<DetailField>;
  errors: DetailForm['formState']['errors'];
  autoFocus?: boolean;
}) {
  return (
    <>
      <FormField id="staff-name" label="Name" error={errors.displayName?.message}>
        <input
          className="input"
          autoComplete="off"
          autoFocus={autoFocus}
          {...describedBy('staff-name', errors.displayName?.message)}
          {...register('displayName')}
        />
      </FormField>
      <FormField id="staff-email" label="E-mail (optional)" error={errors.email?.message}>
        <input
          className="input"
          type="email"
          autoComplete="off"
          {...describedBy('staff-email', errors.email?.message)}
          {...register('email')}
        />
      </FormField>
      <FormField id="staff-role" label="Role" error={errors.role?.message}>
        <select className="select" {...describedBy('staff-role', errors.role?.message)} {...register('role')}>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {humanize(role)}
            </option>
          ))}
        </select>
      </FormField>
    </>
  );
}
