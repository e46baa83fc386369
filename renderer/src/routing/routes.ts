/**
 * Hash routes (`#/today/2025-03-04`, `#/owner/<id>`, `#/patient/<id>`, `#/bill/<id>`, `#/inbox`): they work
 * the same from a file:// page in Electron and from the web bridge, with no router package.
 */
export type Route =
  | { name: 'today'; date: string | null }
  | { name: 'owner'; id: string }
  | { name: 'patient'; id: string }
  | { name: 'bill'; id: string }
  | { name: 'inbox' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/today';
  const [, first = '', second = ''] = path.split('/');
  switch (first) {
    case 'today':
      return { name: 'today', date: /^\d{4}-\d{2}-\d{2}$/.test(second) ? second : null };
    case 'owner':
      return second ? { name: 'owner', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'patient':
      return second ? { name: 'patient', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'bill':
      return second ? { name: 'bill', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'inbox':
      return { name: 'inbox' };
    default:
      return { name: 'not-found', path };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'today':
      return route.date ? `#/today/${route.date}` : '#/today';
    case 'owner':
      return `#/owner/${encodeURIComponent(route.id)}`;
    case 'patient':
      return `#/patient/${encodeURIComponent(route.id)}`;
    case 'bill':
      return `#/bill/${encodeURIComponent(route.id)}`;
    case 'inbox':
      return '#/inbox';
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route).slice(1);
}
