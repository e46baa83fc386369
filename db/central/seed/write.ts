import type { CentralDb, SqlExecutor, TransactionOptions } from '../connection.js';
import type { BillRow, PatientRow, Practice, PracticeTable } from './rows.js';
import { PRACTICE_TABLES } from './rows.js';

/** One step of a table's writing: rows inserted, or bills moved to their final status. */
export type WriteStep = 'insert' | 'issue' | 'settle' | 'decease';

export interface WriteProgress {
  table: PracticeTable;
  step: WriteStep;
  /** Rows of this table and step written so far, and in all. */
  done: number;
  total: number;
}

export interface WriteOptions {
  /** Called after every committed chunk, for a progress display. */
  onProgress?: (progress: WriteProgress) => void;
  /** Rows per INSERT statement (and transaction); default 1000. Capped by the bind-parameter limit. */
  batchSize?: number;
  /** Chunks written at once on PostgreSQL, each on its own pooled connection; default 4. */
  concurrency?: number;
}

export interface WriteResult {
  /** Rows inserted per table. */
  counts: Record<PracticeTable, number>;
  /** All rows inserted. */
  rows: number;
  elapsedMs: number;
}

/** PostgreSQL's wire protocol counts bind parameters in 16 bits. */
const MAX_BIND_PARAMETERS = 65_535;
const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_CONCURRENCY = 4;
const SEED_AUDIT: TransactionOptions = { audit: { auditContext: { source: 'seed' } } };

type Columns<T extends PracticeTable> = readonly (keyof Practice[T][number] & string)[];

// Every column a row carries, except that bills go in as drafts: their status and the
// timestamps of issue, payment and cancellation are set afterwards (see writePractice).
const COLUMNS: { [T in PracticeTable]: Columns<T> } = {
  clinics: [
    'id',
    'name',
    'address',
    'phone',
    'email',
    'timezone',
    'currency',
    'tax_registration_number',
    'payment_terms',
    'default_due_days',
    'created_at',
  ],
  staff: ['id', 'clinic_id', 'role', 'display_name', 'username', 'email', 'created_at'],
  price_list_items: ['id', 'code', 'name', 'kind', 'unit_price', 'tax_rate', 'active', 'created_at'],
  owners: ['id', 'first_name', 'last_name', 'email', 'phone', 'address', 'city', 'postcode', 'notes', 'created_at'],
  patients: [
    'id',
    'owner_id',
    'name',
    'species',
    'breed',
    'color',
    'gender',
    'neutered',
    'birth_date',
    'weight_kg',
    'microchip',
    'status',
    'alerts',
    'notes',
    'deceased_on',
    'created_at',
  ],
  medical_records: [
    'id',
    'patient_id',
    'record_type',
    'status',
    'visit_at',
    'vet_id',
    'title',
    'subjective',
    'objective',
    'assessment',
    'plan',
    'weight_kg',
    'owner_name_snapshot',
    'owner_phone_snapshot',
    'addendum_of',
    'finalized_at',
    'finalized_by',
    'created_at',
  ],
  appointments: [
    'id',
    'patient_id',
    'vet_id',
    'scheduled_at',
    'duration_minutes',
    'status',
    'reason',
    'notes',
    'checked_in_at',
    'started_at',
    'completed_at',
    'cancel_reason',
    'created_at',
  ],
  // No bill_number: the database gives one when a bill is issued (the issue step below).
  bills: ['id', 'owner_id', 'billed_name', 'billed_address', 'patient_id', 'currency', 'notes', 'created_at'],
  bill_items: [
    'id',
    'bill_id',
    'price_list_item_id',
    'description',
    'quantity',
    'unit_price',
    'tax_rate',
    'created_at',
  ],
  bill_medical_records: ['id', 'bill_id', 'medical_record_id', 'created_at'],
  payments: ['id', 'bill_id', 'amount', 'method', 'paid_at', 'reference', 'received_by', 'notes', 'created_at'],
};

function placeholders(rowCount: number, width: number, casts?: readonly string[]): string {
  const rows: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(`$${r * width + c + 1}${casts ? `::${casts[c]}` : ''}`);
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}

/**
 * Runs `fn` over `items`, at most `limit` at a time, in order of start. After a failure no new
 * item starts; the first error is rethrown once the running ones have finished, so nothing is
 * still writing when the caller hears of it.
 */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

function chunksOf<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Writes a generated practice into an empty central database, fast: multi-row parameterised
 * INSERTs of up to `batchSize` rows, each chunk in its own transaction with the audit context
 * `{ source: 'seed' }` (on PostgreSQL `concurrency` chunks at a time), then ANALYZE so the
 * planner knows the new sizes at once.
 *
 * The guard triggers decide the order. Medical records go in before their addenda. Bills go in
 * as drafts (unnumbered), then their items and record links (allowed only on drafts); then
 * issued bills become sent or overdue, in order of issue and one chunk at a time, which is when
 * the database numbers them (BILL-000001.. roughly in issue order); then payments are taken (refused on paid or cancelled bills). The database itself
 * marks a sent bill paid once its payments cover the total; whatever is then still not in its
 * generated status (cancelled bills) is moved there last.
 *
 * Not atomic as a whole: a failure (for example a unique e-mail or code already present in a
 * database that was not empty) rolls back only the chunk being written and rethrows the
 * driver's error; earlier chunks stay.
 */
export async function writePractice(
  db: CentralDb,
  practice: Practice,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  // PGlite has one session, so parallel chunks would only queue behind each other.
  const parallel = db.kind === 'pglite' ? 1 : Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const report = (table: PracticeTable, step: WriteStep, done: number, total: number) =>
    options.onProgress?.({ table, step, done, total });

  const insertRows = async <T extends PracticeTable>(
    table: T,
    rows: readonly Practice[T][number][],
    doneBefore: number,
    total: number,
  ) => {
    const columns = COLUMNS[table];
    const perStatement = Math.min(batchSize, Math.floor(MAX_BIND_PARAMETERS / columns.length));
    let done = doneBefore;
    // The trigger that settles bills sums each bill's payments in its own snapshot: payment
    // chunks written side by side could each see only part of a bill's payments and leave it unpaid.
    const oneByOne = table === 'payments';
    await inParallel(chunksOf(rows, perStatement), oneByOne ? 1 : parallel, async (chunk) => {
      const params: unknown[] = [];
      for (const row of chunk) for (const column of columns) params.push(row[column]);
      const text = `insert into ${table} (${columns.join(', ')}) values ${placeholders(chunk.length, columns.length)}`;
      await db.transaction((tx) => tx.query(text, params), SEED_AUDIT);
      done += chunk.length;
      report(table, 'insert', done, total);
    });
  };

  for (const table of PRACTICE_TABLES) {
    if (table === 'payments') continue;
    if (table === 'medical_records') {
      // The addendum trigger checks its target is final, so targets must already be there.
      const records = practice.medical_records;
      const originals = records.filter((r) => r.addendum_of === null);
      await insertRows(table, originals, 0, records.length);
      await insertRows(
        table,
        records.filter((r) => r.addendum_of !== null),
        originals.length,
        records.length,
      );
      continue;
    }
    if (table === 'patients') {
      // The database refuses bookings for a deceased patient: they die after their history.
      const alive = practice.patients.map((p) =>
        p.status === 'deceased' ? { ...p, status: 'active' as const, deceased_on: null } : p,
      );
      await insertRows(table, alive, 0, alive.length);
      continue;
    }
    await insertRows(table, practice[table], 0, practice[table].length);
  }

  const deceased = practice.patients.filter((p) => p.status === 'deceased');
  await recordDeaths(db, deceased, { batchSize, parallel }, (done) => {
    report('patients', 'decease', done, deceased.length);
  });

  const chunking = { batchSize, parallel };
  // Issuing takes the bill numbers: in order of issue, one chunk after the other (issuing
  // transactions queue on the number counter anyway, so parallel chunks would gain nothing).
  const issued = practice.bills
    .filter((b) => b.issued_at !== null)
    .sort((a, b) => (a.issued_at! < b.issued_at! ? -1 : a.issued_at! > b.issued_at! ? 1 : 0));
  await updateBills(
    db,
    issued,
    { ...chunking, parallel: 1 },
    {
      columns: { status: 'bill_status', issued_at: 'timestamptz', due_date: 'date' },
      values: (b) => [b.status === 'overdue' ? 'overdue' : 'sent', b.issued_at, b.due_date],
      progress: (done) => report('bills', 'issue', done, issued.length),
    },
  );

  await insertRows('payments', practice.payments, 0, practice.payments.length);

  const closed = practice.bills.filter((b) => b.status === 'paid' || b.status === 'cancelled');
  await updateBills(db, closed, chunking, {
    columns: { status: 'bill_status', paid_at: 'timestamptz', cancelled_at: 'timestamptz', cancel_reason: 'text' },
    values: (b) => [b.status, b.paid_at, b.cancelled_at, b.cancel_reason],
    progress: (done) => report('bills', 'settle', done, closed.length),
  });

  await db.exec(`analyze ${PRACTICE_TABLES.join(', ')}, audit.entity_changes`);

  const counts = Object.fromEntries(PRACTICE_TABLES.map((table) => [table, practice[table].length])) as Record<
    PracticeTable,
    number
  >;
  return {
    counts,
    rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
    elapsedMs: performance.now() - started,
  };
}

/** Marks seeded patients deceased on their `deceased_on`, once their history is in. */
async function recordDeaths(
  db: CentralDb,
  patients: readonly PatientRow[],
  { batchSize, parallel }: { batchSize: number; parallel: number },
  progress: (done: number) => void,
): Promise<void> {
  let done = 0;
  await inParallel(
    chunksOf(patients, Math.min(batchSize, Math.floor(MAX_BIND_PARAMETERS / 2))),
    parallel,
    async (chunk) => {
      const params = chunk.flatMap((patient) => [patient.id, patient.deceased_on]);
      const text =
        `update patients set status = 'deceased', deceased_on = v.deceased_on ` +
        `from (values ${placeholders(chunk.length, 2, ['uuid', 'date'])}) as v (id, deceased_on) where patients.id = v.id`;
      await db.transaction((tx: SqlExecutor) => tx.query(text, params), SEED_AUDIT);
      done += chunk.length;
      progress(done);
    },
  );
}

interface BillUpdate {
  /** Column to its SQL type: VALUES lists need explicit casts to type their parameters. */
  columns: Readonly<Partial<Record<keyof BillRow, string>>>;
  /** The values of `columns`, in the same order, for one bill. */
  values: (bill: BillRow) => unknown[];
  progress: (done: number) => void;
}

/**
 * `update bills ... from (values ...)` in chunks: one statement moves many bills at once.
 * Bills already in the target status are left alone: a paid bill can no longer change, and
 * the database will have settled most of them when their payments went in.
 */
async function updateBills(
  db: CentralDb,
  bills: readonly BillRow[],
  { batchSize, parallel }: { batchSize: number; parallel: number },
  { columns: typed, values, progress }: BillUpdate,
): Promise<void> {
  const columns = Object.keys(typed);
  const types = Object.values(typed);
  const width = columns.length + 1;
  const perStatement = Math.min(batchSize, Math.floor(MAX_BIND_PARAMETERS / width));
  const assignments = columns.map((column) => `${column} = v.${column}`).join(', ');
  let done = 0;
  await inParallel(chunksOf(bills, perStatement), parallel, async (chunk) => {
    const params: unknown[] = [];
    for (const bill of chunk) params.push(bill.id, ...values(bill));
    const text =
      `update bills set ${assignments} from (values ${placeholders(chunk.length, width, ['uuid', ...types])}) ` +
      `as v (id, ${columns.join(', ')}) where bills.id = v.id and bills.status is distinct from v.status`;
    await db.transaction((tx: SqlExecutor) => tx.query(text, params), SEED_AUDIT);
    done += chunk.length;
    progress(done);
  });
}
