import { MERGED_CLINICAL_CAP } from '../../core/domain/text.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { FieldChange, FieldValue } from '../../core/sync/row-ops.js';
import type { ColumnType } from '../../core/sync/tables.js';
import { canonicalValue, sameValue } from '../../core/sync/values.js';

/**
 * The per-field decision of the write path (architecture §4), pure so it can be tested
 * without a database. `current` is the row's value as the driver returned it.
 */
export type FieldDecision =
  /** The row already holds the new value: nothing to do. */
  | { action: 'skip' }
  /** The row still holds what the writer saw: write the new value. */
  | { action: 'apply'; value: FieldValue }
  /**
   * Someone else changed the field meanwhile. `value` is what the server writes (the incoming
   * value, or both clinical texts); `current` is the other writer's value, in wire form.
   */
  | { action: 'conflict'; kind: 'field' | 'clinical_text'; value: FieldValue; current: FieldValue };

/** Who made the incoming edit, for the line that separates two kept clinical texts. */
export interface EditNote {
  staffName: string | null;
  /** When the edit was made (ISO 8601). */
  at: string;
  mutationId: string;
}

/**
 * Decides one changed field. Policies: default, the later arrival (this edit) wins; clinical
 * text (`clinical` true) is never overwritten silently: both versions are kept in the field.
 */
export function decideField(
  type: ColumnType,
  current: unknown,
  change: FieldChange,
  clinical: boolean,
  note: EditNote,
): FieldDecision {
  if (sameValue(type, current, change.value)) return { action: 'skip' };
  if (sameValue(type, current, change.base)) return { action: 'apply', value: change.value };
  const currentValue = canonicalValue(type, current);
  if (clinical && type === 'text') {
    const kept = mergeClinicalText(asText(currentValue), asText(change.value), note);
    return { action: 'conflict', kind: 'clinical_text', value: kept, current: currentValue };
  }
  return { action: 'conflict', kind: 'field', value: change.value, current: currentValue };
}

function asText(value: FieldValue): string | null {
  return value === null ? null : String(value);
}

/** The marked line between two kept versions of a clinical text. */
export function conflictSeparator(note: EditNote): string {
  const who = note.staffName ?? 'another staff member';
  return `----- Conflicting edit by ${who} at ${note.at} (mutation ${note.mutationId}); both versions kept, please review -----`;
}

/**
 * Keeps both versions of a clinical text edited in two places at once: the text already on the
 * server, a marked separator naming the incoming edit, then the incoming text. An empty side
 * adds nothing, so an edit that cleared the field never erases the other's text.
 * @throws AppError VALUE_TOO_LARGE when both versions together exceed MERGED_CLINICAL_CAP:
 *   clinical text is never cut, so the incoming edit is rejected (staff shorten the text on the
 *   server first, then apply their edit again from the inbox).
 */
export function mergeClinicalText(current: string | null, incoming: string | null, note: EditNote): string | null {
  const hasCurrent = current !== null && current.trim() !== '';
  const hasIncoming = incoming !== null && incoming.trim() !== '';
  if (!hasIncoming) return current;
  if (!hasCurrent) return incoming;
  const merged = `${current}\n\n${conflictSeparator(note)}\n${incoming}`;
  if (merged.length > MERGED_CLINICAL_CAP) {
    throw new AppError(
      ErrorCode.ValueTooLarge,
      `Both versions of this clinical text together would exceed ${MERGED_CLINICAL_CAP} characters: shorten the text on the record, then apply this edit again`,
      { limit: MERGED_CLINICAL_CAP, length: merged.length },
    );
  }
  return merged;
}
