import type { DuplicateReason, OwnerDuplicateView, OwnerRow } from '../../../core/api/views.js';
import type { LocalDatabase } from '../open.js';
import { readRows } from './rows.js';

/** The details of an owner about to be registered that may match someone already there. */
export interface OwnerCandidate {
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
}

/** Most owners a duplicate check reports: a warning, not a list to browse. */
const MOST_DUPLICATES = 10;

/** Lower case without accents or surrounding space: "Zoë " and "zoe" are the same name. */
const fold = (value: string | null): string =>
  (value ?? '').normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
const phoneDigits = (value: string | null): string => (value ?? '').replace(/\D/g, '');

/** Shortest run of digits compared as a phone number; fewer say nothing about a person. */
const MIN_PHONE_DIGITS = 6;

/**
 * Owners on this workstation's replica who may be the person being registered: the same first
 * and last name, the same phone number (digits only: "06-12 34" is "061234") or the same
 * e-mail (any case). A workstation check before saving, offline too; it never refuses (two
 * people may share a name), the server does not repeat it. Candidates come from the search
 * index (exact words, no prefixes), then each is compared field by field, so the index's
 * tokenisation only narrows the list, never decides it. Soft-deleted owners are left out.
 */
export function findOwnerDuplicates(db: LocalDatabase, candidate: OwnerCandidate): OwnerDuplicateView[] {
  const reasons = new Map<string, Set<DuplicateReason>>();
  const note = (ids: readonly string[], reason: DuplicateReason) => {
    for (const id of ids) reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));
  };
  const name = [candidate.first_name, candidate.last_name].map(fold);
  const digits = phoneDigits(candidate.phone);
  const email = fold(candidate.email);
  const byName = name.every((part) => part !== '') ? ownerIdsMatching(db, words(name.join(' '))) : [];
  const byPhone = digits.length >= MIN_PHONE_DIGITS ? ownerIdsMatching(db, [digits]) : [];
  const byEmail = email.includes('@') ? ownerIdsMatching(db, words(email)) : [];
  const owners = new Map(
    ownersByIds(db, [...new Set([...byName, ...byPhone, ...byEmail])]).map((owner) => [owner.id, owner]),
  );
  for (const owner of owners.values()) {
    if (fold(owner.first_name) === name[0] && fold(owner.last_name) === name[1]) note([owner.id], 'name');
    if (digits.length >= MIN_PHONE_DIGITS && phoneDigits(owner.phone) === digits) note([owner.id], 'phone');
    if (email !== '' && fold(owner.email) === email) note([owner.id], 'email');
  }
  return [...reasons.entries()]
    .map(([id, found]) => ({ owner: owners.get(id)!, reasons: [...found].sort() }))
    .sort((a, b) => b.reasons.length - a.reasons.length || a.owner.last_name.localeCompare(b.owner.last_name))
    .slice(0, MOST_DUPLICATES);
}

/** The index's words of a text (letters and digits), as FTS5 would cut them. */
function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** Ids of owners whose search document holds every one of `terms` as a whole word. */
function ownerIdsMatching(db: LocalDatabase, terms: readonly string[]): string[] {
  if (terms.length === 0) return [];
  const query = terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND ');
  return db
    .prepare<[string], { id: string }>(
      `select d.entity_id as id from search_fts f join search_docs d on d.rowid = f.rowid
        where search_fts match ? and d.kind = 'owner' limit 200`,
    )
    .all(query)
    .map((row) => row.id);
}

function ownersByIds(db: LocalDatabase, ids: readonly string[]): OwnerRow[] {
  return ids.flatMap((id) =>
    readRows<OwnerRow>(db, 'owners', 'select * from owners where id = ? and deleted_at is null', [id]),
  );
}
