import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalDatabase } from './open.js';
import type { LocalRow } from './row-codec.js';

/** One hit of a global search. */
export interface SearchHit {
  kind: 'owner' | 'patient';
  id: string;
  title: string;
  subtitle: string | null;
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

/** Keeps the search document of one owner or patient equal to what staff see. */
export class SearchIndex {
  private readonly upsert;
  private readonly remove;

  constructor(db: LocalDatabase) {
    this.upsert = db.prepare(
      `insert into search_docs (entity_key, kind, entity_id, title, subtitle, body)
       values (@key, @kind, @id, @title, @subtitle, @body)
       on conflict (entity_key) do update set title = excluded.title, subtitle = excluded.subtitle, body = excluded.body
       where search_docs.title is not excluded.title or search_docs.subtitle is not excluded.subtitle
          or search_docs.body is not excluded.body`,
    );
    this.remove = db.prepare('delete from search_docs where entity_key = ?');
  }

  /** Whether a table's rows are searchable at all (cheap check for hot paths). */
  static covers(table: ReplicatedTableName): boolean {
    return SEARCHABLE.has(table);
  }

  /** Indexes `row` (the visible row, or null when it is gone or soft-deleted). */
  update(table: ReplicatedTableName, id: string, row: LocalRow | null): void {
    if (!SEARCHABLE.has(table)) return;
    const key = `${table}/${id}`;
    if (!row || row['deleted_at'] !== null) {
      this.remove.run(key);
      return;
    }
    const kind = table === 'owners' ? 'owner' : 'patient';
    const document = kind === 'owner' ? ownerDocument(row) : patientDocument(row);
    this.upsert.run({ key, kind, id, ...document });
  }
}

/**
 * Turns what staff typed into an FTS5 query: every word must match as a prefix; a phone
 * number typed with spaces or dashes is matched by its digits.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  for (const piece of input.trim().split(/\s+/)) {
    if (piece === '') continue;
    const phoneLike = /^[\d\s\-().+/]+$/.test(piece) ? piece.replace(/\D/g, '') : null;
    const words = phoneLike !== null ? [phoneLike] : piece.split(/[^\p{L}\p{N}]+/u);
    for (const word of words) if (word) terms.push(`"${word.replace(/"/g, '""')}"*`);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/**
 * Searches owners and patients by name, phone, e-mail or microchip, best matches first.
 * Never throws on odd input: text that yields no search terms returns no hits.
 */
export function searchReplica(db: LocalDatabase, input: string, limit = 20): SearchHit[] {
  const query = toFtsQuery(input);
  if (!query) return [];
  return db
    .prepare(
      `select d.kind, d.entity_id as id, d.title, d.subtitle
         from search_fts f join search_docs d on d.rowid = f.rowid
        where search_fts match ? order by bm25(search_fts, 5.0, 1.0) limit ?`,
    )
    .all(query, limit) as SearchHit[];
}
