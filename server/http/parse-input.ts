import type { z } from 'zod';
import { validationError } from '../../core/errors.js';

/**
 * `value` (a body, params or query) parsed by its shared schema.
 * @throws AppError VALIDATION_FAILED (400) with every issue, worded by `message`.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  message: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, message);
  return parsed.data;
}
