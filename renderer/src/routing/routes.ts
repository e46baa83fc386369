/**
 * Hash routes (`#/today/2025-03-04`, `#/week/2025-03-03`, `#/owner/<id>`, `#/patient/<id>`,
 * `#/bill/<id>`, `#/sync-review` (also `#/inbox`, its old name), `#/admin/staff`, `#/admin/devices`, `#/admin/clinic`,
 * `#/admin/updates`, `#/admin/restore-gaps`,
 * `#/history/<table>/<id>`): they
 * work the same from a file:// page in Electron and from the web bridge, with no router package.
 */
export type Route =
  | { name: 'today'; date: string | null }
  /** The calendar week (Monday to Sunday) holding `date`; null: this week. */
  | { name: 'week'; date: string | null }
  | { name: 'owner'; id: string }
  | { name: 'patient'; id: string }
  | { name: 'bill'; id: string }
  /** Conflicts and refused changes: what sync could not settle alone. */
  | { name: 'sync-review' }
  | { name: 'admin-staff' }
  | { name: 'admin-devices' }
  /** The clinic's details as invoices print them (admins). */
  | { name: 'admin-clinic' }
  /** The update feed's channels and releases (admins, online only). */
  | { name: 'admin-updates' }
  /** Changes the last server restore could not bring back (admins, online only). */
  | { name: 'admin-restore-gaps' }
  /** One record's changes from the central audit trail (admins, online only). */
  | { name: 'history'; table: string; id: string }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/today';
  const [, first = '', second = '', third = ''] = path.split('/');
  switch (first) {
    case 'today':
      return { name: 'today', date: /^\d{4}-\d{2}-\d{2}$/.test(second) ? second : null };
    case 'week':
      return { name: 'week', date: /^\d{4}-\d{2}-\d{2}$/.test(second) ? second : null };
    case 'owner':
      return second ? { name: 'owner', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'patient':
      return second ? { name: 'patient', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'bill':
      return second ? { name: 'bill', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'sync-review':
    case 'inbox':
      return { name: 'sync-review' };
    case 'admin':
      if (second === 'staff' || second === '') return { name: 'admin-staff' };
      if (second === 'clinic') return { name: 'admin-clinic' };
      if (second === 'updates') return { name: 'admin-updates' };
      if (second === 'restore-gaps') return { name: 'admin-restore-gaps' };
      return second === 'devices' ? { name: 'admin-devices' } : { name: 'not-found', path };
    case 'history':
      return second && third
        ? { name: 'history', table: decodeURIComponent(second), id: decodeURIComponent(third) }
        : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'today':
      return route.date ? `#/today/${route.date}` : '#/today';
    case 'week':
      return route.date ? `#/week/${route.date}` : '#/week';
    case 'owner':
      return `#/owner/${encodeURIComponent(route.id)}`;
    case 'patient':
      return `#/patient/${encodeURIComponent(route.id)}`;
    case 'bill':
      return `#/bill/${encodeURIComponent(route.id)}`;
    case 'sync-review':
      return '#/sync-review';
    case 'admin-staff':
      return '#/admin/staff';
    case 'admin-devices':
      return '#/admin/devices';
    case 'admin-clinic':
      return '#/admin/clinic';
    case 'admin-updates':
      return '#/admin/updates';
    case 'admin-restore-gaps':
      return '#/admin/restore-gaps';
    case 'history':
      return `#/history/${encodeURIComponent(route.table)}/${encodeURIComponent(route.id)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route).slice(1);
}
