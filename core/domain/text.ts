import { z } from 'zod';

/**
 * The rules every stored string obeys, on every side (forms, workstation, server). PostgreSQL
 * cannot store U+0000 in text or jsonb, unpaired surrogates are not Unicode at all, and an
 * unbounded string can outgrow an index row: input like that must be refused at the boundary,
 * where the refusal names the field, not deep in a transaction where it blocks a queue.
 */

/** The kind of a text field: a single line (names, e-mail, phone) or free multi-line text. */
export type TextKind = 'line' | 'multiline';

/** Caps per field kind, in UTF-16 code units (what `String.length` and zod count). */
export const TEXT_CAPS = {
  /** A person's or animal's name, a city, a breed. */
  name: 100,
  /** RFC 5321's limit for a forward path. */
  email: 254,
  phone: 40,
  postcode: 20,
  /** A short line: an address, a title, a reference, a reason. */
  line: 500,
  /** Notes and alerts. */
  freeText: 5000,
  /** One SOAP section of a medical record. */
  clinical: 20_000,
} as const;

/**
 * Most characters a SOAP section may hold on the server once two versions edited at once were
 * both kept (sync/server/field-merge.ts): two full sections and the separator line between them.
 * The central database's CHECK (migration 0012) holds the same number; a merge that would
 * outgrow it is rejected, never cut short.
 */
export const MERGED_CLINICAL_CAP = 2 * TEXT_CAPS.clinical + 1_000;

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are handled per kind.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Without the `u` flag, so surrogate halves are seen one by one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `value` may not be stored as text of `kind`, or undefined when it may.
 * Never throws.
 */
export function textProblem(value: string, kind: TextKind): string | undefined {
  if (UNPAIRED_SURROGATE.test(value)) return 'Contains a broken character';
  if ((kind === 'line' ? LINE_FORBIDDEN : MULTILINE_FORBIDDEN).test(value)) {
    return kind === 'line' ? 'Contains a control character or a line break' : 'Contains a control character';
  }
  return undefined;
}

/**
 * A trimmed string of at most `max` code units that obeys the text rules of `kind`; every
 * string field of every mutation is built from it (through `optionalText`, `requiredText`,
 * `emailSchema`). Parsing never throws; a refusal is a zod issue on the field.
 */
export function safeText(max: number, kind: TextKind) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .superRefine((value, context) => {
      const problem = textProblem(value, kind);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
}
