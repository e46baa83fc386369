import { detailsIf, ErrorCode } from '../../../core/errors.js';

/**
 * Field errors of a VALIDATION_FAILED error (an AppError or its wire form), keyed by the
 * dotted path of the field in the validated input (`amount`, `changes.city`); the first error
 * of a field wins. Reads every issue shape VetDesk ever sent (core/errors.ts
 * `issuesFromDetails`), so refusals stored by an older version still point at their fields.
 * Any other error has no field errors: `{}`.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of detailsIf(error, ErrorCode.ValidationFailed)?.issues ?? []) {
    errors[issue.path.join('.')] ??= issue.message;
  }
  return errors;
}
