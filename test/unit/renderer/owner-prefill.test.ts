import { describe, expect, it } from 'vitest';
import { ownerPrefill } from '../../../renderer/src/features/owners/owner-prefill.js';

describe('ownerPrefill', () => {
  it('reads a search that found nobody as a name, a phone number or an e-mail', () => {
    expect(ownerPrefill('  Liam   Jensen ')).toEqual({ first_name: 'Liam', last_name: 'Jensen' });
    expect(ownerPrefill('Anna Maria de Vries')).toEqual({ first_name: 'Anna Maria de', last_name: 'Vries' });
    expect(ownerPrefill('Jensen')).toEqual({ last_name: 'Jensen' });
    expect(ownerPrefill('06-12 34 56 78')).toEqual({ phone: '06-12 34 56 78' });
    expect(ownerPrefill('+44 (0)20 7946 0000')).toEqual({ phone: '+44 (0)20 7946 0000' });
    expect(ownerPrefill('liam@example.org')).toEqual({ email: 'liam@example.org' });
    expect(ownerPrefill('   ')).toEqual({});
  });
});
