import { describe, expect, it } from 'vitest';
import { API, type ApiName } from '../../../core/api/contract.js';
import {
  can,
  conflictResolveRoles,
  mutationRoles,
  OPERATION_ACCESS,
  OPERATION_ROLES,
  OPERATIONS_WITHOUT_SESSION,
  ROUTE_PERMISSIONS,
  TABLE_EDITORS,
} from '../../../core/auth/permissions.js';
import { STAFF_ROLES } from '../../../core/domain/enums.js';
import { newId } from '../../../core/ids.js';
import { MUTATION_NAMES, MUTATIONS, type MutationName } from '../../../core/mutations/registry.js';
import type { RowOp } from '../../../core/sync/row-ops.js';
import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../../core/sync/tables.js';
import { randomSampleRefs, SAMPLE_ARGS } from '../../helpers/mutation-samples.js';

/** The row operations `name` makes from its sample arguments (parsed by its own schema). */
function sampleOps(name: MutationName, staffId = newId()): RowOp[] {
  const definition = MUTATIONS[name];
  const args = definition.args.parse(SAMPLE_ARGS[name](randomSampleRefs()));
  // The registry's union of definitions cannot take one definition's args; parsed above.
  return (definition.ops as (args: unknown, context: { staffId: string; now: string }) => RowOp[])(args, {
    staffId,
    now: '2026-11-02T10:00:00.000Z',
  });
}

describe('the permission matrix', () => {
  it('gives every mutation at least one role, all of them known roles', () => {
    for (const name of MUTATION_NAMES) {
      expect(mutationRoles(name).length, name).toBeGreaterThan(0);
      for (const role of mutationRoles(name)) expect(STAFF_ROLES, name).toContain(role);
    }
  });

  it('has an access entry for exactly the workstation operations of the contract', () => {
    expect(Object.keys(OPERATION_ACCESS).sort()).toEqual(Object.keys(API).sort());
  });

  it('opens only the first-run, sign-in and status operations to nobody signed in', () => {
    expect([...OPERATIONS_WITHOUT_SESSION].sort()).toEqual(
      ['identity.state', 'session.signIn', 'setup.enrol', 'sync.status', 'update.status'].sort(),
    );
  });

  it('keeps every admin operation and the audit trail to admins', () => {
    const adminOnly = (Object.keys(API) as ApiName[]).filter(
      (name) => name.startsWith('admin.') || name === 'audit.history',
    );
    expect(Object.keys(OPERATION_ROLES).sort()).toEqual(adminOnly.sort());
    for (const name of adminOnly) {
      expect(
        STAFF_ROLES.filter((role) => can(role, { operation: name })),
        name,
      ).toEqual(['admin']);
    }
  });

  it('names every server route as METHOD /path with a known access', () => {
    for (const [route, access] of Object.entries(ROUTE_PERMISSIONS)) {
      expect(route).toMatch(/^(GET|POST|PATCH|PUT|DELETE) \/[a-z0-9/:_-]*$/);
      if (typeof access !== 'string') for (const role of access) expect(STAFF_ROLES, route).toContain(role);
      else expect(['public', 'device', 'session']).toContain(access);
    }
  });

  it('lets only vets finalise, while vets and nurses write records and addenda', () => {
    const roles = (name: MutationName) => STAFF_ROLES.filter((role) => can(role, { mutation: name }));
    expect(roles('medicalRecord.finalize')).toEqual(['vet']);
    expect(roles('medicalRecord.create')).toEqual(['vet', 'nurse']);
    expect(roles('medicalRecord.update')).toEqual(['vet', 'nurse']);
    expect(roles('medicalRecord.addAddendum')).toEqual(['vet', 'nurse']);
  });
});

describe('a nurse’s addendum', () => {
  it('is her own final note on the record it amends, naming no vet and changing nothing else', () => {
    const nurse = newId();
    const ops = sampleOps('medicalRecord.addAddendum', nurse);
    expect(ops).toHaveLength(1);
    const [insert] = ops;
    expect(insert).toMatchObject({
      kind: 'insert',
      table: 'medical_records',
      row: { status: 'final', vet_id: null, finalized_by: nurse, record_type: 'note' },
    });
    expect(insert?.kind === 'insert' ? insert.row['addendum_of'] : undefined).toEqual(expect.any(String));
  });
});

describe('conflict resolution rights', () => {
  it('lists, per table, exactly the mutations whose operations edit it', () => {
    const derived = Object.fromEntries(REPLICATED_TABLE_NAMES.map((table) => [table, [] as MutationName[]])) as Record<
      ReplicatedTableName,
      MutationName[]
    >;
    for (const name of MUTATION_NAMES) {
      if (name === 'conflict.resolve') continue;
      const tables = new Set(sampleOps(name).flatMap((op) => (op.kind === 'update' ? [op.table] : [])));
      for (const table of tables) derived[table].push(name);
    }
    const sorted = (map: Readonly<Record<string, readonly string[]>>) =>
      Object.fromEntries(Object.entries(map).map(([table, names]) => [table, [...names].sort()]));
    expect(sorted(TABLE_EDITORS)).toEqual(sorted(derived));
  });

  it('are the strictest edit roles of the table: a vet for records, admin and front desk for bills', () => {
    expect(conflictResolveRoles('medical_records')).toEqual(['vet']);
    expect(conflictResolveRoles('bills')).toEqual(['admin', 'front_desk']);
    expect(conflictResolveRoles('owners')).toEqual(STAFF_ROLES);
    expect(conflictResolveRoles('appointments')).toEqual(STAFF_ROLES);
    expect(conflictResolveRoles('payments')).toEqual(['admin', 'front_desk']);
    expect(conflictResolveRoles('no_such_table')).toEqual(['admin']);
    expect(can('nurse', { resolveConflictOn: 'medical_records' })).toBe(false);
    expect(can('front_desk', { resolveConflictOn: 'owners' })).toBe(true);
  });
});
