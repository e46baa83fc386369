import { describe, expect, it } from 'vitest';
import { rejectionTarget } from '../../../renderer/src/features/inbox/rejection-target.js';

const A = '0195f0a0-0000-7000-8000-0000000000a1';
const B = '0195f0a0-0000-7000-8000-0000000000b1';

describe('rejectionTarget', () => {
  it('points at the parent record a change belongs to', () => {
    expect(rejectionTarget('payment.record', { id: A, bill_id: B, amount: '1.00' })).toEqual({ table: 'bills', id: B });
    expect(rejectionTarget('patient.create', { id: A, owner_id: B })).toEqual({ table: 'owners', id: B });
    expect(rejectionTarget('bill.create', { id: A, owner_id: B, patient_id: A })).toEqual({ table: 'patients', id: A });
  });

  it('points at the edited row itself, but never at a refused new row', () => {
    expect(rejectionTarget('owner.update', { id: A, changes: {} })).toEqual({ table: 'owners', id: A });
    expect(rejectionTarget('bill.send', { id: A })).toEqual({ table: 'bills', id: A });
    expect(rejectionTarget('owner.create', { id: A })).toBeNull();
    expect(rejectionTarget('appointment.cancel', { id: A })).toBeNull();
    expect(rejectionTarget('owner.update', null)).toBeNull();
  });
});
