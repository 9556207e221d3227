/**
 * Where a navigation may go, decided from the page's meta and the signed-in member of staff only (no I/O),
 * so every rule is unit-tested: public pages are open; anything else needs a session; a staff member who
 * must change their password goes to that page first; a page outside their role shows 无权限. The server
 * refuses the same actions whatever the console shows (the guard is for people, not for security).
 */
import type { StaffRole } from '@shared/admin-client';
import type { LocationQuery, RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router';

import { ROUTE_NAMES } from './routes';

export interface GuardStaff {
  readonly role: StaffRole;
  readonly mustChangePassword: boolean;
}

export interface GuardTarget {
  readonly name?: RouteRecordNameGeneric;
  readonly fullPath: string;
  readonly meta: RouteMeta;
  readonly query: LocationQuery;
}

/** `true` to go on, or where to go instead. */
export function decide(to: GuardTarget, staff: GuardStaff | null): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === ROUTE_NAMES.login && staff)
      return safeRedirect(to.query.redirect) ?? { name: ROUTE_NAMES.workbench };
    return true;
  }
  if (!staff) return { name: ROUTE_NAMES.login, query: returnTo(to) };
  if (staff.mustChangePassword && to.name !== ROUTE_NAMES.changePassword) {
    return { name: ROUTE_NAMES.changePassword, query: returnTo(to) };
  }
  if (to.meta.roles && !to.meta.roles.includes(staff.role)) {
    return { name: ROUTE_NAMES.forbidden, query: { from: to.fullPath } };
  }
  return true;
}

/** `?redirect=` back to where the staff member was going; the console's home needs none. */
function returnTo(to: GuardTarget): LocationQuery {
  return to.fullPath === '/' ? {} : { redirect: to.fullPath };
}

/**
 * A `redirect` query as a path inside the console, or undefined: only a single absolute path (`/x`),
 * never `//host` or `/\host` (which a browser reads as another origin), never the login page again.
 */
export function safeRedirect(value: LocationQuery[string] | undefined): string | undefined {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || !/^\/(?![/\\])/.test(path)) return undefined;
  if (/^\/login(?:[/?#]|$)/.test(path)) return undefined;
  return path;
}
