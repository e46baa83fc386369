import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../../renderer/src/routing/routes.js';

describe('the admin routes', () => {
  it.each([
    ['#/admin/updates', { name: 'admin-updates' }],
    ['#/admin/restore-gaps', { name: 'admin-restore-gaps' }],
  ] as [string, Route][])('reads %s and writes it back the same', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(routeHref(route)).toBe(hash);
  });

  it('treats an unknown admin section as a page that does not exist', () => {
    expect(parseRoute('#/admin/update')).toEqual({ name: 'not-found', path: '/admin/update' });
  });
});
