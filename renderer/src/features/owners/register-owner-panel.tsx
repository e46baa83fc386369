import { useState } from 'react';
import type { OwnerDuplicateView } from '../../../../core/api/views.js';
import type { OwnerFields, PatientFields } from '../../../../core/domain/entities.js';
import { newId } from '../../../../core/ids.js';
import { useClient } from '../../api/client-context.js';
import { errorMessage } from '../../api/errors.js';
import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { showToast } from '../../ui/toast-store.js';
import type { PickedPatient } from '../booking/patient-picker.js';
import { PatientForm } from '../patients/patient-form.js';
import { OwnerDuplicatesWarning } from './owner-duplicates-warning.js';
import { OwnerForm, type OwnerFormValues } from './owner-form.js';

/** Who was registered: the owner, and the patient registered with them (null when skipped). */
export interface RegisteredOwner {
  ownerId: string;
  ownerName: string;
  patient: PickedPatient | null;
}

interface RegisterOwnerPanelProps {
  /** What staff already typed (a search that found nothing). */
  prefill: OwnerFormValues;
  onCancel: () => void;
  onDone: (registered: RegisteredOwner) => void;
}

type Step =
  | { kind: 'owner' }
  | { kind: 'duplicates'; values: OwnerFields; duplicates: OwnerDuplicateView[] }
  | { kind: 'patient'; ownerId: string; values: OwnerFields };

const fullName = (owner: { first_name: string; last_name: string }) => `${owner.first_name} ${owner.last_name}`;

/**
 * Registers a walk-in: the owner (after a duplicate check on this workstation's replica, which
 * warns and never refuses), then straight away their animal. Works offline like every change.
 */
export function RegisterOwnerPanel({ prefill, onCancel, onDone }: RegisterOwnerPanelProps) {
  const client = useClient();
  const mutate = useMutate();
  const [step, setStep] = useState<Step>({ kind: 'owner' });
  const [checking, setChecking] = useState(false);
  const [form, setForm] = useState<OwnerFormValues>(prefill);

  const register = (values: OwnerFields) => {
    const id = newId();
    mutate.mutate(
      { name: 'owner.create', args: { ...values, id }, success: `${fullName(values)} registered` },
      {
        onSuccess: () => {
          setStep({ kind: 'patient', ownerId: id, values });
        },
      },
    );
  };

  const check = async (values: OwnerFields) => {
    setForm(values);
    setChecking(true);
    try {
      const duplicates = await client['owner.duplicates']({
        first_name: values.first_name,
        last_name: values.last_name,
        phone: values.phone,
        email: values.email,
      });
      if (duplicates.length > 0) setStep({ kind: 'duplicates', values, duplicates });
      else register(values);
    } catch (error) {
      showToast(errorMessage(error), 'error');
    } finally {
      setChecking(false);
    }
  };

  if (step.kind === 'duplicates') {
    return (
      <div className="dialog-body">
        <h2>Register owner</h2>
        <OwnerDuplicatesWarning
          duplicates={step.duplicates}
          busy={mutate.isPending}
          onOpen={(ownerId) => {
            onCancel();
            navigate({ name: 'owner', id: ownerId });
          }}
          onBack={() => {
            setStep({ kind: 'owner' });
          }}
          onRegisterAnyway={() => {
            register(step.values);
          }}
        />
      </div>
    );
  }

  if (step.kind === 'patient') {
    const ownerName = fullName(step.values);
    const savePatient = (values: PatientFields) => {
      const id = newId();
      mutate.mutate(
        { name: 'patient.create', args: { ...values, id }, success: `${values.name} registered` },
        {
          onSuccess: () => {
            onDone({
              ownerId: step.ownerId,
              ownerName,
              patient: {
                id,
                name: values.name,
                species: values.species,
                breed: values.breed,
                owner_name: ownerName,
                owner_phone: step.values.phone,
              },
            });
          },
        },
      );
    };
    return (
      <div className="dialog-body">
        <div>
          <h2>Add a patient for {ownerName}</h2>
          <p className="muted">The owner is registered. Register their animal now, or skip it.</p>
        </div>
        <PatientForm
          ownerId={step.ownerId}
          submitLabel="Register patient"
          cancelLabel="Skip"
          busy={mutate.isPending}
          onCancel={() => {
            onDone({ ownerId: step.ownerId, ownerName, patient: null });
          }}
          onSave={savePatient}
        />
      </div>
    );
  }

  return (
    <div className="dialog-body">
      <h2>Register owner</h2>
      <OwnerForm
        initial={form}
        submitLabel="Register owner"
        cancelLabel="Cancel"
        busy={checking || mutate.isPending}
        onCancel={onCancel}
        onSave={(values) => {
          void check(values);
        }}
      />
    </div>
  );
}
