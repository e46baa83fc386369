import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billNumberIntegrity } from '../../../db/central/queries/bill-number-integrity.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { insertBill } from '../../helpers/central-fixtures.js';

const ISSUERS = 32;
const BILLS_PER_ISSUER = 40;
const ROLLBACK_EVERY = 7; // every 7th transaction of each issuer rolls back

class Rollback extends Error {}

describe('bill numbers on real PostgreSQL under concurrency', () => {
  let handle: DisposableCentralDb;
  beforeAll(async () => {
    handle = await freshCentralDb('postgres', { poolMax: ISSUERS });
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it(`${ISSUERS} connections issuing ${BILLS_PER_ISSUER} drafts each while opening new ones, some rolling back, get unique gapless numbers`, async () => {
    const db = handle.db;
    const { rows: opened } = await db.query<{ id: string }>(
      `insert into bills (notes) select 'draft ' || n from generate_series(1, $1) n returning id`,
      [ISSUERS * BILLS_PER_ISSUER],
    );
    const drafts = Array.from({ length: ISSUERS }, (_, issuer) =>
      opened.slice(issuer * BILLS_PER_ISSUER, (issuer + 1) * BILLS_PER_ISSUER).map((row) => row.id),
    );
    let open = 0;
    let mostOpenAtOnce = 0;
    let issued = 0;
    let rolledBack = 0;

    const issuer = async (issuerIndex: number) => {
      for (const [i, id] of drafts[issuerIndex]!.entries()) {
        const rollback = (issuerIndex + i) % ROLLBACK_EVERY === 0;
        try {
          await db.transaction(async (tx) => {
            open++;
            mostOpenAtOnce = Math.max(mostOpenAtOnce, open);
            try {
              // A draft opened at the same time takes no number and holds nobody up.
              await insertBill(tx, { notes: `opened by ${issuerIndex} while issuing ${i}` });
              await tx.query(`update bills set status = 'sent', issued_at = now() where id = $1`, [id]);
              if (rollback) throw new Rollback();
            } finally {
              open--;
            }
          });
          issued++;
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
          rolledBack++;
        }
      }
    };
    await Promise.all(Array.from({ length: ISSUERS }, (_, index) => issuer(index)));

    const integrity = await billNumberIntegrity(db);
    const { rows } = await db.query<{ unnumbered: number; numbered_drafts: number }>(
      `select count(*) filter (where bill_number is null)::int as unnumbered,
              count(*) filter (where bill_number is not null and status = 'draft')::int as numbered_drafts
         from bills`,
    );
    console.info(
      `bill numbers: ${issued} issued, ${rolledBack} rolled back, ${integrity.duplicates} duplicates, ` +
        `${integrity.gaps} gaps, ${mostOpenAtOnce} transactions open at once`,
    );
    expect(mostOpenAtOnce, 'the issuers did not overlap: the test proved nothing').toBeGreaterThan(ISSUERS / 2);
    expect(rolledBack).toBeGreaterThan(0);
    expect(integrity).toEqual({ bills: issued, duplicates: 0, gaps: 0, highest: issued, counter: issued });
    // The drafts opened in committed transactions and those whose issue rolled back: no number.
    expect(rows).toEqual([{ unnumbered: issued + rolledBack, numbered_drafts: 0 }]);
  }, 180_000);
});
