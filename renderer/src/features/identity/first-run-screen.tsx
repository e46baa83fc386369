import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { API } from '../../../../core/api/contract.js';
import { serverAddressProblem } from '../../../../core/auth/server-address.js';
import { ErrorCode } from '../../../../core/errors.js';
import { formProblem } from '../../api/form-problem.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { useIdentityChange } from './identity-cache.js';
import { IdentityLayout } from './identity-layout.js';

const enrolInput = API['setup.enrol'].input;
type EnrolFields = z.input<typeof enrolInput>;
type EnrolValues = z.output<typeof enrolInput>;
const FIELDS = ['serverUrl', 'code', 'deviceName'] as const;
const CODE_HELP =
  'Letters and digits, as ABCDE-FGHJK (0 is always zero, 1 always one); dashes and spaces do not matter. A code works once.';
const NAME_HELP = 'Empty: the name the admin gave the code.';

/** The address hint (a warning, not a refusal): whether plain http is allowed is the workstation's call. */
function addressHint(address: string): string | undefined {
  if (!/^http:\/\//i.test(address.trim())) return undefined;
  return serverAddressProblem(address) === undefined
    ? undefined
    : 'Plain http is refused except to this computer: use the https:// address your admin gave you.';
}

/**
 * First start: the central server's address and the one-time enrolment code an admin made for
 * this workstation (and, optionally, its name). Errors go under the field they concern.
 */
export function FirstRunScreen() {
  const enrol = useIdentityChange('setup.enrol');
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<EnrolFields, unknown, EnrolValues>({
    resolver: zodResolver(enrolInput),
    defaultValues: { serverUrl: '', code: '' },
  });
  const { errors } = form.formState;
  const hint = addressHint(form.watch('serverUrl'));
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    enrol.mutate(values, {
      onError: (error) => {
        const problem = formProblem(error, FIELDS, {
          [ErrorCode.EnrolmentCodeInvalid]: {
            field: 'code',
            message: 'This code is unknown, already used or expired. Ask an admin for a new one.',
          },
          [ErrorCode.ServerUnavailable]: {
            field: 'serverUrl',
            message: `No VetDesk server answered at ${values.serverUrl}. Check the address and that this computer is on the practice's network.`,
          },
        });
        for (const field of FIELDS) {
          const message = problem.fields[field];
          if (message) form.setError(field, { message }, { shouldFocus: true });
        }
        setAlert(problem.alert);
      },
    });
  });
  return (
    <IdentityLayout titleId="first-run-title">
      <div className="stack-sm">
        <h1 id="first-run-title">Set up this workstation</h1>
        <p className="identity-lead">
          Connect this computer to your practice's VetDesk server. An admin creates a one-time enrolment code for it
          (Admin → Devices → New enrolment code).
        </p>
      </div>
      <form noValidate className="stack" onSubmit={(event) => void submit(event)} aria-busy={enrol.isPending}>
        <FormField id="enrol-server" label="Server address" error={errors.serverUrl?.message}>
          <input
            className="input"
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://vetdesk.clinic.lan:8787"
            autoFocus
            {...describedBy('enrol-server', errors.serverUrl?.message)}
            {...form.register('serverUrl')}
          />
          {hint && !errors.serverUrl ? <span className="field-hint">{hint}</span> : null}
        </FormField>
        <FormField id="enrol-code" label="Enrolment code" error={errors.code?.message} help={CODE_HELP}>
          <input
            className="input mono"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCDE-FGHJK"
            {...describedBy('enrol-code', errors.code?.message, CODE_HELP)}
            {...form.register('code')}
          />
        </FormField>
        <FormField
          id="enrol-name"
          label="Workstation name (optional)"
          error={errors.deviceName?.message}
          help={NAME_HELP}
        >
          <input
            className="input"
            autoComplete="off"
            placeholder="Front desk 1"
            {...describedBy('enrol-name', errors.deviceName?.message, NAME_HELP)}
            {...form.register('deviceName', {
              setValueAs: (value: string) => (value.trim() === '' ? undefined : value),
            })}
          />
        </FormField>
        {alert ? (
          <p className="form-alert" role="alert">
            {alert}
          </p>
        ) : null}
        <div className="identity-actions">
          <button type="submit" className="btn btn-primary" disabled={enrol.isPending}>
            {enrol.isPending ? 'Connecting…' : 'Connect workstation'}
          </button>
        </div>
      </form>
    </IdentityLayout>
  );
}
