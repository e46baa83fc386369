import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { passwordProblem } from '../core/auth/password-policy.js';
import type { StaffRole } from '../core/domain/enums.js';
import type { CentralDb } from '../db/central/connection.js';
import { setPasswordHash } from '../db/central/queries/staff-accounts.js';
import { setUsername, staffWithoutPassword } from '../db/central/queries/practice.js';
import { hashPassword, type ScryptCost } from '../sync/identity/password-hash.js';
import { mapConcurrently } from './map-concurrently.js';

/** A demo staff member who can sign in, with the password made for them (shown once). */
export interface DemoAccount {
  id: string;
  displayName: string;
  role: StaffRole;
  username: string;
  password: string;
}

/**
 * Letters and digits that cannot be misread for one another (no 0/O, 1/l/I): the password is
 * read off a terminal and typed by a person.
 */
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A fresh random password of four groups of four readable characters (`k7qm-...`): 80 bits of
 * randomness from the system's CSPRNG, well past the policy's minimum length.
 */
export function newDemoPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join(''),
    );
    const password = groups.join('-');
    // Always true in practice (19 characters of 32 kinds); checked so the rule lives in one place.
    if (passwordProblem(password) === undefined) return password;
  }
}

/** The user name a staff member without one gets: their name's letters, made unique with a number. */
function usernameFor(displayName: string | null, index: number): string {
  const slug = (displayName ?? 'staff')
    .toLowerCase()
    .replace(/^dr\s+/, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${slug || 'staff'}.${index + 1}`;
}

/**
 * How many demo passwords are hashed at once: one per core. scrypt runs on libuv's thread pool
 * (4 threads by default), so each hash takes a core and its 128 MiB for its duration; more at
 * once than there are cores would only queue, and would keep the pool from file reads meanwhile.
 */
function hashingLanes(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Gives every active staff member without a password (the seeded demo staff) a fresh random
 * password, hashed with the production scrypt cost unless `cost` says otherwise, and a user
 * name when they have none; one audited transaction. The hashes are computed side by side (one
 * per core, see `hashingLanes`): one after another, a first run spent seconds per person.
 * Returns the accounts with their passwords, which exist nowhere else: the caller shows them
 * once.
 */
export async function giveDemoPasswords(db: CentralDb, cost?: ScryptCost): Promise<DemoAccount[]> {
  const staff = await staffWithoutPassword(db);
  const accounts: DemoAccount[] = staff.map((member, index) => {
    const username = member.username ?? usernameFor(member.displayName, index);
    return {
      id: member.id,
      displayName: member.displayName ?? username,
      role: member.role,
      username,
      password: newDemoPassword(),
    };
  });
  const hashes = await mapConcurrently(accounts, hashingLanes(), (account) => hashPassword(account.password, cost));
  await db.transaction(
    async (tx) => {
      for (const [index, account] of accounts.entries()) {
        if (staff[index]!.username === null) await setUsername(tx, account.id, account.username);
        await setPasswordHash(tx, account.id, hashes[index]!);
      }
    },
    { audit: { auditContext: { action: 'staff.demo_passwords', via: 'launcher' } } },
  );
  return accounts;
}

/** The heading of the printed block; tests find the accounts below it. */
export const DEMO_ACCOUNTS_HEADING = 'Demo staff (shown once; keep these to sign in later):';

/**
 * The demo accounts as a block of aligned lines: heading, then one line per person
 * `  <role>  <username>  <password>  <name>`, the columns separated by two or more spaces.
 */
export function demoAccountsBlock(accounts: readonly DemoAccount[]): string[] {
  const width = (pick: (account: DemoAccount) => string) =>
    Math.max(...accounts.map((account) => pick(account).length));
  const roleWidth = width((account) => account.role);
  const userWidth = width((account) => account.username);
  return [
    DEMO_ACCOUNTS_HEADING,
    ...accounts.map(
      (account) =>
        `  ${account.role.padEnd(roleWidth)}  ${account.username.padEnd(userWidth)}  ${account.password}  ${account.displayName}`,
    ),
  ];
}
