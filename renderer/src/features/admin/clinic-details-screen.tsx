import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { AdminHeader } from './admin-header.js';
import { ClinicDetailsForm } from './clinic-details-form.js';

/**
 * Admin: the clinic's own details, as every invoice prints them (name, address, phone, e-mail,
 * tax registration number, payment terms) and the default days until a bill is due. Saved as a
 * mutation (`clinic.update`), so it works offline and reaches every workstation on sync.
 */
export function ClinicDetailsScreen() {
  const clinic = useApiQuery('clinic.current', {});
  const mutate = useMutate();
  const row = clinic.data ?? null;
  return (
    <div className="stack">
      <AdminHeader current="admin-clinic" subtitle="What every invoice says about the clinic that issues it." />
      {clinic.isPending ? <Skeleton lines={6} /> : null}
      {clinic.isError ? <ErrorState error={clinic.error} onRetry={() => void clinic.refetch()} /> : null}
      {!clinic.isPending && !clinic.isError && row === null ? (
        <EmptyState title="The clinic is not on this workstation yet">It arrives with the first sync.</EmptyState>
      ) : null}
      {row ? (
        <section className="card">
          <ClinicDetailsForm
            // A new version (this save arriving, or another admin's) starts the form afresh.
            key={`${row.id}/${row.version ?? 'local'}/${row.updated_at ?? ''}`}
            clinic={row}
            busy={mutate.isPending}
            onSave={(changes) => {
              mutate.mutate({ name: 'clinic.update', args: { id: row.id, changes }, success: 'Clinic details saved' });
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
