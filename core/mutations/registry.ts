import { appointmentCancel, appointmentCreate, appointmentReschedule, appointmentSetStatus } from './appointments.js';
import {
  billAddItem,
  billCancel,
  billCreate,
  billLinkRecord,
  billRemoveItem,
  billSend,
  billUnlinkRecord,
  billUpdateItem,
  paymentRecord,
} from './billing.js';
import { conflictResolve } from './conflicts.js';
import type { MutationDefinition } from './define.js';
import {
  medicalRecordAddAddendum,
  medicalRecordCreate,
  medicalRecordFinalize,
  medicalRecordUpdate,
} from './medical-records.js';
import { ownerCreate, ownerDelete, ownerErase, ownerUpdate } from './owners.js';
import { patientCreate, patientDelete, patientErase, patientUpdate } from './patients.js';

/** Every mutation, by name. The workstation and the server both look mutations up here. */
export const MUTATIONS = {
  [ownerCreate.name]: ownerCreate,
  [ownerUpdate.name]: ownerUpdate,
  [ownerDelete.name]: ownerDelete,
  [ownerErase.name]: ownerErase,
  [patientCreate.name]: patientCreate,
  [patientUpdate.name]: patientUpdate,
  [patientDelete.name]: patientDelete,
  [patientErase.name]: patientErase,
  [medicalRecordCreate.name]: medicalRecordCreate,
  [medicalRecordUpdate.name]: medicalRecordUpdate,
  [medicalRecordFinalize.name]: medicalRecordFinalize,
  [medicalRecordAddAddendum.name]: medicalRecordAddAddendum,
  [appointmentCreate.name]: appointmentCreate,
  [appointmentReschedule.name]: appointmentReschedule,
  [appointmentSetStatus.name]: appointmentSetStatus,
  [appointmentCancel.name]: appointmentCancel,
  [billCreate.name]: billCreate,
  [billAddItem.name]: billAddItem,
  [billUpdateItem.name]: billUpdateItem,
  [billRemoveItem.name]: billRemoveItem,
  [billLinkRecord.name]: billLinkRecord,
  [billUnlinkRecord.name]: billUnlinkRecord,
  [billSend.name]: billSend,
  [billCancel.name]: billCancel,
  [paymentRecord.name]: paymentRecord,
  [conflictResolve.name]: conflictResolve,
} as const;

export type MutationName = keyof typeof MUTATIONS;

/** The argument type a mutation's schema produces. */
export type MutationArgs<Name extends MutationName> =
  (typeof MUTATIONS)[Name] extends MutationDefinition<Name, infer Args> ? Args : never;

export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

/** Looks a mutation up by a name from the wire; undefined when unknown. */
export function findMutation(name: string): MutationDefinition | undefined {
  return Object.hasOwn(MUTATIONS, name) ? MUTATIONS[name as MutationName] : undefined;
}
