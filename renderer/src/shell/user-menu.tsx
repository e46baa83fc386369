import { useEffect, useRef, useState } from 'react';
import { ChangePasswordDialog } from '../features/identity/change-password-dialog.js';
import { useSession, useSessionActions } from '../features/identity/session-context.js';
import { RoleBadge } from '../features/admin/role-badge.js';
import { formatDateTime, initials } from '../ui/format.js';

/**
 * The signed-in person in the header: a button with their name opening a small menu (a native
 * popover: Escape and a click outside close it) with who they are, whether they signed in
 * online or offline, and Change password, Lock (Ctrl+L) and Sign out.
 */
export function UserMenu() {
  const session = useSession();
  const { lock, signOut } = useSessionActions();
  const menu = useRef<HTMLDivElement>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const name = session.staff.displayName ?? session.staff.username;
  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    // Opening moves focus into the menu, so Tab and Enter reach its actions at once.
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === 'open') element.querySelector<HTMLElement>('button')?.focus();
    };
    element.addEventListener('toggle', onToggle);
    return () => {
      element.removeEventListener('toggle', onToggle);
    };
  }, []);
  const run = (action: () => void) => () => {
    menu.current?.hidePopover();
    action();
  };
  return (
    <>
      {session.mode === 'offline' ? (
        <span
          className="badge badge-warning"
          data-testid="offline-session"
          title="Your password was checked on this workstation, not by the server: admin work and record history need an online sign-in."
        >
          Signed in offline
        </span>
      ) : null}
      <button
        type="button"
        className="btn btn-ghost btn-sm user-menu-button"
        popoverTarget="user-menu"
        aria-haspopup="true"
        title={`Signed in as ${name}`}
        data-testid="user-menu-button"
      >
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="user-menu-name" data-testid="signed-in-name">
          {name}
        </span>
      </button>
      <div id="user-menu" ref={menu} popover="auto" className="user-menu" aria-label="Signed in as">
        <div className="user-menu-who">
          <strong>{name}</strong>
          <span className="muted mono">{session.staff.username}</span>
          <span className="row">
            <RoleBadge role={session.staff.role} />
            {session.mode === 'online' ? (
              <span className="badge badge-success">Online</span>
            ) : (
              <span className="badge badge-warning">Offline</span>
            )}
          </span>
          <span className="muted user-menu-note">
            {session.mode === 'online'
              ? `Signed in with the server${session.onlineSessionExpiresAt ? ` until ${formatDateTime(session.onlineSessionExpiresAt)}` : ''}.`
              : `Checked on this workstation; offline sign-in works here until ${formatDateTime(session.offlineUntil)}.`}
          </span>
        </div>
        <div className="user-menu-actions">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={run(() => {
              setChangingPassword(true);
            })}
          >
            Change password…
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={run(() => {
              lock(true);
            })}
          >
            Lock / switch user <kbd aria-hidden="true">Ctrl L</kbd>
          </button>
          <button type="button" className="btn btn-ghost" onClick={run(signOut)}>
            Sign out
          </button>
        </div>
      </div>
      <ChangePasswordDialog
        open={changingPassword}
        onClose={() => {
          setChangingPassword(false);
        }}
      />
    </>
  );
}
