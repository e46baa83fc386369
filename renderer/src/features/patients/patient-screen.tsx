import { useState } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { NewBillButton } from '../billing/new-bill-button.js';
import { BillsTable } from '../bills/bills-table.js';
import { MedicalHistory } from '../records/medical-history.js';
import { BookingDialog } from '../booking/booking-dialog.js';
import { PatientAppointments } from './patient-appointments.js';
import { PatientHeader } from './patient-header.js';
import { WeightChart } from './weight-chart.js';

/** The patient chart: header, weight curve, medical history, appointments, bills. */
export function PatientScreen({ id }: { id: string }) {
  const chart = useApiQuery('patient.chart', { id });
  const [booking, setBooking] = useState(false);
  if (chart.isPending) return <Skeleton lines={8} block />;
  if (chart.isError) return <ErrorState error={chart.error} onRetry={() => void chart.refetch()} />;
  if (!chart.data) {
    return (
      <EmptyState title="This patient is not on this workstation">
        They may have been deleted, or not synced yet. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  const { patient, owner, records, weights, appointments, bills } = chart.data;
  return (
    <div className="stack">
      <PatientHeader patient={patient} owner={owner} />
      <div className="row patient-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setBooking(true);
          }}
        >
          Book appointment
        </button>
        <NewBillButton ownerId={patient.owner_id} patientId={patient.id} />
      </div>
      <div className="patient-layout">
        <section className="card patient-records" aria-labelledby="records-title">
          <MedicalHistory patientId={patient.id} patientName={patient.name ?? 'this patient'} records={records} />
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="weight-title">
            <h2 id="weight-title" className="card-title">
              Weight
            </h2>
            <WeightChart weights={weights} />
          </section>
          <section className="card" aria-labelledby="appointments-title">
            <h2 id="appointments-title" className="card-title">
              Appointments <span className="badge">{appointments.length}</span>
            </h2>
            <PatientAppointments appointments={appointments} />
          </section>
          <section className="card" aria-labelledby="bills-title">
            <h2 id="bills-title" className="card-title">
              Bills <span className="badge">{bills.length}</span>
            </h2>
            <BillsTable bills={bills} />
          </section>
        </div>
      </div>
      <BookingDialog
        open={booking}
        patient={{ id: patient.id, name: patient.name ?? 'Patient' }}
        onClose={() => {
          setBooking(false);
        }}
      />
    </div>
  );
}
