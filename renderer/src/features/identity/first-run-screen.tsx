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
        <FormField id="enrol-code" label="Enrolment code" error={errors.code?.message}>
          <input
            className="input mono"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCDE-FGHJK"
            aria-describedby={errors.code ? 'enrol-code-error' : 'enrol-code-help'}
            aria-invalid={errors.code ? true : undefined}
            id="enrol-code"
            {...form.register('code')}
          />
          {errors.code ? null : (
            <span id="enrol-code-help" className="field-help">
              Letters and digits, as ABCDE-FGHJK; dashes and spaces do not matter. A code works once.
            </span>
          )}
        </FormField>
        <FormField id="enrol-name" label="Workstation name (optional)" error={errors.deviceName?.message}>
          <input
            className="input"
            autoComplete="off"
            placeholder="Front desk 1"
            aria-describedby={errors.deviceName ? 'enrol-name-error' : 'enrol-name-help'}
            aria-invalid={errors.deviceName ? true : undefined}
            id="enrol-name"
            {...form.register('deviceName', {
              setValueAs: (value: string) => (value.trim() === '' ? undefined : value),
            })}
          />
          {errors.deviceName ? null : (
            <span id="enrol-name-help" className="field-help">
              Empty: the name the admin gave the code.
            </span>
          )}
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
