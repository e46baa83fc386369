import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXT_CAPS, textProblem } from '../../../core/domain/text.js';
import { ownerFields, medicalRecordFields } from '../../../core/domain/entities.js';
import { ownerCreate } from '../../../core/mutations/owners.js';

const OWNER = {
  id: '0190a000-0000-7000-8000-000000000001',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: null,
  phone: null,
  address: null,
  city: null,
  postcode: null,
  notes: null,
};

const control = fc.integer({ min: 0, max: 0x9f }).filter((code) => code < 0x20 || code >= 0x7f);
const lineBreakOrTab = fc.constantFrom('\t', '\n', '\r');
const forbiddenInMultiline = control
  .filter((code) => code !== 0x09 && code !== 0x0a && code !== 0x0d)
  .map((code) => String.fromCharCode(code));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

describe('text rules', () => {
  it('refuses any C0/C1 control character in a name, wherever it sits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), control, fc.string({ maxLength: 40 }), (before, code, after) => {
        const name = `A${before}${String.fromCharCode(code)}${after}Z`;
        expect(textProblem(name, 'line')).toBeDefined();
        expect(ownerCreate.args.safeParse({ ...OWNER, last_name: name }).success).toBe(false);
      }),
    );
  });

  it('refuses control characters in multi-line text but keeps tabs and line breaks', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), forbiddenInMultiline, (text, bad) => {
        expect(textProblem(`a${text}${bad}b`, 'multiline')).toBeDefined();
        expect(ownerFields.shape.notes.safeParse(`a${bad}b`).success).toBe(false);
      }),
    );
    fc.assert(
      fc.property(lineBreakOrTab, (allowed) => {
        expect(ownerFields.shape.notes.parse(`one${allowed}two`)).toBe(`one${allowed}two`);
        expect(medicalRecordFields.shape.plan.parse(`one${allowed}two`)).toBe(`one${allowed}two`);
        expect(ownerFields.shape.city.safeParse(`one${allowed}two`).success).toBe(false);
      }),
    );
  });

  it('refuses unpaired surrogates and accepts paired ones', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), loneSurrogate, (text, lone) => {
        // A high half followed by a low half would pair up; keep the lone one alone.
        const value = `x${lone}x${text.replace(/[\uD800-\uDFFF]/g, '')}`;
        expect(textProblem(value, 'multiline')).toBe('Contains a broken character');
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(textProblem(text, 'multiline')).toBeUndefined();
      }),
    );
  });

  it('caps every string: a 300 kB e-mail or name is refused', () => {
    const huge = `${'a'.repeat(300_000)}@example.org`;
    const parsed = ownerCreate.args.safeParse({ ...OWNER, email: huge });
    expect(parsed.success).toBe(false);
    expect(ownerCreate.args.safeParse({ ...OWNER, first_name: 'a'.repeat(101) }).success).toBe(false);
    expect(ownerFields.shape.email.parse(`${'a'.repeat(TEXT_CAPS.email - 12)}@example.org`)).toHaveLength(254);
    expect(ownerFields.shape.email.safeParse(`${'a'.repeat(TEXT_CAPS.email - 11)}@example.org`).success).toBe(false);
  });

  it('still accepts ordinary names, accents and emoji', () => {
    expect(ownerCreate.args.parse({ ...OWNER, last_name: '  Ðørèn-O’Brien 🐕 ' }).last_name).toBe('Ðørèn-O’Brien 🐕');
  });
});
