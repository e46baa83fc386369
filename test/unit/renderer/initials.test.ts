import { describe, expect, it } from 'vitest';
import { initials } from '../../../renderer/src/ui/format.js';

describe('initials', () => {
  it('takes the first and last name, skipping titles', () => {
    expect(initials('Dr Dónal Wilson')).toBe('DW');
    expect(initials('Dr. Mateus de Souza Murray')).toBe('MM');
    expect(initials('prof Ana Lima')).toBe('AL');
    expect(initials('  Liam   Jensen ')).toBe('LJ');
  });

  it('has one letter for one name and a question mark for none', () => {
    expect(initials('Cher')).toBe('C');
    expect(initials('Dr')).toBe('?');
    expect(initials('')).toBe('?');
    expect(initials(null)).toBe('?');
  });
});
