import type { Statement } from 'better-sqlite3';
import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalDatabase } from './open.js';
import type { LocalRow } from './row-codec.js';

/** One hit of a global search; a patient's carries its owner's name and phone (null for owners). */
export interface SearchHit {
  kind: 'owner' | 'patient';
  id: string;
  title: string;
  subtitle: string | null;
  owner_name: string | null;
  owner_phone: string | null;
}

const SEARCHABLE: ReadonlySet<ReplicatedTableName> = new Set(['owners', 'patients']);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const digits = (value: unknown): string => text(value).replace(/\D/g, '');

function ownerDocument(row: LocalRow): { title: string; subtitle: string | null; body: string } {
  const contact = [text(row['phone']), text(row['email'])].filter(Boolean).join(' · ');
  return {
    title: `${text(row['last_name'])}, ${text(row['first_name'])}`,
    subtitle: contact || null,
    body: [row['first_name'], row['last_name'], row['email'], row['phone'], digits(row['phone']), row['city']]
      .map(text)
      .join(' '),
  };
}

function patientDocument(row: LocalRow): { title: string; subtitle: string | null; body: string } {
  const breed = text(row['breed']);
  return {
    title: text(row['name']),
    subtitle: `${text(row['species']).replace('_', ' ')}${breed ? ` · ${breed}` : ''}`,
    body: [row['name'], row['microchip'], row['breed'], row['species']].map(text).join(' '),
  };
}

/**
 * Keeps the search document of one owner or patient equal to what staff see.
 *
 * Writes go through FTS5 triggers on `search_docs`. Every statement that fires them opens a
 * savepoint, and FTS5 flushes its pending terms to a new segment at each savepoint, so one
 * statement per document writes one tiny segment per row and merges them again and again as
 * the index grows. Batches of server rows therefore `stage` their documents and `flush` them
 * in two statements: one segment per batch.
 */
export class SearchIndex {
  private readonly upsert;
  private readonly remove;
  private readonly stageOne;
  private readonly removeStaged;
  private readonly upsertStaged;
  private readonly clearStaged;
  private staged = 0;

  constructor(db: LocalDatabase) {
    this.upsert = db.prepare(`${UPSERT_DOC} values (@key, @kind, @id, @title, @subtitle, @body) ${ON_CONFLICT}`);
    this.remove = db.prepare('delete from search_docs where entity_key = ?');
    // Per connection, in memory (temp_store); a null title stages a removal.
    db.exec(`create temp table if not exists search_staging (
      entity_key text primary key, kind text, entity_id text, title text, subtitle text, body text)`);
    this.stageOne = db.prepare(
      `insert or replace into temp.search_staging (entity_key, kind, entity_id, title, subtitle, body)
       values (@key, @kind, @id, @title, @subtitle, @body)`,
    );
    this.removeStaged = db.prepare(
      'delete from search_docs where entity_key in (select entity_key from temp.search_staging where title is null)',
    );
    this.upsertStaged = db.prepare(
      `${UPSERT_DOC} select entity_key, kind, entity_id, title, subtitle, body
         from temp.search_staging where title is not null ${ON_CONFLICT}`,
    );
    this.clearStaged = db.prepare('delete from temp.search_staging');
  }

  /** Whether a table's rows are searchable at all (cheap check for hot paths). */
  static covers(table: ReplicatedTableName): boolean {
    return SEARCHABLE.has(table);
  }

  /** Indexes `row` (the visible row, or null when it is gone or soft-deleted) at once. */
  update(table: ReplicatedTableName, id: string, row: LocalRow | null): void {
    const document = toDocument(table, id, row);
    if (document === undefined) return;
    if (document.title === null) this.remove.run(document.key);
    else this.upsert.run(document);
  }

  /**
   * Like `update`, but written by the next `flush` (the last staged state of a row wins).
   * Callers flush in the same transaction, before any `update` of the same rows.
   */
  stage(table: ReplicatedTableName, id: string, row: LocalRow | null): void {
    const document = toDocument(table, id, row);
    if (document === undefined) return;
    this.stageOne.run(document);
    this.staged++;
  }

  /** Writes the staged documents. Runs inside the caller's transaction. */
  flush(): void {
    if (this.staged === 0) return;
    this.removeStaged.run();
    this.upsertStaged.run();
    this.clearStaged.run();
    this.staged = 0;
  }
}

const UPSERT_DOC = 'insert into search_docs (entity_key, kind, entity_id, title, subtitle, body)';
// Leaves an unchanged document alone: rewriting it would delete and re-add its FTS5 terms.
const ON_CONFLICT = `on conflict (entity_key) do update set title = excluded.title, subtitle = excluded.subtitle,
  body = excluded.body where search_docs.title is not excluded.title or search_docs.subtitle is not excluded.subtitle
  or search_docs.body is not excluded.body`;

interface StagedDocument {
  key: string;
  kind: 'owner' | 'patient';
  id: string;
  /** Null: the row has no document (gone or soft-deleted). */
  title: string | null;
  subtitle: string | null;
  body: string | null;
}

/** The document of a visible row; undefined for tables search does not cover. */
function toDocument(table: ReplicatedTableName, id: string, row: LocalRow | null): StagedDocument | undefined {
  if (!SEARCHABLE.has(table)) return undefined;
  const key = `${table}/${id}`;
  const kind = table === 'owners' ? 'owner' : 'patient';
  if (!row || row['deleted_at'] !== null) return { key, kind, id, title: null, subtitle: null, body: null };
  return { key, kind, id, ...(kind === 'owner' ? ownerDocument(row) : patientDocument(row)) };
}

/**
 * The FTS5 terms of what staff typed, one per word, each matching as a prefix; a phone number
 * typed with spaces or dashes is matched by its digits.
 */
function ftsTerms(input: string): string[] {
  const terms: string[] = [];
  for (const piece of input.trim().split(/\s+/)) {
    if (piece === '') continue;
    const phoneLike = /^[\d\s\-().+/]+$/.test(piece) ? piece.replace(/\D/g, '') : null;
    const words = phoneLike !== null ? [phoneLike] : piece.split(/[^\p{L}\p{N}]+/u);
    for (const word of words) if (word) terms.push(`"${word.replace(/"/g, '""')}"*`);
  }
  return terms;
}

/**
 * Turns what staff typed into an FTS5 query: every word must match as a prefix; a phone
 * number typed with spaces or dashes is matched by its digits.
 */
export function toFtsQuery(input: string): string | null {
  const terms = ftsTerms(input);
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/**
 * Most documents a search ranks. A short prefix ("s", "07") matches a large share of all
 * documents, and ranking every match (bm25 over 100k rows) took up to 300 ms over 260k owners
 * and patients; the first CANDIDATES matches in index order are ranked instead. A query that
 * matches fewer documents ranks them all, exactly as before.
 */
export const SEARCH_CANDIDATES = 500;

/** A ranked match of the index: an owner or a patient, best first. */
export interface SearchMatch {
  kind: 'owner' | 'patient';
  id: string;
  title: string;
  subtitle: string | null;
}

/**
 * The documents matching what staff typed, best first (bm25, title words weighing five times
 * the rest) among at most SEARCH_CANDIDATES matches, at most `limit` of them. Never throws on
 * odd input: text that yields no search terms matches nothing. Global search and the booking
 * picker both start here, so they find the same people and animals.
 */
export function searchMatches(db: LocalDatabase, input: string, limit: number): SearchMatch[] {
  const query = toFtsQuery(input);
  if (!query) return [];
  let statement = searchStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `select d.kind, d.entity_id as id, d.title, d.subtitle
         from (select rowid, bm25(search_fts, 5.0, 1.0) as score from search_fts where search_fts match ? limit ?) f
         join search_docs d on d.rowid = f.rowid
        order by f.score, d.rowid limit ?`,
    );
    searchStatements.set(db, statement);
  }
  return statement.all(query, SEARCH_CANDIDATES, limit) as SearchMatch[];
}

/** Most words `patientOwnerMatches` splits between an animal and its owner (2^n - 2 ways). */
const MAX_SPLIT_WORDS = 4;

/**
 * Most owners, best ranked first, whose animals one split of the words looks at. Each animal is
 * then checked against the animal's words by its own document (a point look-up in the index), so
 * the work is bounded: about a hundred owners' animals per split.
 */
const SPLIT_OWNERS = 100;

interface SplitStatements {
  owners: Statement;
  patientsOf: Statement;
  patients: Statement;
}

function splitStatements(db: LocalDatabase): SplitStatements {
  let statements = splitCache.get(db);
  if (!statements) {
    statements = {
      owners: db.prepare(
        `select d.entity_id as id
           from (select rowid, bm25(search_fts, 5.0, 1.0) as score from search_fts where search_fts match ? limit ?) f
           join search_docs d on d.rowid = f.rowid
          where d.kind = 'owner'
          order by f.score, d.rowid`,
      ),
      patientsOf: db.prepare('select id from patients where owner_id = ? and deleted_at is null order by name, id'),
      patients: db.prepare(
        `select d.entity_id as id, d.title, d.subtitle from search_docs d
          where d.entity_key = ? and exists (select 1 from search_fts where search_fts match ? and rowid = d.rowid)`,
      ),
    };
    splitCache.set(db, statements);
  }
  return statements;
}

/**
 * Patients found by their own words and their owner's together: "Biscuit Jensen" finds the
 * Jensens' Biscuit, though no one document holds both words. Every word must match the
 * patient's document (name, microchip, breed, species) or its owner's (name, phone, e-mail):
 * each way of splitting the words between the two (at least one word each) is tried, owners in
 * the order of `searchMatches`' ranking (the best SPLIT_OWNERS), an owner's animals by name. A
 * query that one document matches whole is `searchMatches`' to find, so callers put these after
 * its hits. Queries of one word or more than MAX_SPLIT_WORDS words find nothing here. At most
 * `limit` matches.
 */
export function patientOwnerMatches(db: LocalDatabase, input: string, limit: number): SearchMatch[] {
  const terms = ftsTerms(input);
  if (terms.length < 2 || terms.length > MAX_SPLIT_WORDS || limit <= 0) return [];
  const statements = splitStatements(db);
  const seen = new Set<string>();
  const found: SearchMatch[] = [];
  for (let mask = 1; mask < 2 ** terms.length - 1; mask++) {
    const ownerQuery = terms.filter((_, index) => mask & (1 << index)).join(' AND ');
    const owners = (statements.owners.all(ownerQuery, SEARCH_CANDIDATES) as { id: string }[]).slice(0, SPLIT_OWNERS);
    if (owners.length === 0) continue;
    const patientQuery = terms.filter((_, index) => !(mask & (1 << index))).join(' AND ');
    for (const owner of owners) {
      for (const patient of statements.patientsOf.all(owner.id) as { id: string }[]) {
        if (seen.has(patient.id)) continue;
        const match = statements.patients.get(`patients/${patient.id}`, patientQuery) as
          Omit<SearchMatch, 'kind'> | undefined;
        if (!match) continue;
        seen.add(patient.id);
        found.push({ kind: 'patient', ...match });
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}

/**
 * Searches owners and patients by name, phone, e-mail or microchip, best matches first (see
 * `searchMatches`), then patients found by their words and their owner's together
 * (`patientOwnerMatches`: "Biscuit Jensen"). A patient hit carries its owner's name and phone, read when searching, so an
 * owner's new number shows at once on every animal of theirs.
 */
export function searchReplica(db: LocalDatabase, input: string, limit = 20): SearchHit[] {
  const whole = searchMatches(db, input, limit);
  const matched = new Set(whole.map((match) => match.id));
  const split = whole.length < limit ? patientOwnerMatches(db, input, limit) : [];
  const matches = [...whole, ...split.filter((match) => !matched.has(match.id))].slice(0, limit);
  if (matches.length === 0) return [];
  const ownerOf = ownerOfStatement(db);
  return matches.map((match) => {
    if (match.kind === 'owner') return { ...match, owner_name: null, owner_phone: null };
    const owner = ownerOf.get(match.id) as { owner_name: string | null; owner_phone: string | null } | undefined;
    return { ...match, owner_name: owner?.owner_name ?? null, owner_phone: owner?.owner_phone ?? null };
  });
}

/**
 * A patient's owner's name and phone by patient id. Correlated subqueries, not a join:
 * `patients` and `owners` are UNION ALL views, which SQLite answers by primary key this way
 * (see db/local/queries/appointments.ts).
 */
function ownerOfStatement(db: LocalDatabase): Statement {
  let statement = ownerStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `select (select o.first_name || ' ' || o.last_name from owners o where o.id = p.owner_id and o.deleted_at is null)
                as owner_name,
              (select o.phone from owners o where o.id = p.owner_id and o.deleted_at is null) as owner_phone
         from patients p where p.id = ?`,
    );
    ownerStatements.set(db, statement);
  }
  return statement;
}

// Staff search as they type: prepare the queries once per connection, not per keystroke.
const searchStatements = new WeakMap<LocalDatabase, Statement>();
const ownerStatements = new WeakMap<LocalDatabase, Statement>();
const splitCache = new WeakMap<LocalDatabase, SplitStatements>();
