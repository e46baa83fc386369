import { errorCodeOf, type ErrorCode } from '../../../core/errors.js';
import { errorMessage } from './errors.js';
import { fieldErrors } from './field-errors.js';

/** How a form explains one error code: under a field of its own, or in the form's alert. */
export interface KnownProblem<Field extends string> {
  field?: Field;
  message: string;
}

/** What a form shows for a failed submission. */
export interface FormProblem<Field extends string> {
  /** Messages under the form's own fields. */
  fields: Partial<Record<Field, string>>;
  /** One message for the whole form, or null when every problem has its field. */
  alert: string | null;
}

/**
 * Splits an operation's error into what a form shows: VALIDATION_FAILED issues under the
 * form's `fields` (issues about other paths join the alert), a code listed in `known` where it
 * says, anything else as the backend's own sentence in the alert. Pure; never throws.
 */
export function formProblem<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  known: Partial<Record<ErrorCode, KnownProblem<Field>>> = {},
): FormProblem<Field> {
  const code = errorCodeOf(error);
  const explained = code === undefined ? undefined : known[code];
  if (explained) {
    return explained.field
      ? { fields: { [explained.field]: explained.message } as Partial<Record<Field, string>>, alert: null }
      : { fields: {}, alert: explained.message };
  }
  const byPath = fieldErrors(error);
  const result: Partial<Record<Field, string>> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(byPath)) {
    const field = fields.find((name) => name === path);
    if (field) result[field] = message;
    else others.push(path === '' ? message : `${path}: ${message}`);
  }
  if (Object.keys(byPath).length > 0) return { fields: result, alert: others.length > 0 ? others.join(' · ') : null };
  return { fields: {}, alert: errorMessage(error) };
}
