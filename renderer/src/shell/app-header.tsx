import { useApiQuery } from '../api/use-api-query.js';
import type { Route } from '../routing/routes.js';
import { ThemeToggle } from '../ui/theme-toggle.js';
import { SyncStatusIndicator } from './sync-status-indicator.js';

interface AppHeaderProps {
  route: Route;
  practiceName: string;
  onSearch: () => void;
  onHelp: () => void;
}

/** The header: practice, navigation, sync state, signed-in staff member. */
export function AppHeader({ route, practiceName, onSearch, onHelp }: AppHeaderProps) {
  const session = useApiQuery('session.current', {});
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="brand" href="#/today">
        <span className="brand-mark" aria-hidden="true">
          ✚
        </span>
        <span>{practiceName}</span>
      </a>
      <nav aria-label="Main" className="nav">
        <a className="nav-link" href="#/today" aria-current={current('today')}>
          Today
        </a>
        <button type="button" className="nav-link nav-search" onClick={onSearch}>
          Search <kbd>Ctrl K</kbd>
        </button>
        <a className="nav-link" href="#/inbox" aria-current={current('inbox')}>
          Inbox
        </a>
      </nav>
      <SyncStatusIndicator />
      <div className="header-tools">
        {session.data ? <span className="muted header-user">{session.data.display_name}</span> : null}
        <ThemeToggle />
        <button type="button" className="btn btn-ghost btn-sm" onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}
