import { z } from 'zod';
import { TEXT_CAPS } from './text.js';
import { emailSchema, optionalText, requiredText } from './values.js';

/** Most days after issue a clinic may set as its default due date (the database holds the same range). */
export const MAX_DUE_DAYS = 365;

/**
 * The clinic details an admin maintains, as an invoice prints them: who issues it, how to reach
 * them, their tax registration (VAT) number, and the payment terms with the default number of
 * days until a bill is due. The central database holds the same caps (its `_length_cap` checks).
 */
export const clinicFields = z.object({
  name: requiredText(200, 'Clinic name'),
  address: optionalText(TEXT_CAPS.line, 'multiline'),
  phone: optionalText(TEXT_CAPS.phone),
  email: emailSchema,
  tax_registration_number: optionalText(50),
  payment_terms: optionalText(1000, 'multiline'),
  default_due_days: z
    .number({ message: 'Days until due must be a whole number' })
    .int('Days until due must be a whole number')
    .min(0, 'Days until due cannot be negative')
    .max(MAX_DUE_DAYS, `At most ${MAX_DUE_DAYS} days`),
});
export type ClinicFields = z.infer<typeof clinicFields>;
