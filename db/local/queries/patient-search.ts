import type { PatientHitView } from '../../../core/api/views.js';
import type { LocalDatabase } from '../open.js';
import { SEARCH_CANDIDATES, patientOwnerMatches, searchMatches } from '../search-index.js';

/**
 * The booking picker's search: patients found by their own name or microchip, or through their
 * owner's name, phone or e-mail, in the order of the global search's ranking (an owner's animals
 * take the owner's place, by name). Uses the same full-text index as Ctrl+K, so both find the
 * same animals; then patients found by their words and their owner's together ("Biscuit
 * Jensen", `patientOwnerMatches`). Deceased patients are left out: they cannot be booked.
 * Never throws on odd input; at most `limit` hits.
 */
export function searchBookablePatients(db: LocalDatabase, input: string, limit: number): PatientHitView[] {
  const matches = searchMatches(db, input, SEARCH_CANDIDATES);
  const byOwner = db.prepare<[string], { id: string }>(
    'select id from patients where owner_id = ? and deleted_at is null order by name, id',
  );
  // Correlated subqueries rather than joins: the views are UNION ALLs (see ./appointments.ts).
  const patientById = db.prepare<[string], PatientHitView>(
    `select p.id, p.name, p.species, p.breed, p.status, p.microchip, p.owner_id,
            (select o.first_name || ' ' || o.last_name from owners o where o.id = p.owner_id and o.deleted_at is null)
              as owner_name,
            (select o.phone from owners o where o.id = p.owner_id and o.deleted_at is null) as owner_phone
       from patients p where p.id = ? and p.deleted_at is null and p.status <> 'deceased'`,
  );
  const seen = new Set<string>();
  const hits: PatientHitView[] = [];
  // Whether `limit` is reached.
  const take = (ids: string[]): boolean => {
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const hit = patientById.get(id);
      if (hit) hits.push(hit);
      if (hits.length >= limit) return true;
    }
    return false;
  };
  for (const match of matches) {
    if (take(match.kind === 'patient' ? [match.id] : byOwner.all(match.id).map((row) => row.id))) return hits;
  }
  // Only once every whole match is in: splitting the words is the costlier search.
  for (const match of patientOwnerMatches(db, input, limit)) if (take([match.id])) return hits;
  return hits;
}
