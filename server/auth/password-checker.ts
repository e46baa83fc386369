import { decoyHash, hashPassword, verifyPassword, type ScryptCost } from '../../sync/identity/password-hash.js';

/**
 * Password hashing at the server's configured scrypt cost, with a decoy for unknown accounts:
 * checking a password for nobody costs the same time as checking a wrong one, so response
 * times do not reveal which user names exist.
 */
export class PasswordChecker {
  private decoy: Promise<string> | undefined;

  constructor(private readonly cost: ScryptCost) {}

  /** A new `scrypt$...` hash of `password`. */
  hash(password: string): Promise<string> {
    return hashPassword(password, this.cost);
  }

  /**
   * Whether `password` matches `stored`; with `stored` undefined or null (no such account, or
   * one without a password) it checks a decoy hash and answers false.
   */
  async verify(password: string, stored: string | null | undefined): Promise<boolean> {
    if (stored) return verifyPassword(password, stored);
    this.decoy ??= decoyHash(this.cost);
    await verifyPassword(password, await this.decoy);
    return false;
  }
}
