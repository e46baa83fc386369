import { z } from 'zod';

/** One field of a refused change that staff may correct before sending it again. */
export interface EditableField {
  /** Where the value sits in the arguments, dotted: `amount`, `changes.city`. */
  key: string;
  /** The name shown to staff: the last part of the key. */
  name: string;
  /** The value as the form shows it ('' for null). */
  text: string;
  kind: 'text' | 'long-text' | 'number' | 'choice';
  /** For `choice`: the values the change's schema allows. */
  choices?: readonly string[];
  /** Whether the schema accepts no value (an emptied field is sent as null). */
  nullable?: boolean;
}

/** Identity and bookkeeping: changing these would make it a different change, not a fix. */
const FIXED_KEYS = new Set(['id', 'base', 'baseVersion', 'deleteAtVersion']);
/** Edits keep their values under `changes` (see core/mutations/define.ts editArgs). */
const NESTED_KEYS = new Set(['changes']);
const LONG_TEXT = 120;

/** The schema of one argument, without optional/nullable/default wrappers. */
function fieldSchema(schema: z.ZodType | undefined, path: readonly string[]): { inner?: z.ZodType; nullable: boolean } {
  let current: z.ZodType | undefined = schema;
  let nullable = false;
  const unwrap = () => {
    for (;;) {
      if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
        nullable = true;
        current = current.unwrap() as z.ZodType;
      } else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
      else return;
    }
  };
  for (const part of path) {
    unwrap();
    current = current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodType>)[part] : undefined;
  }
  unwrap();
  return current ? { inner: current, nullable } : { nullable };
}

function describeField(key: string, name: string, value: unknown, schema: z.ZodType | undefined): EditableField | null {
  if (FIXED_KEYS.has(name) || name.endsWith('_id')) return null;
  const { inner, nullable } = fieldSchema(schema, key.split('.'));
  const base = { key, name, ...(nullable ? { nullable } : {}) };
  if (inner instanceof z.ZodEnum && (typeof value === 'string' || value === null)) {
    return { ...base, text: value ?? '', kind: 'choice', choices: inner.options.map(String) };
  }
  if (typeof value === 'number') return { ...base, text: String(value), kind: 'number' };
  if (typeof value === 'string' || value === null) {
    const text = value ?? '';
    return { ...base, text, kind: text.length > LONG_TEXT || text.includes('\n') ? 'long-text' : 'text' };
  }
  return null;
}

/**
 * The fields of a refused change's arguments that can be corrected in a form: plain strings,
 * numbers and nulls, at the top level or under `changes` (an edit), except ids (`id`,
 * `*_id`) and the edit base. Values the mutation's `schema` lists as an enum become a choice.
 * Other nested values are left as they were. Order follows the arguments.
 */
export function editableFields(args: unknown, schema?: z.ZodType): EditableField[] {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return [];
  const fields: EditableField[] = [];
  for (const [name, value] of Object.entries(args as Record<string, unknown>)) {
    if (NESTED_KEYS.has(name) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        const field = describeField(`${name}.${inner}`, inner, innerValue, schema);
        if (field) fields.push(field);
      }
      continue;
    }
    const field = describeField(name, name, value, schema);
    if (field) fields.push(field);
  }
  return fields;
}

/**
 * The arguments with the corrected values put back: an emptied field becomes null, a number
 * field a number (or the typed text when it is not one, so the schema names the problem).
 * Everything not edited is kept exactly; the arguments given are not changed.
 */
export function withEdits(
  args: unknown,
  edits: Readonly<Record<string, string>>,
  schema?: z.ZodType,
): Record<string, unknown> {
  const result = structuredClone(args) as Record<string, unknown>;
  for (const field of editableFields(args, schema)) {
    const text = edits[field.key];
    if (text === undefined || text === field.text) continue;
    const value =
      text.trim() === '' ? null : field.kind === 'number' && Number.isFinite(Number(text)) ? Number(text) : text;
    const path = field.key.split('.');
    const last = path.pop() ?? field.key;
    let target = result;
    for (const part of path) target = target[part] as Record<string, unknown>;
    target[last] = value;
  }
  return result;
}
