import { ADMIN_PAGES, STAFF_ROLES, type StaffRole } from '@shared/admin-client';
import { DashboardIcon } from 'tdesign-icons-vue-next';
import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';

import { consoleRoutes } from '../router/routes';
import { menuFor } from './menu';

const page = () => Promise.resolve({ render: () => null });
const icon = DashboardIcon;

/** A console with pages for different roles, as the next features will add them. */
const fixture: RouteRecordRaw[] = [
  {
    path: 'staff',
    name: 'staff',
    component: page,
    meta: { title: '员工账号', roles: ['ops'], menu: { icon, order: 9 } },
  },
  { path: 'home', name: 'home', component: page, meta: { title: '工作台', menu: { icon, order: 0 } } },
  {
    path: 'orders',
    name: 'orders',
    component: page,
    meta: { title: '订单', roles: ['ops', 'merchant', 'service'], menu: { icon, order: 2 } },
  },
  {
    path: 'products',
    name: 'products',
    component: page,
    meta: { title: '商品', roles: ['ops', 'merchant'], menu: { icon, order: 1 } },
  },
  {
    path: 'refunds',
    name: 'refunds',
    component: page,
    meta: { title: '售后', roles: ['ops', 'service'], menu: { icon, order: 3 } },
  },
  { path: 'hidden', name: 'hidden', component: page, meta: { title: '不在菜单', roles: ['ops'] } },
];

const titles = (role: StaffRole, routes = fixture) => menuFor(role, routes).map((entry) => entry.title);

describe('the side menu', () => {
  it('shows each role exactly the pages it may open, in order', () => {
    expect(titles('ops')).toEqual(['工作台', '商品', '订单', '售后', '员工账号']);
    expect(titles('merchant')).toEqual(['工作台', '商品', '订单']);
    expect(titles('service')).toEqual(['工作台', '订单', '售后']);
  });

  it('is built from the console’s routes, whose roles come from the shared page table', () => {
    for (const role of STAFF_ROLES) {
      const expected = consoleRoutes
        .filter((route) => route.meta?.menu && route.meta.page && ADMIN_PAGES[route.meta.page].roles.includes(role))
        .map((route) => route.meta?.title);
      expect(titles(role, consoleRoutes)).toEqual(expected);
      expect(titles(role, consoleRoutes)).toContain('工作台');
    }
  });

  it('takes every permissioned page’s title and roles from ADMIN_PAGES, and has a route for each', () => {
    const permissioned = consoleRoutes.filter((route) => route.meta?.page);
    expect(permissioned.map((route) => route.meta?.page).sort()).toEqual(Object.keys(ADMIN_PAGES).sort());
    for (const route of permissioned) {
      const entry = ADMIN_PAGES[route.meta!.page!];
      expect(route.meta?.roles).toEqual(entry.roles);
      expect(route.meta?.title).toBe(entry.title);
    }
  });
});
