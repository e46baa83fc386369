import type { OwnerFormValues } from './owner-form.js';

/**
 * What a search that found nothing says about the person to register: an e-mail address, a
 * phone number, or a name ("Liam Jensen": first name Liam, last name Jensen; a single word is
 * taken as the last name, which staff search by most).
 */
export function ownerPrefill(typed: string): OwnerFormValues {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (text === '') return {};
  if (text.includes('@')) return { email: text };
  if (/^[\d\s\-().+/]+$/.test(text)) return { phone: text };
  const words = text.split(' ');
  if (words.length === 1) return { last_name: text };
  return { first_name: words.slice(0, -1).join(' '), last_name: words.at(-1) ?? '' };
}
