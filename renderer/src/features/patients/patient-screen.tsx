import { useState } from 'react';
import { CardSection } from '../../ui/card-section.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { HistoryLink } from '../admin/history-link.js';
import { NewBillButton } from '../billing/new-bill-button.js';
import { BillsTable } from '../bills/bills-table.js';
import { MedicalHistory } from '../records/medical-history.js';
import { BookingDialog } from '../booking/booking-dialog.js';
import { PatientAppointments } from './patient-appointments.js';
import { PatientEditDialog } from './patient-edit-dialog.js';
import { PatientStatusDialog } from './patient-status-dialog.js';
import { PatientHeader } from './patient-header.js';
import { WeightChart } from './weight-chart.js';
import { weightUnit } from './weight-scale.js';

/** The patient chart: header, weight curve, medical history, appointments, bills. */
export function PatientScreen({ id }: { id: string }) {
  const chart = useApiQuery('patient.chart', { id });
  const [booking, setBooking] = useState(false);
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);
  if (chart.isPending) return <Skeleton lines={8} block />;
  if (chart.isError) return <ErrorState error={chart.error} onRetry={() => void chart.refetch()} />;
  if (!chart.data) {
    return (
      <EmptyState title="This patient is not on this workstation">
        They may have been deleted, or not synced yet. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  const { patient, owner, records, weights, currentWeight, appointments, bills } = chart.data;
  const unit = weightUnit([...weights, ...(currentWeight ? [currentWeight] : [])].map((weight) => Number(weight.kg)));
  return (
    <div className="stack">
      <PatientHeader patient={patient} owner={owner} weight={currentWeight} unit={unit} />
      <div className="row patient-actions">
        {patient.status === 'deceased' ? null : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setBooking(true);
            }}
          >
            Book appointment
          </button>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => {
            setEditing(true);
          }}
        >
          Edit
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setChangingStatus(true);
          }}
        >
          Status…
        </button>
        <NewBillButton ownerId={patient.owner_id} patientId={patient.id} />
        <HistoryLink table="patients" id={patient.id} />
      </div>
      <div className="patient-layout">
        <section className="card patient-records" aria-labelledby="records-title">
          <MedicalHistory patientId={patient.id} patientName={patient.name} records={records} weightUnit={unit} />
        </section>
        <div className="stack">
          <CardSection id="weight-title" title="Weight">
            <WeightChart weights={weights} current={currentWeight} unit={unit} />
          </CardSection>
          <CardSection id="appointments-title" title="Appointments" count={appointments.length}>
            <PatientAppointments appointments={appointments} patientStatus={patient.status} />
          </CardSection>
          <CardSection id="bills-title" title="Bills" count={bills.length}>
            <BillsTable bills={bills} />
          </CardSection>
        </div>
      </div>
      <PatientEditDialog
        patient={patient}
        open={editing}
        onClose={() => {
          setEditing(false);
        }}
      />
      <PatientStatusDialog
        patient={patient}
        open={changingStatus}
        onClose={() => {
          setChangingStatus(false);
        }}
      />
      <BookingDialog
        open={booking}
        patient={{
          id: patient.id,
          name: patient.name,
          species: patient.species,
          breed: patient.breed,
          owner_name: owner ? `${owner.first_name} ${owner.last_name}` : null,
          owner_phone: owner?.phone ?? null,
        }}
        onClose={() => {
          setBooking(false);
        }}
      />
    </div>
  );
}
