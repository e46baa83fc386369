import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billNumberIntegrity } from '../../../db/central/queries/bill-number-integrity.js';
import { freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { insertBill } from '../../helpers/central-fixtures.js';

const WRITERS = 32;
const BILLS_PER_WRITER = 50;
const ROLLBACK_EVERY = 7; // every 7th transaction of each writer rolls back

class Rollback extends Error {}

describe('bill numbers on real PostgreSQL under concurrency', () => {
  let handle: DisposableCentralDb;
  beforeAll(async () => {
    handle = await freshCentralDb('postgres', { poolMax: WRITERS });
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it(`${WRITERS} connections inserting ${BILLS_PER_WRITER} bills each, some rolling back, get unique gapless numbers`, async () => {
    const db = handle.db;
    let open = 0;
    let mostOpenAtOnce = 0;
    let committed = 0;
    let rolledBack = 0;

    const writer = async (writerIndex: number) => {
      for (let i = 0; i < BILLS_PER_WRITER; i++) {
        const rollback = (writerIndex + i) % ROLLBACK_EVERY === 0;
        try {
          await db.transaction(async (tx) => {
            open++;
            mostOpenAtOnce = Math.max(mostOpenAtOnce, open);
            try {
              await insertBill(tx, { notes: `writer ${writerIndex} bill ${i}` });
              if (rollback) throw new Rollback();
            } finally {
              open--;
            }
          });
          committed++;
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
          rolledBack++;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));

    const integrity = await billNumberIntegrity(db);
    console.info(
      `bill numbers: ${committed} committed, ${rolledBack} rolled back, ${integrity.duplicates} duplicates, ` +
        `${integrity.gaps} gaps, ${mostOpenAtOnce} transactions open at once`,
    );
    expect(mostOpenAtOnce, 'the writers did not overlap: the test proved nothing').toBeGreaterThan(WRITERS / 2);
    expect(rolledBack).toBeGreaterThan(0);
    expect(integrity).toEqual({
      bills: committed,
      duplicates: 0,
      gaps: 0,
      highest: committed,
      counter: committed,
    });
  });
});
