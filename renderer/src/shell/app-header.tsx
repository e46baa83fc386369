import { useCan } from '../features/identity/session-context.js';
import type { Route } from '../routing/routes.js';
import { ThemeToggle } from '../ui/theme-toggle.js';
import { SyncStatusIndicator } from './sync-status-indicator.js';
import { UpdateIndicator } from './update-indicator.js';
import { PRODUCT_NAME } from './use-clinic.js';
import { UserMenu } from './user-menu.js';

interface AppHeaderProps {
  route: Route;
  /** The clinic's name, or the product's while no clinic has arrived. */
  practiceName: string;
  onSearch: () => void;
  onHelp: () => void;
}

/** The header: practice, navigation (Admin for those who may), sync and update state, the signed-in person's menu. */
export function AppHeader({ route, practiceName, onSearch, onHelp }: AppHeaderProps) {
  const can = useCan();
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="brand" href="#/today" title={practiceName}>
        <span className="brand-mark" aria-hidden="true">
          ✚
        </span>
        <span className="brand-name">{practiceName}</span>
        {practiceName === PRODUCT_NAME ? null : <span className="brand-product">{PRODUCT_NAME}</span>}
      </a>
      <nav aria-label="Main" className="nav">
        <a className="nav-link" href="#/today" aria-current={current('today') ?? current('week')}>
          Today
        </a>
        <button type="button" className="nav-link nav-search" onClick={onSearch}>
          Search <kbd>Ctrl K</kbd>
        </button>
        <a className="nav-link" href="#/sync-review" aria-current={current('sync-review')}>
          Sync review
        </a>
        {can({ operation: 'admin.staff' }) ? (
          <a
            className="nav-link"
            href="#/admin/staff"
            aria-current={route.name.startsWith('admin-') ? 'page' : undefined}
          >
            Admin
          </a>
        ) : null}
      </nav>
      <SyncStatusIndicator />
      <UpdateIndicator />
      <div className="header-tools">
        <UserMenu />
        <ThemeToggle />
        <button type="button" className="btn btn-ghost btn-sm" onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}
