import type { SqlExecutor } from '../connection.js';

/** What an auditor asks of the bill numbers: are they unique and consecutive? */
export interface BillNumberIntegrity {
  /** Bills carrying a number: those issued (drafts have none). */
  bills: number;
  /** Bills whose number is also carried by another bill (0 while the unique index holds). */
  duplicates: number;
  /** Numbers between 1 and the highest issued that no bill carries. */
  gaps: number;
  /** The highest number issued. */
  highest: number;
  /** The counter's last value; equals `highest` unless a number was lost. */
  counter: number;
}

/**
 * Checks the issued bill numbers in one statement. Safe to run on a live database: it only
 * reads, and sees one consistent snapshot.
 */
export async function billNumberIntegrity(db: SqlExecutor): Promise<BillNumberIntegrity> {
  const { rows } = await db.query<BillNumberIntegrity>(`
    with issued as (select substring(bill_number from 6)::bigint as n from bills where bill_number is not null)
    select count(*)::int as bills,
           (count(*) - count(distinct n))::int as duplicates,
           (coalesce(max(n), 0) - count(distinct n))::int as gaps,
           coalesce(max(n), 0)::int as highest,
           (select last_value from vetdesk.bill_number_counter)::int as counter
      from issued`);
  return rows[0]!;
}
