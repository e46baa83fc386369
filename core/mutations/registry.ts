import {
  appointmentCancel,
  appointmentCreate,
  appointmentReschedule,
  appointmentSetStatus,
  appointmentUpdate,
} from './appointments.js';
import {
  billAddItem,
  billCancel,
  billCreate,
  billDiscard,
  billIssue,
  billLinkRecord,
  billRemoveItem,
  billSend,
  billUnlinkRecord,
  billUpdateItem,
} from './billing.js';
import { clinicUpdate } from './clinics.js';
import { conflictResolve } from './conflicts.js';
import type { BaseValues, MutationDefinition } from './define.js';
import {
  medicalRecordAddAddendum,
  medicalRecordCreate,
  medicalRecordFinalize,
  medicalRecordUpdate,
} from './medical-records.js';
import { ownerCreate, ownerDelete, ownerErase, ownerUpdate } from './owners.js';
import { paymentRecord, paymentRefund, paymentUseCredit, paymentVoid } from './payments.js';
import { patientCreate, patientDelete, patientErase, patientSetStatus, patientUpdate } from './patients.js';

/** Every mutation, by name. The workstation and the server both look mutations up here. */
export const MUTATIONS = {
  [ownerCreate.name]: ownerCreate,
  [ownerUpdate.name]: ownerUpdate,
  [ownerDelete.name]: ownerDelete,
  [ownerErase.name]: ownerErase,
  [patientCreate.name]: patientCreate,
  [patientUpdate.name]: patientUpdate,
  [patientSetStatus.name]: patientSetStatus,
  [patientDelete.name]: patientDelete,
  [patientErase.name]: patientErase,
  [medicalRecordCreate.name]: medicalRecordCreate,
  [medicalRecordUpdate.name]: medicalRecordUpdate,
  [medicalRecordFinalize.name]: medicalRecordFinalize,
  [medicalRecordAddAddendum.name]: medicalRecordAddAddendum,
  [appointmentCreate.name]: appointmentCreate,
  [appointmentReschedule.name]: appointmentReschedule,
  [appointmentUpdate.name]: appointmentUpdate,
  [appointmentSetStatus.name]: appointmentSetStatus,
  [appointmentCancel.name]: appointmentCancel,
  [billCreate.name]: billCreate,
  [billAddItem.name]: billAddItem,
  [billUpdateItem.name]: billUpdateItem,
  [billRemoveItem.name]: billRemoveItem,
  [billLinkRecord.name]: billLinkRecord,
  [billUnlinkRecord.name]: billUnlinkRecord,
  [billIssue.name]: billIssue,
  // The former name of bill.issue: old outboxes and the ledger still name it (core/mutations/billing.ts).
  [billSend.name]: billSend,
  [billDiscard.name]: billDiscard,
  [billCancel.name]: billCancel,
  [paymentRecord.name]: paymentRecord,
  [paymentUseCredit.name]: paymentUseCredit,
  [paymentRefund.name]: paymentRefund,
  [paymentVoid.name]: paymentVoid,
  [clinicUpdate.name]: clinicUpdate,
  [conflictResolve.name]: conflictResolve,
} as const;

export type MutationName = keyof typeof MUTATIONS;

/** The argument type a mutation's schema produces. */
export type MutationArgs<Name extends MutationName> =
  (typeof MUTATIONS)[Name] extends MutationDefinition<Name, infer Args> ? Args : never;

/** The arguments a mutation's schema accepts, before defaults are applied. */
export type MutationInput<Name extends MutationName> =
  (typeof MUTATIONS)[Name] extends MutationDefinition<Name, unknown, infer Input> ? Input : never;

/**
 * Keys of `Args` the workstation fills in from what it shows (`completeBase` in
 * core/mutations/base.ts, run by `LocalReplica.runMutation`): an edit's `base` (the field values it starts from) and a soft delete's
 * `baseVersion`. A `base` of another kind (conflict.resolve's single value) is the caller's.
 */
type FilledByBackend<Args> =
  | Extract<keyof Args, 'baseVersion'>
  | ('base' extends keyof Args ? (Args['base' & keyof Args] extends BaseValues ? 'base' : never) : never);

/** `Args` with the keys the backend fills in made optional; other keys as they were. */
type BackendFills<Args> = Args extends object
  ? Flatten<
      { [Key in Exclude<keyof Args, FilledByBackend<Args>>]: Args[Key] } & {
        [Key in FilledByBackend<Args>]?: Args[Key];
      }
    >
  : Args;

/** One object type instead of an intersection, for readable compiler messages. */
type Flatten<T> = { [Key in keyof T]: T[Key] };

/**
 * What the UI passes to run mutation `Name`: its schema's input, except that `base` and
 * `baseVersion` may be left out (the backend fills them from what this workstation shows).
 */
export type MutateArgs<Name extends MutationName> = BackendFills<MutationInput<Name>>;

/** One mutation request from the UI: a name and that mutation's own arguments. */
export type MutateRequest = { [Name in MutationName]: { name: Name; args: MutateArgs<Name> } }[MutationName];

export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

/** Looks a mutation up by a name from the wire; undefined when unknown. */
export function findMutation(name: string): MutationDefinition | undefined {
  return Object.hasOwn(MUTATIONS, name) ? MUTATIONS[name as MutationName] : undefined;
}
