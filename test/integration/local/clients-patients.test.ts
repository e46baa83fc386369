import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { ServerChange } from '../../../db/local/server-truth.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { serverOwner } from '../../helpers/server-rows.js';

const staff = { id: newId(), role: 'front_desk' as const };
const inserts = (rows: Record<string, unknown>[]): ServerChange[] => rows.map((row) => ({ operation: 'insert', row }));
const sync = { handle: 'h', offset: '0_0', upToDate: true };

/** A patient row as the server's shape delivers it, with `extra` laid over it. */
const serverPatient = (id: string, ownerId: string | null, extra: Record<string, unknown> = {}) => ({
  id,
  owner_id: ownerId,
  name: 'Biscuit',
  species: 'dog',
  breed: null,
  color: null,
  gender: 'unknown',
  neutered: false,
  birth_date: '2019-05-01',
  weight_kg: null,
  microchip: null,
  status: 'active',
  alerts: null,
  notes: null,
  deceased_on: null,
  created_at: '2026-11-22 09:00:00.000+00',
  updated_at: '2026-11-22 09:00:00.000+00',
  version: 1,
  deleted_at: null,
  ...extra,
});

const serverAppointment = (
  id: string,
  patientId: string,
  scheduledAt: string,
  extra: Record<string, unknown> = {},
) => ({
  id,
  patient_id: patientId,
  vet_id: null,
  scheduled_at: scheduledAt,
  duration_minutes: 15,
  status: 'scheduled',
  reason: null,
  notes: null,
  checked_in_at: null,
  started_at: null,
  completed_at: null,
  cancel_reason: null,
  created_at: '2026-11-22 09:00:00.000+00',
  updated_at: '2026-11-22 09:00:00.000+00',
  version: 1,
  deleted_at: null,
  ...extra,
});

describe('front desk reads: clients and patients', () => {
  const { replica } = useLocalReplica();
  const jensen = newId();
  const berg = newId();
  const [jensenDog, jensenCat, bergDog, deadDog, deletedDog] = [newId(), newId(), newId(), newId(), newId()];

  function seed() {
    replica().applyServerChanges(
      'owners',
      inserts([
        serverOwner(jensen, {
          first_name: 'Liam',
          last_name: 'Jensen',
          phone: '06-12 34 56 78',
          email: 'liam@example.org',
        }),
        serverOwner(berg, {
          first_name: 'Zoë',
          last_name: 'Berg',
          phone: '+31 20 555 0101',
          email: 'Zoe.Berg@example.org',
        }),
      ]),
      [],
      sync,
    );
    replica().applyServerChanges(
      'patients',
      inserts([
        serverPatient(jensenDog, jensen, { breed: 'Labrador' }),
        serverPatient(jensenCat, jensen, { species: 'cat', breed: 'Siamese' }),
        serverPatient(bergDog, berg, { breed: 'Beagle', microchip: '985112345678901' }),
        serverPatient(deadDog, berg, { status: 'deceased', deceased_on: '2026-01-02' }),
        serverPatient(deletedDog, jensen, { deleted_at: '2026-11-23 09:00:00+00' }),
      ]),
      [],
      sync,
    );
  }
  const picker = (query: string) => replica().read.bookablePatients(query, 30);

  it('finds bookable patients by name, owner name, phone and microchip, each with its owner', () => {
    seed();
    const byName = picker('biscuit');
    expect(byName.map((hit) => hit.id).sort()).toEqual([jensenDog, jensenCat, bergDog].sort());
    expect(byName.find((hit) => hit.id === jensenDog)).toMatchObject({
      name: 'Biscuit',
      species: 'dog',
      breed: 'Labrador',
      owner_id: jensen,
      owner_name: 'Liam Jensen',
      owner_phone: '06-12 34 56 78',
    });
    // An owner's animals take the owner's place, by name (then id: both are called Biscuit).
    expect(picker('jensen').map((hit) => hit.id)).toEqual([jensenDog, jensenCat].sort());
    expect(
      picker('0612 34')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([jensenDog, jensenCat].sort());
    expect(picker('98511234').map((hit) => hit.id)).toEqual([bergDog]);
    expect(picker('zoe').map((hit) => hit.id)).toEqual([bergDog]);
    expect(picker('nobody')).toEqual([]);
    expect(picker('"')).toEqual([]);
  });

  it("finds a patient by its words and its owner's together, in the picker and in Ctrl+K", () => {
    seed();
    // No one document holds both words: the animal's name and its owner's surname.
    expect(
      picker('Biscuit Jensen')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([jensenDog, jensenCat].sort());
    // Every word must match the animal or its owner: the order does not matter, nor the owner's field.
    expect(picker('jensen siamese').map((hit) => hit.id)).toEqual([jensenCat]);
    expect(picker('Labrador 0612').map((hit) => hit.id)).toEqual([jensenDog]);
    expect(picker('biscuit zoe.berg@example').map((hit) => hit.id)).toEqual([bergDog]);
    expect(picker('985112 berg').map((hit) => hit.id)).toEqual([bergDog]);
    // A word neither holds finds nothing; a deceased animal stays out of the picker.
    expect(picker('biscuit jensen beagle')).toEqual([]);
    expect(picker('Biscuit Berg').map((hit) => hit.id)).toEqual([bergDog]);
    const global = replica()
      .searchOwnersAndPatients('Biscuit Jensen')
      .map((hit) => [hit.kind, hit.id, hit.owner_name]);
    expect(global.sort()).toEqual(
      [
        ['patient', jensenDog, 'Liam Jensen'],
        ['patient', jensenCat, 'Liam Jensen'],
      ].sort(),
    );
  });

  it('shows the owner beside every patient hit of the global search', () => {
    seed();
    const hit = replica()
      .searchOwnersAndPatients('beagle')
      .find((found) => found.id === bergDog);
    expect(hit).toMatchObject({ kind: 'patient', owner_name: 'Zoë Berg', owner_phone: '+31 20 555 0101' });
    const owner = replica()
      .searchOwnersAndPatients('jensen')
      .find((found) => found.kind === 'owner');
    expect(owner).toMatchObject({ id: jensen, owner_name: null, owner_phone: null });
  });

  it('warns of an owner with the same name, phone or e-mail, however it is typed', () => {
    seed();
    const check = (candidate: { first_name: string; last_name: string; phone: string | null; email: string | null }) =>
      replica()
        .read.ownerDuplicates(candidate)
        .map(({ owner, reasons }) => ({ id: owner.id, reasons }));
    expect(check({ first_name: 'liam', last_name: 'JENSEN', phone: null, email: null })).toEqual([
      { id: jensen, reasons: ['name'] },
    ]);
    expect(
      check({ first_name: 'Zoe', last_name: 'Berg', phone: '0031 20 555 0101', email: 'zoe.berg@EXAMPLE.org' }),
    ).toEqual([{ id: berg, reasons: ['email', 'name'] }]);
    expect(check({ first_name: 'Ann', last_name: 'Other', phone: '0612345678', email: null })).toEqual([
      { id: jensen, reasons: ['phone'] },
    ]);
    // Same first name only, a phone sharing a prefix, another e-mail: nobody.
    expect(check({ first_name: 'Liam', last_name: 'Berg', phone: '061234', email: 'liam@example.com' })).toEqual([]);
  });

  it('leaves a soft-deleted owner out of the duplicate warning, and sees a pending local owner', () => {
    seed();
    replica().applyServerChanges(
      'owners',
      [
        {
          operation: 'update',
          row: serverOwner(jensen, {
            first_name: 'Liam',
            last_name: 'Jensen',
            deleted_at: '2026-11-23 09:00:00+00',
            version: 2,
          }),
        },
      ],
      [],
      sync,
    );
    const candidate = { first_name: 'Liam', last_name: 'Jensen', phone: null, email: null };
    expect(replica().read.ownerDuplicates(candidate)).toEqual([]);
    const id = newId();
    replica().runMutation(
      'owner.create',
      {
        id,
        first_name: 'Liam',
        last_name: 'Jensen',
        email: null,
        phone: null,
        address: null,
        city: null,
        postcode: null,
        notes: null,
      },
      staff,
    );
    expect(
      replica()
        .read.ownerDuplicates(candidate)
        .map(({ owner }) => owner.id),
    ).toEqual([id]);
  });

  it('flags the future bookings of a patient marked deceased here, before the server hears of it', () => {
    seed();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const [ahead, cancelled, past] = [newId(), newId(), newId()];
    replica().applyServerChanges(
      'appointments',
      inserts([
        serverAppointment(ahead, bergDog, tomorrow),
        serverAppointment(cancelled, bergDog, tomorrow, { status: 'cancelled' }),
        serverAppointment(past, bergDog, lastWeek),
      ]),
      [],
      sync,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(replica().read.deceasedPatientBookings(today, 'UTC')).toEqual([]);
    replica().runMutation('patient.setStatus', { id: bergDog, status: 'deceased', deceased_on: today }, staff);
    const flagged = replica().read.deceasedPatientBookings(today, 'UTC');
    expect(flagged.map((row) => row.id)).toEqual([ahead]);
    expect(flagged[0]).toMatchObject({ patient_name: 'Biscuit', owner_name: 'Zoë Berg', patient_status: 'deceased' });
    const day = replica().read.dayAppointments(tomorrow.slice(0, 10), 'UTC');
    expect(day.find((row) => row.id === ahead)).toMatchObject({ patient_status: 'deceased' });
    // No longer offered for bookings.
    expect(picker('beagle')).toEqual([]);
  });

  it('refuses a death without a date on the workstation too', () => {
    seed();
    expect(() =>
      replica().runMutation('patient.setStatus', { id: jensenDog, status: 'deceased', deceased_on: null }, staff),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
