import { describe, expect, it } from 'vitest';
import type { ApiInput, VetdeskApi } from '../../../core/api/contract.js';
import { newId } from '../../../core/ids.js';
import { findMutation, type MutateRequest } from '../../../core/mutations/registry.js';
import type { MutateVariables } from '../../../renderer/src/api/use-mutate.js';

/*
 * `tsc -b` (npm run typecheck) checks this file: every `@ts-expect-error` below must stay an
 * error, or the type-check fails. The runtime half checks that what the compiler accepts and
 * refuses is what the mutations' own schemas accept and refuse.
 */

const id = newId();

/** Compiles: an edit names only what changes; the backend fills `base` in. */
const ownerEdit = { name: 'owner.update', args: { id, changes: { phone: '0612345678' } } } satisfies MutateRequest;
/** Compiles: a soft delete leaves `baseVersion` to the backend. */
const ownerDelete = { name: 'owner.delete', args: { id } } satisfies ApiInput<'mutate'>;
/** Compiles: the renderer's variables are the same request plus a toast. */
const withToast: MutateVariables = { name: 'patient.erase', args: { id }, success: 'Erased' };

/** Never called: these calls exist for the compiler only. */
export function wrongCalls(api: VetdeskApi): void {
  // @ts-expect-error a phone number is text, not a number
  void api.mutate({ name: 'owner.update', args: { id, changes: { phone: 5 } } });
  // @ts-expect-error an edit without the row id
  void api.mutate({ name: 'owner.update', args: { changes: { phone: '5' } } });
  // @ts-expect-error a field owners do not have
  void api.mutate({ name: 'owner.update', args: { id, changes: { species: 'dog' } } });
  // @ts-expect-error arguments of another mutation (owner.create needs the owner's fields)
  void api.mutate({ name: 'owner.create', args: { id } });
  // @ts-expect-error an unknown mutation
  void api.mutate({ name: 'owner.teleport', args: { id } });
  // @ts-expect-error conflict.resolve's `base` is the caller's value, not one the backend fills
  void api.mutate({
    name: 'conflict.resolve',
    args: { id, action: 'restore', table: 'owners', rowId: id, field: 'city', restoreValue: 'Leeds' },
  });
  // @ts-expect-error the renderer hook checks the same way
  const wrongToast: MutateVariables = { name: 'owner.update', args: { id, changes: { phone: 5 } } };
  void api.mutate(wrongToast);
}

describe('typed mutate calls', () => {
  it('accepts at runtime what the compiler accepts, once the backend has filled the base in', () => {
    const update = findMutation(ownerEdit.name)!;
    expect(update.args.safeParse({ ...ownerEdit.args, base: { phone: null } }).success).toBe(true);
    expect(findMutation(ownerDelete.name)!.args.safeParse({ ...ownerDelete.args, baseVersion: 1 }).success).toBe(true);
    expect(findMutation(withToast.name)!.args.safeParse(withToast.args).success).toBe(true);
  });

  it('refuses at runtime what the compiler refuses', () => {
    const update = findMutation('owner.update')!;
    expect(update.args.safeParse({ id, changes: { phone: 5 }, base: { phone: null } }).success).toBe(false);
    expect(update.args.safeParse({ changes: { phone: '5' }, base: { phone: null } }).success).toBe(false);
    expect(findMutation('owner.teleport')).toBeUndefined();
  });
});
