import { describe, expect, it } from 'vitest';
import { newId } from '../../../../core/ids.js';
import { WorkstationBackend } from '../../../../electron/backend/backend.js';
import { useLocalReplica } from '../../../helpers/local-replica.js';
import { DevelopmentIdentity } from '../../../../electron/backend/identity/development-identity.js';

const clinic = (id: string, name: string) => ({
  id,
  name,
  address: '14 Western Road, Cork',
  phone: '021 490 2217',
  email: 'desk@example.org',
  timezone: 'Europe/Dublin',
  currency: 'EUR',
  created_at: '2026-01-01 09:00:00+00',
  updated_at: '2026-01-01 09:00:00+00',
  version: 1,
});
const staff = (id: string, clinicId: string) => ({
  id,
  clinic_id: clinicId,
  role: 'front_desk',
  display_name: 'Fran Desk',
  username: 'fran',
  email: 'fran@example.org',
  created_at: '2026-01-01 09:00:00+00',
  updated_at: '2026-01-01 09:00:00+00',
  version: 1,
  deleted_at: null,
});

describe('clinic.current', () => {
  const { replica } = useLocalReplica();
  const backend = (staffId: string) =>
    new WorkstationBackend(replica(), null, new DevelopmentIdentity(replica(), newId(), staffId, 'http://127.0.0.1:9'));

  it('is null before the first sync brings the clinic', async () => {
    await expect(backend(newId()).call('clinic.current', {})).resolves.toBeNull();
  });

  it("returns the signed-in staff member's clinic with its name, contact, time zone and currency", async () => {
    // The other clinic sorts first by id, so only the staff member's clinic_id can pick the right one.
    const [other, mine] = [newId(), newId()].sort() as [string, string];
    const staffId = newId();
    replica().applyServerChanges(
      'clinics',
      [
        { operation: 'insert', row: clinic(other, 'Elsewhere') },
        { operation: 'insert', row: clinic(mine, 'Lee Valley') },
      ],
      ['1'],
    );
    replica().applyServerChanges('staff', [{ operation: 'insert', row: staff(staffId, mine) }], ['2']);
    await expect(backend(staffId).call('clinic.current', {})).resolves.toMatchObject({
      id: mine,
      name: 'Lee Valley',
      address: '14 Western Road, Cork',
      phone: '021 490 2217',
      email: 'desk@example.org',
      timezone: 'Europe/Dublin',
      currency: 'EUR',
    });
  });

  it("falls back to the replica's clinic while the staff row has not arrived", async () => {
    const id = newId();
    replica().applyServerChanges('clinics', [{ operation: 'insert', row: clinic(id, 'Lee Valley') }], ['1']);
    await expect(backend(newId()).call('clinic.current', {})).resolves.toMatchObject({ id, name: 'Lee Valley' });
  });
});
