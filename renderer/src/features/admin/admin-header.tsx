import { routeHref } from '../../routing/routes.js';
import './admin.css';

type AdminTab = 'admin-staff' | 'admin-devices';

const TABS: readonly { route: AdminTab; label: string }[] = [
  { route: 'admin-staff', label: 'Staff' },
  { route: 'admin-devices', label: 'Devices' },
];

/** The Admin area's title and its sections as links (plain links: Tab and Enter work as usual). */
export function AdminHeader({ current, subtitle }: { current: AdminTab; subtitle: string }) {
  return (
    <div className="stack-sm">
      <div className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
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
