import { describe, expect, it } from 'vitest';
import type { RouteMeta } from 'vue-router';

import { decide, type GuardStaff, type GuardTarget, safeRedirect } from './guard';
import { ROUTE_NAMES } from './routes';

const to = (name: string, fullPath: string, meta: Partial<RouteMeta> = {}, query = {}): GuardTarget => ({
  name,
  fullPath,
  meta: { title: name, ...meta },
  query,
});

const ops: GuardStaff = { role: 'ops', mustChangePassword: false };
const merchant: GuardStaff = { role: 'merchant', mustChangePassword: false };
const fresh: GuardStaff = { role: 'service', mustChangePassword: true };

const opsOnly = to('staff', '/staff?page=2', { roles: ['ops'] });
const workbench = to(ROUTE_NAMES.workbench, '/workbench', { roles: ['ops', 'merchant', 'service'] });
const login = (query = {}) => to(ROUTE_NAMES.login, '/login', { public: true }, query);

describe('the router guard', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', () => {
    expect(decide(opsOnly, null)).toEqual({ name: ROUTE_NAMES.login, query: { redirect: '/staff?page=2' } });
    expect(decide(to('root', '/'), null)).toEqual({ name: ROUTE_NAMES.login, query: {} });
    expect(decide(login(), null)).toBe(true);
    expect(decide(to(ROUTE_NAMES.notFound, '/nope', { public: true }), null)).toBe(true);
  });

  it('lets each role open its pages and shows 无权限 for the others', () => {
    expect(decide(opsOnly, ops)).toBe(true);
    expect(decide(opsOnly, merchant)).toEqual({ name: ROUTE_NAMES.forbidden, query: { from: '/staff?page=2' } });
    expect(decide(workbench, merchant)).toBe(true);
    expect(decide(to(ROUTE_NAMES.forbidden, '/403'), merchant)).toBe(true);
  });

  it('sends a staff member who must change their password to that page first', () => {
    expect(decide(workbench, fresh)).toEqual({ name: ROUTE_NAMES.changePassword, query: { redirect: '/workbench' } });
    expect(decide(to(ROUTE_NAMES.changePassword, '/account/password'), fresh)).toBe(true);
  });

  it('takes a signed-in staff member away from the login page, to where they were going if it is safe', () => {
    expect(decide(login(), ops)).toEqual({ name: ROUTE_NAMES.workbench });
    expect(decide(login({ redirect: '/staff?page=2' }), ops)).toBe('/staff?page=2');
    expect(decide(login({ redirect: '//evil.example/x' }), ops)).toEqual({ name: ROUTE_NAMES.workbench });
  });

  it('only redirects to a path inside the console', () => {
    expect(safeRedirect('/orders?tab=1#top')).toBe('/orders?tab=1#top');
    expect(safeRedirect(['/a', '/b'])).toBe('/a');
    for (const unsafe of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null])
      expect(safeRedirect(unsafe)).toBeUndefined();
    expect(safeRedirect('/login?redirect=/x')).toBeUndefined();
    expect(safeRedirect(undefined)).toBeUndefined();
  });
});
