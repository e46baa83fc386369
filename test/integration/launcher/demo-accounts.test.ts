import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { giveDemoPasswords } from '../../../launcher/demo-accounts.js';
import { verifyPassword } from '../../../sync/identity/password-hash.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertRow } from '../../helpers/central-fixtures.js';

/** Cheap, so the test checks the pairing of people, passwords and hashes, not scrypt's speed. */
const TEST_COST = { logN: 10, r: 8, p: 1 } as const;

describe.each(CENTRAL_BACKENDS)('demo passwords on %s', (kind) => {
  const db = useCentralDb(kind);

  it('gives every staff member without a password their own, each hash matching its own person only', async () => {
    const roles = ['admin', 'vet', 'vet', 'nurse', 'front_desk', 'front_desk'] as const;
    for (const [index, role] of roles.entries()) {
      await insertRow(db(), 'staff', {
        id: newId(),
        role,
        username: `person.${index}`,
        display_name: `Person ${index}`,
      });
    }
    const hasOne = newId();
    await insertRow(db(), 'staff', { id: hasOne, role: 'vet', username: 'has.one', password_hash: 'kept' });

    const accounts = await giveDemoPasswords(db(), TEST_COST);

    expect(accounts.map((account) => account.username).sort()).toEqual(roles.map((_, index) => `person.${index}`));
    expect(new Set(accounts.map((account) => account.password)).size).toBe(roles.length);
    const { rows } = await db().query<{ id: string; password_hash: string }>('select id, password_hash from staff');
    const hashOf = new Map(rows.map((row) => [row.id, row.password_hash]));
    expect(hashOf.get(hasOne)).toBe('kept');
    for (const [index, account] of accounts.entries()) {
      expect(await verifyPassword(account.password, hashOf.get(account.id))).toBe(true);
      // Hashed side by side, still each with its own person: the next person's password fails.
      const other = accounts[(index + 1) % accounts.length]!;
      expect(await verifyPassword(other.password, hashOf.get(account.id))).toBe(false);
    }
  });
});
