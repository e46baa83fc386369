/** What staff call each kind of change; others show the mutation's name. */
const ACTION_TEXT: Record<string, string> = {
  'owner.create': 'New owner',
  'owner.update': 'Owner change',
  'owner.delete': 'Owner deletion',
  'patient.create': 'New patient',
  'patient.update': 'Patient change',
  'appointment.create': 'New appointment',
  'appointment.update': 'Appointment reason or notes',
  'appointment.setStatus': 'Appointment status',
  'appointment.cancel': 'Appointment cancellation',
  'medicalRecord.create': 'New medical record',
  'medicalRecord.update': 'Medical record change',
  'payment.record': 'Payment',
  'payment.useCredit': 'Payment from credit',
  'payment.refund': 'Refund of credit',
  'payment.void': 'Payment voided',
};

/** A change's name for staff (`owner.update` is "Owner change"), or the mutation's name when it has none. */
export function changeName(mutation: string): string {
  return ACTION_TEXT[mutation] ?? mutation;
}
