import { z } from 'zod';
import { safeText, TEXT_CAPS, type TextKind } from './text.js';

/**
 * Field schemas shared by forms, the workstation and the server. Money and measures are
 * decimal strings (exact), dates 'YYYY-MM-DD', instants ISO 8601 with an offset.
 */

export const uuidSchema = z.uuid({ message: 'Not a valid id' });

/**
 * Trimmed text, empty becomes null (what a cleared form field means). Refuses control
 * characters (line breaks and tabs too unless `kind` is 'multiline') and broken characters.
 */
export const optionalText = (max: number, kind: TextKind = 'line') =>
  safeText(max, kind)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** Trimmed single-line text that may not be empty, with the text rules of `optionalText`. */
export const requiredText = (max: number, label: string) => safeText(max, 'line').min(1, `${label} is required`);

/** A decimal string with at most `scale` decimals, within bounds. */
export function decimalString(options: {
  scale: number;
  min?: number;
  exclusiveMin?: number;
  max?: number;
  label: string;
}) {
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${options.scale}})?$`);
  return z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .refine((value) => pattern.test(value), `${options.label} must be a number with at most ${options.scale} decimals`)
    .refine(
      (value) => options.exclusiveMin === undefined || Number(value) > options.exclusiveMin,
      `${options.label} must be greater than ${options.exclusiveMin}`,
    )
    .refine(
      (value) => options.min === undefined || Number(value) >= options.min,
      `${options.label} must be at least ${options.min}`,
    )
    .refine(
      (value) => options.max === undefined || Number(value) <= options.max,
      `${options.label} must be at most ${options.max}`,
    );
}

/** 'YYYY-MM-DD' that is a real calendar day. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'Not a real date',
  );

/** A calendar day not after today anywhere on Earth (the database's own rule, UTC+14). */
export const pastOrTodayDate = isoDate.refine(
  (value) => value <= new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10),
  'Cannot be in the future',
);

/** An instant with a time zone, normalised to ISO 8601 UTC. */
export const instant = z.iso
  .datetime({ offset: true, message: 'Not a valid date and time' })
  .transform((value) => new Date(value).toISOString());

export const emailSchema = safeText(TEXT_CAPS.email, 'line')
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .refine((value) => value === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), 'Not a valid e-mail address');
