import type { ReactNode } from 'react';
import { routeHref } from '../../routing/routes.js';
import './admin.css';

type AdminTab = 'admin-staff' | 'admin-devices' | 'admin-clinic' | 'admin-updates' | 'admin-restore-gaps';

const TABS: readonly { route: AdminTab; label: string }[] = [
  { route: 'admin-staff', label: 'Staff' },
  { route: 'admin-devices', label: 'Devices' },
  { route: 'admin-clinic', label: 'Clinic' },
  { route: 'admin-updates', label: 'Updates' },
  { route: 'admin-restore-gaps', label: 'Restore gaps' },
];

interface AdminHeaderProps {
  current: AdminTab;
  subtitle: string;
  /** The section's main actions, beside the title. */
  children?: ReactNode;
}

/** The Admin area's title and its sections as links (plain links: Tab and Enter work as usual). */
export function AdminHeader({ current, subtitle, children }: AdminHeaderProps) {
  return (
    <div className="stack-sm">
      <div className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
        {children ? <div className="row">{children}</div> : null}
      </div>
      <nav className="admin-tabs" aria-label="Admin sections">
        {TABS.map((tab) => (
          <a
            key={tab.route}
            className="admin-tab"
            href={routeHref({ name: tab.route })}
            aria-current={tab.route === current ? 'page' : undefined}
          >
            {tab.label}
          </a>
        ))}
      </nav>
    </div>
  );
}
