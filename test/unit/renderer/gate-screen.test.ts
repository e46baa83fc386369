import { describe, expect, it } from 'vitest';
import type { IdentityState, SessionView } from '../../../core/api/identity-views.js';
import { gateScreen } from '../../../renderer/src/features/identity/gate-screen.js';

const enrolled = {
  state: 'enrolled',
  deviceId: '0190c0de-0000-7000-8000-000000000001',
  deviceName: 'Front desk 1',
  serverUrl: 'https://vetdesk.clinic.lan:8787',
  clinicName: 'Riverside Vets',
} as const;

const session: SessionView = {
  staff: {
    id: '0190c0de-0000-7000-8000-000000000002',
    clinicId: null,
    username: 'jo',
    displayName: 'Jo Park',
    role: 'vet',
  },
  mode: 'online',
  signedInAt: '2026-12-02T08:00:00.000Z',
  onlineSessionExpiresAt: '2026-12-02T20:00:00.000Z',
  offlineUntil: '2026-12-16T08:00:00.000Z',
};

const locked = { staffId: session.staff.id, username: 'jo', displayName: 'Jo Park' };

function state(changes: Partial<IdentityState>): IdentityState {
  return { enrolment: enrolled, session: null, locked: null, idleLockMinutes: 10, knownUsers: [], ...changes };
}

describe('gateScreen', () => {
  it('sets up a workstation that is not enrolled, whatever else the state says', () => {
    expect(gateScreen(state({ enrolment: { state: 'not_enrolled' } }), false)).toBe('first-run');
    expect(gateScreen(state({ enrolment: { state: 'not_enrolled' }, session }), true)).toBe('first-run');
  });

  it('shows only the revoked notice on a revoked workstation, even with a session', () => {
    const revoked = { ...enrolled, state: 'revoked', pendingChanges: 3 } as const;
    expect(gateScreen(state({ enrolment: revoked, session }), false)).toBe('revoked');
  });

  it('shows the app to a signed-in person', () => {
    expect(gateScreen(state({ session }), false)).toBe('app');
    expect(gateScreen(state({ session }), true)).toBe('app');
  });

  it('shows the lock screen for a locked session, and sign-in when switching user', () => {
    expect(gateScreen(state({ locked }), false)).toBe('locked');
    expect(gateScreen(state({ locked }), true)).toBe('sign-in');
  });

  it('asks to sign in when nobody is signed in', () => {
    expect(gateScreen(state({}), false)).toBe('sign-in');
  });
});
